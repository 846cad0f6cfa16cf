"""Checks every scenario's verify step shares (imported by molecule/<scenario>/tests)."""
import os
import re
import subprocess

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
