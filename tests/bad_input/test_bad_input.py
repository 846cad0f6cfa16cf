"""Every invalid variable set in cases.yml stops its role at a check, before any change, with a
message naming the variable. All cases run in one `ansible-playbook --check` against this machine
(connection local, one inventory host per case, one play per case so run_once checks see only
their case); a rescue records each failure, and the recap proves nothing would have changed."""
import json
import os
import re
import subprocess
import sys

import pytest
import yaml

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
with open(os.path.join(HERE, "cases.yml")) as handle:
    CASES = yaml.safe_load(handle)
# What each role needs besides the one wrong thing, so a case fails for its own reason only.
BASELINE = {
    "cinder": {"cinder_database_connection": "sqlite:////var/lib/cinder/cinder.sqlite",
               "cinder_transport_url": "fake://",
               "ceph_client_clusters": [{"name": "ceph", "users": [{"name": "cinder"}]}]},
    # The tunnel end must be an address of the host the case runs on: this machine's first.
    "neutron_l3": {"neutron_l3_external_interface": "lo", "neutron_l3_move_external_address": True,
                   "neutron_l3_local_ip": "{{ (ansible_facts.all_ipv4_addresses | default([])"
                                          " + ansible_facts.all_ipv6_addresses | default([])) | first | default('') }}",
                   "neutron_l3_transport_url": "fake://"},
    "nova": {"nova_transport_url": "fake://"},
    "glance": {"glance_database_connection": "sqlite:////var/lib/glance/glance.sqlite"},
}
PEERS = {"case-a": "10.20.0.11", "case-b": "10.20.0.12", "case-c": "10.20.0.13"}
RECAP = re.compile(r"^(case_\d+)\s+: ok=\d+\s+changed=(\d+)\s+unreachable=(\d+)\s+failed=(\d+)", re.M)


def host(index):
    return f"case_{index:02d}"


def inventory():
    hosts, groups = {}, {}
    for index, case in enumerate(CASES):
        hosts[host(index)] = dict(BASELINE.get(case["role"], {}), **case["vars"],
                                  ansible_connection="local", ansible_python_interpreter=sys.executable)
        for group in case.get("groups", []):
            groups.setdefault(group, {"hosts": {}})["hosts"][host(index)] = None
    peers = {name: {"storage_address": address, "ansible_connection": "local"} for name, address in PEERS.items()}
    return {"all": {"children": dict(groups, cases={"hosts": hosts}, peers={"hosts": peers})}}


def apply_role(case):
    """A block applying the case's role, whose rescue records the failed task and message."""
    role = {"name": f"stackdeploy.openstack.{case['role']}", "tasks_from": case.get("tasks_from", "main")}
    record = {"bad_input_failure": {"task": "{{ ansible_failed_task.name }}",
                                    "msg": "{{ ansible_failed_result.msg | default('') }}"}}
    # end_host: a case that got past its checks must not run the role's handlers on this machine,
    # where one failing would fail the play and, its only host gone, end the run for every case.
    return {"name": "Apply the role as an operator would",
            "block": [{"ansible.builtin.include_role": role}],
            "rescue": [{"name": "Record where and why it stopped", "ansible.builtin.set_fact": record}],
            "always": [{"name": "End the case here, handlers unrun", "ansible.builtin.meta": "end_host"}]}


def playbook(results):
    plays = [{
        "name": f"{host(index)}: {case['id']}",
        "hosts": host(index),
        "gather_facts": False,
        "environment": case.get("environment", {}),
        "tasks": [apply_role(case)],
    } for index, case in enumerate(CASES)]
    plays.append({"name": "Collect the failures", "hosts": "localhost", "gather_facts": False,
                  "tasks": [{"name": "Write them", "check_mode": False, "ansible.builtin.copy": {
                      "dest": results, "mode": "0600",
                      # A case that did not stop is null here, so it fails alone, not the run.
                      "content": "{ {% for case in groups['cases'] %}{{ case | to_json }}: "
                                 "{{ hostvars[case].bad_input_failure | default(none) | to_json }}"
                                 "{{ '' if loop.last else ', ' }}{% endfor %} }"}}]})
    return plays


@pytest.fixture(scope="module")
def run(tmp_path_factory):
    work = tmp_path_factory.mktemp("bad_input")
    (work / "inventory.yml").write_text(yaml.safe_dump(inventory()))
    (work / "play.yml").write_text(yaml.safe_dump(playbook(str(work / "results.json")), sort_keys=False))
    result = subprocess.run(
        ["ansible-playbook", "--check", "-i", str(work / "inventory.yml"), str(work / "play.yml")],
        cwd=ROOT, capture_output=True, text=True, timeout=900, check=False,
        env=dict(os.environ, ANSIBLE_NOCOLOR="1", ANSIBLE_FORCE_COLOR="0"))
    assert (work / "results.json").exists(), result.stdout[-4000:] + result.stderr[-3000:]
    recap = {name: tuple(map(int, rest)) for name, *rest in RECAP.findall(result.stdout)}
    print(f"\nbad input: {len(CASES)} invalid variable sets across "
          f"{len({case['role'] for case in CASES})} roles")
    return json.loads((work / "results.json").read_text()), recap, result.stdout


def test_there_are_at_least_thirty_cases():
    assert len(CASES) >= 30


def test_the_class_table_matches_the_cases():
    """classes.yml names each class's roles; every case has a class from it."""
    with open(os.path.join(HERE, "classes.yml")) as handle:
        table = {row["class"]: set(row["roles"]) for row in yaml.safe_load(handle)}
    covered = {}
    for case in CASES:
        assert case.get("class") in table, f"{case['id']}: class {case.get('class')!r} is not in classes.yml"
        covered.setdefault(case["class"], set()).add(case["role"])
    assert {name: covered.get(name, set()) for name in table} == table


@pytest.mark.parametrize("index", range(len(CASES)), ids=[case["id"] for case in CASES])
def test_case_stops_at_a_check_naming_the_variable(run, index):
    failures, recap, output = run
    case, failure = CASES[index], failures.get(host(index))
    assert failure, f"{case['id']}: the role did not stop\n" + output[-3000:]
    assert re.match(r"(Check|Validating arguments)", failure["task"]), failure
    for expected in [case["expect"]] + ([case["expect_also"]] if "expect_also" in case else []):
        assert expected in failure["msg"], failure["msg"]
    assert recap[host(index)][0] == 0, f"{case['id']} would have changed something first"
