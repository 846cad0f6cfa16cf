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


# oslo-config-validator knows backend options only in [backend_defaults]: check a copy of the
# file with every enabled backend's keys moved there (the namespaces are cinder's generator's).
_CINDER_CONF_FOR_VALIDATOR = """
import configparser
src = configparser.RawConfigParser(strict=False, interpolation=None)
src.read('/etc/cinder/cinder.conf')
backends = src.get('DEFAULT', 'enabled_backends').split(',')
out = configparser.RawConfigParser(interpolation=None)
for section in ['DEFAULT'] + src.sections():
    target = 'backend_defaults' if section in backends else section
    if target != 'DEFAULT' and not out.has_section(target):
        out.add_section(target)
    items = src.defaults().items() if section == 'DEFAULT' else src._sections[section].items()
    for key, value in items:
        out.set(target, key, value)
out.write(open('/tmp/cinder-checked.conf', 'w'))
"""
_CINDER_NAMESPACES = ["cinder", "castellan.config", "keystonemiddleware.auth_token", "osprofiler",
                      "oslo.config", "oslo.concurrency", "oslo.db", "oslo.log", "oslo.messaging",
                      "oslo.middleware", "oslo.policy", "oslo.reports", "oslo.service.periodic_task",
                      "oslo.service.service", "oslo.service.sslutils", "oslo.service.wsgi",
                      "oslo.versionedobjects"]


def validate_cinder_conf(host):
    """oslo-config-validator's result for the host's /etc/cinder/cinder.conf."""
    host.check_output("python3 -c %s", _CINDER_CONF_FOR_VALIDATOR)
    return host.run("oslo-config-validator " + " ".join(f"--namespace {n}" for n in _CINDER_NAMESPACES)
                    + " --input-file /tmp/cinder-checked.conf")


def cinder_volume_zones(host):
    """{host@backend: zone} of the volume services cinder-manage lists."""
    services = {}
    for line in host.check_output("sudo -u cinder cinder-manage service list 2>/dev/null").splitlines():
        fields = line.split()
        if fields and fields[0] == "cinder-volume":
            services[fields[1]] = fields[2]
    return services
