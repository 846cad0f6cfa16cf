"""labctl: build the image, bring a lab up or down, and reach its VMs."""
import argparse
import json
import os
import sys

from . import accel, image, topology
from .lab import Lab
from .progress import LabError


def parse(argv):
    parser = argparse.ArgumentParser(prog="labctl", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    state = argparse.ArgumentParser(add_help=False)
    state.add_argument("--state", required=True, help="the lab's state directory")
    up = sub.add_parser("up", parents=[state], help="create and boot VMs (idempotent)")
    source = up.add_mutually_exclusive_group()
    source.add_argument("--inventory", help="an Ansible inventory whose hosts carry lab_vm")
    source.add_argument("--platforms", help="a JSON file: molecule platforms with lab_vm")
    up.add_argument("--instance-config", help="also write molecule's instance config here")
    sub.add_parser("start", parents=[state], help="boot stopped VMs again").add_argument(
        "names", nargs="+")
    stop = sub.add_parser("stop", parents=[state], help="stop VMs (--kill: crash them)")
    stop.add_argument("names", nargs="+")
    stop.add_argument("--kill", action="store_true")
    sub.add_parser("down", parents=[state], help="stop every VM and remove the lab")
    sub.add_parser("status", parents=[state], help="show VMs, pids and ports as JSON")
    ssh = sub.add_parser("ssh", parents=[state], help="ssh into a VM by name")
    ssh.add_argument("name")
    ssh.add_argument("remote", nargs=argparse.REMAINDER)
    sub.add_parser("image", help="build or reuse the VM image and print its directory")
    sub.add_parser("accel", help="print the acceleration the lab would use")
    return parser.parse_args(argv)


def main(argv=None):
    args = parse(argv)
    try:
        if args.command == "up":
            vms = None
            if args.inventory:
                vms = topology.from_inventory(args.inventory)
            elif args.platforms:
                with open(args.platforms) as fh:
                    vms = topology.from_platforms(json.load(fh))
            instances = Lab(args.state, vms).up()
            if args.instance_config:
                with open(args.instance_config, "w") as fh:
                    json.dump(instances, fh, indent=2)
            print(json.dumps(instances, indent=2))
        elif args.command == "start":
            Lab(args.state).up(args.names)
        elif args.command == "stop":
            Lab(args.state).stop(args.names, kill=args.kill)
        elif args.command == "down":
            if os.path.exists(os.path.join(args.state, "topology.json")):
                Lab(args.state).down()
        elif args.command == "status":
            print(json.dumps(Lab(args.state).status(), indent=2))
        elif args.command == "ssh":
            cmd = Lab(args.state).ssh_command(args.name) + args.remote
            os.execvp(cmd[0], cmd)
        elif args.command == "image":
            print(image.ensure_image())
        elif args.command == "accel":
            print(accel.choose(image.ensure_image()))
    except LabError as err:
        print(f"labctl: {err}", file=sys.stderr)
        return 1
    return 0
