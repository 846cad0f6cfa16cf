"""Checks every scenario's verify step shares (imported by molecule/<scenario>/tests)."""
import os
import re
import subprocess

import testinfra

RECAP = re.compile(r"^(\S+)\s+: ok=\d+\s+changed=(\d+)\s+unreachable=(\d+)\s+failed=(\d+)", re.M)


def converge_in_check_mode(*extra_args):
    """Run the scenario's converge playbook with --check --diff on the converged hosts.

    Molecule's own `check` action passes as long as nothing fails; a converged lab must also
    report changed=0 on every host. Returns {host: (changed, unreachable, failed)}."""
    scenario = os.environ["MOLECULE_SCENARIO_DIRECTORY"]
    result = subprocess.run(
        ["ansible-playbook", "-i", os.environ["MOLECULE_INVENTORY_FILE"], "--check", "--diff",
         *extra_args, os.path.join(scenario, "converge.yml")],
        capture_output=True, text=True, timeout=1800, check=False,
        env=dict(os.environ, ANSIBLE_NOCOLOR="1", ANSIBLE_FORCE_COLOR="0"))
    recap = {host: tuple(map(int, rest)) for host, *rest in RECAP.findall(result.stdout)}
    assert recap, "no play recap in check-mode output:\n" + result.stdout[-3000:] + result.stderr[-2000:]
    return recap, result.stdout


def assert_check_mode_clean(*extra_args):
    """Returns the run's output, for further checks (secrets absent, say)."""
    recap, output = converge_in_check_mode(*extra_args)
    dirty = {host: counts for host, counts in recap.items() if counts != (0, 0, 0)}
    assert not dirty, f"--check on the converged lab: {dirty} (changed, unreachable, failed)\n{output[-4000:]}"
    return output


def effective(text):
    """A config file's meaningful lines: no comments, no blank lines (distribution files keep
    thousands of commented defaults that the roles leave in place)."""
    return "".join(line + "\n" for line in text.splitlines()
                   if line.strip() and not line.lstrip().startswith(("#", ";")))


def golden(name):
    """The scenario's golden file `name`; a missing one fails the test."""
    with open(os.path.join(os.environ["MOLECULE_SCENARIO_DIRECTORY"], "golden", name)) as handle:
        return handle.read()


def host(name):
    """A testinfra host for lab VM `name`, reached through the scenario's inventory."""
    return testinfra.get_host(f"ansible://{name}?ansible_inventory={os.environ['MOLECULE_INVENTORY_FILE']}")
