"""The deploy against its re-run, in one run: how much a re-run of site.yml costs next to the
first deploy, and what it still executes (module calls per host, changes, rabbitmqctl and
*-manage runs, counted by bench/callbacks/call_count.py).

From a fresh clone, as root, with nothing else running:
  .venv/bin/python bench/deploy_ratio.py              # make lab-up, site.yml, site.yml again
  .venv/bin/python bench/deploy_ratio.py --rerun-only # a lab deployed already: the re-run alone
It prints both times, their ratio, and the re-run's counts against issue 22's goals; the proofs
(make verify) are not part of either time. Extra arguments after -- go to ansible-playbook.
"""
import argparse
import json
import os
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
VENV_BIN = os.path.join(ROOT, ".venv", "bin")
# Issue 22's goals for a re-run: calls on the controller and on each compute, tool runs.
GOALS = {"ratio": 0.20, "controller": 40, "compute": 15, "rabbitmqctl": 0, "manage": 0}


def site(inventory, extra, counts):
    env = dict(os.environ, PATH=VENV_BIN + os.pathsep + os.environ["PATH"],
               ANSIBLE_CALLBACK_PLUGINS=os.path.join(ROOT, "bench", "callbacks"),
               ANSIBLE_CALLBACKS_ENABLED="call_count,ansible.posix.profile_tasks",
               STACKDEPLOY_CALL_COUNT=counts)
    started = time.monotonic()
    subprocess.run(["ansible-playbook", "site.yml", "-i", inventory, *extra], cwd=ROOT, env=env, check=True)
    with open(counts) as handle:
        return time.monotonic() - started, json.load(handle)


def minutes(seconds):
    return f"{int(seconds // 60)} min {int(seconds % 60)} s"


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--inventory", default="inventories/lab")
    parser.add_argument("--rerun-only", action="store_true", help="the lab is deployed: time the re-run alone")
    parser.add_argument("extra", nargs="*", help="arguments for ansible-playbook (after --)")
    args = parser.parse_args()
    work = tempfile.mkdtemp(prefix="deploy-ratio-")
    first = None
    if not args.rerun_only:
        subprocess.run(["make", "lab-up", f"INVENTORY={args.inventory}"], cwd=ROOT, check=True)
        first = site(args.inventory, args.extra, os.path.join(work, "first.json"))[0]
    again, counts = site(args.inventory, args.extra, os.path.join(work, "rerun.json"))

    print("\n== deploy ratio")
    if first is not None:
        print(f"first site.yml   {minutes(first)}")
    print(f"re-run site.yml  {minutes(again)}")
    if first is not None:
        print(f"ratio            {again / first:.2f} (goal <= {GOALS['ratio']:.2f})")
    print(f"{'re-run on':<24}{'calls':>8}{'changed':>9}{'rabbitmqctl':>13}{'manage':>8}{'call goal':>11}")
    for host, row in sorted(counts.items()):
        goal = GOALS["controller"] if host.startswith("controller") else GOALS["compute"] \
            if host.startswith("compute") else None
        print(f"{host:<24}{row['calls']:>8}{row['changed']:>9}{row['rabbitmqctl']:>13}{row['manage']:>8}"
              f"{'' if goal is None else '<= ' + str(goal):>11}")
    total = {key: sum(row[key] for row in counts.values()) for key in ("changed", "rabbitmqctl", "manage")}
    print(f"re-run totals    changed={total['changed']} rabbitmqctl={total['rabbitmqctl']} "
          f"manage={total['manage']} (goals 0, 0, 0)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
