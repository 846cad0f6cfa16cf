"""Count what a playbook run costs on each host: module calls, changes, and the runs of the tools
a re-run should not need (rabbitmqctl, an Erlang VM start each; the *-manage commands).

A loop item is a call of its own; a skipped task or item is none; tasks that run only in Ansible
itself (assert, set_fact, meta, include_*...) are none. A call delegated elsewhere counts on the
host it ran on (the API calls the proofs make from this machine count on localhost).

Enable it for one run (bench/deploy_ratio.py does):
  ANSIBLE_CALLBACK_PLUGINS=bench/callbacks ANSIBLE_CALLBACKS_ENABLED=call_count \
  STACKDEPLOY_CALL_COUNT=counts.json ansible-playbook ...
It prints a table at the end and, where STACKDEPLOY_CALL_COUNT names a file, writes the counts
there as JSON: {host: {calls, changed, rabbitmqctl, manage}}.
"""
import json
import os
import re

from ansible.plugins.callback import CallbackBase

DOCUMENTATION = """
name: call_count
type: aggregate
short_description: module calls, changes, rabbitmqctl and *-manage runs per host
description: Counts per host what a run executed; prints a table and writes JSON to STACKDEPLOY_CALL_COUNT.
requirements: [enable in configuration]
"""

# Actions that never reach a host: they run inside Ansible itself.
LOCAL_ACTIONS = {
    "add_host", "assert", "debug", "fail", "group_by", "import_playbook", "import_role", "import_tasks",
    "include_role", "include_tasks", "include_vars", "meta", "pause", "set_fact", "set_stats",
    "validate_argument_spec",
}
RABBITMQCTL = re.compile(r"(^|/)rabbitmqctl$")
MANAGE = re.compile(r"(^|/)[a-z]+-manage$")


def short_action(action):
    return action.rsplit(".", 1)[-1]


def argv0(result):
    cmd = result.get("cmd")
    if isinstance(cmd, list):
        return str(cmd[0]) if cmd else ""
    return cmd.split()[0] if isinstance(cmd, str) and cmd.strip() else ""


class CallbackModule(CallbackBase):
    CALLBACK_VERSION = 2.0
    CALLBACK_TYPE = "aggregate"
    CALLBACK_NAME = "call_count"
    CALLBACK_NEEDS_ENABLED = True

    def __init__(self):
        super().__init__()
        self.counts = {}

    def _host(self, result):
        if result._result.get("_ansible_delegated_vars") and result._task.delegate_to:
            return str(result._task.delegate_to)
        return result._host.get_name()

    def _count(self, result):
        action = result._task.action
        if short_action(action) in LOCAL_ACTIONS:
            return
        items = result._result.get("results")
        runs = [item for item in items if isinstance(item, dict)] if isinstance(items, list) else [result._result]
        row = self.counts.setdefault(self._host(result), {"calls": 0, "changed": 0, "rabbitmqctl": 0, "manage": 0})
        for run in runs:
            if run.get("skipped"):
                continue
            row["calls"] += 1
            row["changed"] += 1 if run.get("changed") else 0
            program = argv0(run)
            if action.startswith("community.rabbitmq.") or RABBITMQCTL.search(program):
                row["rabbitmqctl"] += 1
            if short_action(action) == "manage" or MANAGE.search(program):
                row["manage"] += 1

    v2_runner_on_ok = _count
    v2_runner_on_unreachable = _count

    def v2_runner_on_failed(self, result, ignore_errors=False):
        self._count(result)

    def v2_playbook_on_stats(self, stats):
        self._display.banner("CALL COUNT")
        self._display.display(f"{'host':<24}{'calls':>8}{'changed':>9}{'rabbitmqctl':>13}{'manage':>8}")
        for host, row in sorted(self.counts.items()):
            self._display.display(f"{host:<24}{row['calls']:>8}{row['changed']:>9}"
                                  f"{row['rabbitmqctl']:>13}{row['manage']:>8}")
        path = os.environ.get("STACKDEPLOY_CALL_COUNT")
        if path:
            with open(path, "w") as handle:
                json.dump(self.counts, handle, indent=2, sort_keys=True)
