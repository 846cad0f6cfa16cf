"""bench/callbacks/call_count.py counts module calls per host where they ran, loop items one each,
skips and Ansible-side tasks none, and the rabbitmqctl and *-manage runs among them."""
import json
import os
import subprocess
import sys

import yaml

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def test_counts_per_host(tmp_path):
    for tool in ("rabbitmqctl", "nova-manage"):
        (tmp_path / tool).write_text("#!/bin/sh\nexit 0\n")
        (tmp_path / tool).chmod(0o755)
    local = {"ansible_connection": "local", "ansible_python_interpreter": sys.executable}
    (tmp_path / "inventory.yml").write_text(yaml.safe_dump({"all": {"hosts": {"alpha": local, "beta": local}}}))
    tasks = [
        {"name": "one call, changed", "ansible.builtin.command": {"argv": ["true"]}},
        {"name": "one call, unchanged", "ansible.builtin.command": {"argv": ["true"]}, "changed_when": False},
        {"name": "three items, one skipped", "ansible.builtin.stat": {"path": "/"},
         "loop": [1, 2, 3], "when": "item != 2"},
        {"name": "skipped", "ansible.builtin.stat": {"path": "/"}, "when": False},
        {"name": "Ansible-side only", "ansible.builtin.assert": {"that": True}},
        {"name": "a fact", "ansible.builtin.set_fact": {"x": 1}},
        {"name": "rabbitmqctl", "ansible.builtin.command": {"argv": [str(tmp_path / "rabbitmqctl"), "status"]},
         "changed_when": False},
        {"name": "a manage command", "ansible.builtin.command": {"argv": [str(tmp_path / "nova-manage"), "db"]}},
        {"name": "delegated to beta", "ansible.builtin.stat": {"path": "/"}, "delegate_to": "beta"},
    ]
    (tmp_path / "play.yml").write_text(yaml.safe_dump(
        [{"hosts": "alpha", "gather_facts": False, "tasks": tasks}], sort_keys=False))
    counts = tmp_path / "counts.json"
    env = dict(os.environ, ANSIBLE_CALLBACK_PLUGINS=os.path.join(ROOT, "bench", "callbacks"),
               ANSIBLE_CALLBACKS_ENABLED="call_count", STACKDEPLOY_CALL_COUNT=str(counts))
    run = subprocess.run([os.path.join(os.path.dirname(sys.executable), "ansible-playbook"),
                          "-i", str(tmp_path / "inventory.yml"), str(tmp_path / "play.yml")],
                         cwd=tmp_path, env=env, capture_output=True, text=True, timeout=300, check=False)
    assert run.returncode == 0, run.stdout + run.stderr
    assert "CALL COUNT" in run.stdout
    assert json.loads(counts.read_text()) == {
        "alpha": {"calls": 6, "changed": 2, "rabbitmqctl": 1, "manage": 1},
        "beta": {"calls": 1, "changed": 0, "rabbitmqctl": 0, "manage": 0},
    }
