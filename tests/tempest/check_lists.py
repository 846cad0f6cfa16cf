"""Fail unless every regex of the curated list selects at least one test of the installed tempest.

tempest run matches the regexes against a test's whole id, attributes included
("...test_foo[id-...,smoke]"), so a line ending in $ silently selects nothing; a test renamed
upstream would vanish the same way. Run by make tempest before the run:
  python tests/tempest/check_lists.py TEMPEST INCLUDE EXCLUDE  (TEMPEST: the venv's tempest, run
  in the workspace)."""
import re
import subprocess
import sys


def regexes(path):
    with open(path) as handle:
        return [line.strip() for line in handle if line.strip() and not line.startswith("#")]


def main(tempest, include, exclude):
    listed = subprocess.run([tempest, "run", "--list-tests", "--include-list", include, "--exclude-list", exclude],
                            check=True, capture_output=True, text=True).stdout.split()
    tests = [test for test in listed if test.startswith("tempest.")]
    empty = [regex for regex in regexes(include) if not any(re.search(regex, test) for test in tests)]
    for regex in empty:
        print(f"{include}: {regex!r} selects no test of this tempest (end one test with \\[, not $)")
    print(f"{len(tests)} tests selected by {include}")
    return 1 if empty or not tests else 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:]))
