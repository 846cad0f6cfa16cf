"""Render a cinder.conf with 50 backends on localhost three ways, in one run, and print ratios.

1. one stackdeploy.openstack.cinder_conf task;
2. the same content as per-key community.general.ini_file tasks (one per key);
3. OpenStack-Ansible's config_template action plugin (PyPI ansible-config-template), in a venv of
   its own with the newest ansible-core it runs under (2.1.1 fails under 2.19).

Each approach runs twice on a fresh file; the second run must report changed=0.
Run it with the repo's venv python: .venv/bin/python bench/render.py
"""
import json
import os
import re
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BACKENDS = 50
CONFIG_TEMPLATE_VENV = os.path.join(ROOT, ".cache", "bench-config-template")
CONFIG_TEMPLATE_PINS = ["ansible-core<2.19", "ansible-config-template==2.1.1"]
RECAP = re.compile(r"ok=(\d+)\s+changed=(\d+)\s+unreachable=(\d+)\s+failed=(\d+)")


def backends():
    return {f"lvm-{i:02d}": {
        "volume_driver": "cinder.volume.drivers.lvm.LVMVolumeDriver",
        "volume_backend_name": f"lvm-{i:02d}",
        "volume_group": f"cinder-volumes-{i:02d}",
        "target_helper": "tgtadm",
        "target_protocol": "iscsi",
        "backend_availability_zone": f"az{i % 5}",
    } for i in range(BACKENDS)}


def settings():
    """The same content as the cinder_conf task: DEFAULT/enabled_backends plus every backend key."""
    data = {"DEFAULT": {"enabled_backends": ",".join(sorted(backends()))}}
    data.update(backends())
    return data


def playbooks(work, dest):
    cinder_conf = [{"name": "cinder_conf", "hosts": "localhost", "gather_facts": False, "tasks": [
        {"name": "Render", "stackdeploy.openstack.cinder_conf": {"path": dest, "backends": backends()}}]}]
    ini_tasks = [{"name": f"{section}/{key}", "community.general.ini_file": {
        "path": dest, "section": section, "option": key, "value": value, "mode": "0644"}}
        for section, keys in settings().items() for key, value in keys.items()]
    ini_file = [{"name": "ini_file", "hosts": "localhost", "gather_facts": False, "tasks": ini_tasks}]
    template = os.path.join(work, "empty.ini.j2")
    with open(template, "w") as handle:
        handle.write("")
    config_template = [{"name": "config_template", "hosts": "localhost", "gather_facts": False, "tasks": [
        {"name": "Render", "config_template": {"src": template, "dest": dest, "config_type": "ini",
                                               "config_overrides": settings(), "mode": "0644"}}]}]
    paths = {}
    for name, play in (("cinder_conf", cinder_conf), ("ini_file", ini_file), ("config_template", config_template)):
        paths[name] = os.path.join(work, f"{name}.yml")
        with open(paths[name], "w") as handle:
            json.dump(play, handle)
        paths[name + ".tasks"] = len(play[0]["tasks"])
    return paths


def ensure_config_template_venv():
    python = os.path.join(CONFIG_TEMPLATE_VENV, "bin", "python")
    if not os.path.exists(python):
        print(f"creating {CONFIG_TEMPLATE_VENV} with {' '.join(CONFIG_TEMPLATE_PINS)}")
        subprocess.run([sys.executable, "-m", "venv", CONFIG_TEMPLATE_VENV], check=True)
        subprocess.run([python, "-m", "pip", "install", "-q", *CONFIG_TEMPLATE_PINS], check=True,
                       capture_output=True)
    version = subprocess.run([python, "-c", "import ansible.release as r; print(r.__version__)"],
                             capture_output=True, text=True, check=True).stdout.strip()
    return python, version


def run(python, playbook, extra_env):
    env = dict(os.environ, ANSIBLE_NOCOLOR="1",
               ANSIBLE_COLLECTIONS_PATH=os.path.join(ROOT, ".collections"), **extra_env)
    inventory = f"localhost ansible_connection=local ansible_python_interpreter={python}\n"
    with tempfile.NamedTemporaryFile("w", suffix=".ini", delete=False) as handle:
        handle.write(inventory)
    started = time.monotonic()
    out = subprocess.run([os.path.join(os.path.dirname(python), "ansible-playbook"), "-i", handle.name,
                          playbook], capture_output=True, text=True, env=env, check=False,
                         # Not the repo: its ansible.cfg adds a timing callback to every task.
                         cwd=os.path.dirname(playbook))
    elapsed = time.monotonic() - started
    os.unlink(handle.name)
    recap = RECAP.search(out.stdout)
    if out.returncode != 0 or not recap:
        raise SystemExit(f"{playbook} failed:\n{out.stdout[-3000:]}{out.stderr[-3000:]}")
    return elapsed, int(recap.group(2))


def measure(name, python, playbook, work, extra_env=None):
    dest = os.path.join(work, "cinder.conf")
    if os.path.exists(dest):
        os.unlink(dest)
    first, first_changed = run(python, playbook, extra_env or {})
    second, second_changed = run(python, playbook, extra_env or {})
    print(f"{name:16s} first {first:7.1f}s (changed={first_changed})  "
          f"second {second:7.1f}s (changed={second_changed})")
    return first, second, second_changed == 0


def main():
    python = sys.executable
    with tempfile.TemporaryDirectory() as work:
        paths = playbooks(work, os.path.join(work, "cinder.conf"))
        print(f"cinder.conf with {BACKENDS} backends: cinder_conf 1 task, ini_file "
              f"{paths['ini_file.tasks']} tasks, config_template 1 task")
        results = {"cinder_conf": measure("cinder_conf", python, paths["cinder_conf"], work),
                   "ini_file": measure("ini_file", python, paths["ini_file"], work)}
        ct_python, ct_core = ensure_config_template_venv()
        action = os.path.join(CONFIG_TEMPLATE_VENV, "share", "ansible", "plugins", "action")
        results["config_template"] = measure("config_template", ct_python, paths["config_template"], work,
                                             {"ANSIBLE_ACTION_PLUGINS": action})
        print(f"config_template ran under ansible-core {ct_core} (its own venv)")
    base = results["cinder_conf"]
    for name in ("ini_file", "config_template"):
        first, second, clean = results[name]
        print(f"ratio {name}/cinder_conf: first run {first / base[0]:.1f}x, second run {second / base[1]:.1f}x")
    print("second run changed=0: " + ", ".join(f"{n} {'yes' if r[2] else 'NO'}" for n, r in results.items()))


if __name__ == "__main__":
    main()
