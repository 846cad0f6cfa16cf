"""VM-to-VM L2 networks: Linux bridges inside a network namespace that belongs to one lab.

QEMU itself stays in the host namespace (management SSH is slirp hostfwd on 127.0.0.1); each
tap is created inside the lab namespace and only its file descriptor is handed to QEMU, so no
lab address ever exists in the host's own namespace.
"""
import ctypes
import fcntl
import os
import struct
import subprocess

from .progress import run

_CLONE_NEWNET = 0x40000000
_TUNSETIFF = 0x400454CA
_IFF_TAP, _IFF_NO_PI, _IFF_VNET_HDR = 0x0002, 0x1000, 0x4000
_libc = ctypes.CDLL(None, use_errno=True)


def namespace_exists(netns):
    return os.path.exists(f"/run/netns/{netns}")


def ensure_namespace(netns, networks):
    if not namespace_exists(netns):
        run(["ip", "netns", "add", netns])
    run(["ip", "-n", netns, "link", "set", "lo", "up"])
    for net in networks:
        bridge = bridge_name(net)
        if subprocess.run(["ip", "-n", netns, "link", "show", bridge],
                          capture_output=True, check=False).returncode != 0:
            run(["ip", "-n", netns, "link", "add", bridge, "type", "bridge"])
        run(["ip", "-n", netns, "link", "set", bridge, "up"])


def delete_namespace(netns):
    if namespace_exists(netns):
        run(["ip", "netns", "delete", netns])


def bridge_name(net):
    return f"br-{net}"[:15]


def _setns(fd):
    if _libc.setns(fd, _CLONE_NEWNET) != 0:
        raise OSError(ctypes.get_errno(), "setns failed")


def open_tap(netns, tap, net):
    """Create tap `tap` inside netns on the bridge of `net`; return its fd (for QEMU's fd=)."""
    home = os.open("/proc/self/ns/net", os.O_RDONLY)
    target = os.open(f"/run/netns/{netns}", os.O_RDONLY)
    try:
        _setns(target)
        try:
            fd = os.open("/dev/net/tun", os.O_RDWR)
            fcntl.ioctl(fd, _TUNSETIFF,
                        struct.pack("16sH", tap.encode(), _IFF_TAP | _IFF_NO_PI | _IFF_VNET_HDR))
        finally:
            _setns(home)
    finally:
        os.close(home)
        os.close(target)
    run(["ip", "-n", netns, "link", "set", tap, "master", bridge_name(net), "up"])
    return fd
