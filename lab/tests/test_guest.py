"""The lab's guest: its initramfs as the kernel will unpack it, and a real boot under TCG that
reaches DHCP, a metadata service and answers on port 80 (as the workload proofs expect)."""
import gzip
import socket
import subprocess
import sys
import time
import urllib.request

import pytest

from stackdeploy_lab import guest, image


def _fake_module(path, depends):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(b"\x7fELF junk\0license=GPL\0depends=" + depends.encode() + b"\0vermagic=6.1\0")


def _fake_tree(root):
    kernel = root / "lib/modules/6.1.0-test/kernel"
    _fake_module(kernel / "drivers/virtio/virtio.ko", "")
    _fake_module(kernel / "drivers/virtio/virtio_ring.ko", "")
    _fake_module(kernel / "drivers/virtio/virtio_pci.ko", "virtio,virtio_ring")
    _fake_module(kernel / "net/core/failover.ko", "")
    _fake_module(kernel / "drivers/net/net_failover.ko", "failover")
    _fake_module(kernel / "drivers/net/virtio_net.ko", "net_failover,virtio,virtio_ring")
    _fake_module(kernel / "drivers/net/unused.ko", "")
    (root / "bin").mkdir()
    (root / "bin/busybox").write_bytes(b"busybox")
    (root / "boot").mkdir()
    (root / "boot/vmlinuz-6.1.0-test").write_bytes(b"kernel")
    return kernel


def _cpio_entries(data):
    """name -> (mode, rdev major, rdev minor, content) of a newc archive."""
    entries, offset = {}, 0
    while True:
        assert data[offset:offset + 6] == b"070701", f"bad magic at {offset}"
        fields = [int(data[offset + 6 + 8 * i:offset + 14 + 8 * i], 16) for i in range(13)]
        size, name_size = fields[6], fields[11]
        name_start = offset + 110
        name = data[name_start:name_start + name_size - 1].decode()
        body_start = name_start + name_size + (-(110 + name_size) % 4)
        if name == "TRAILER!!!":
            return entries
        entries[name] = (fields[1], fields[9], fields[10], data[body_start:body_start + size])
        offset = body_start + size + (-size % 4)


def test_modules_load_after_their_dependencies_and_nothing_else_comes(tmp_path):
    order = guest.load_order(_fake_tree(tmp_path))
    assert set(order) == {"drivers/virtio/virtio", "drivers/virtio/virtio_ring", "drivers/virtio/virtio_pci",
                          "net/core/failover", "drivers/net/net_failover", "drivers/net/virtio_net"}
    for module, dependency in [("virtio_net", "net_failover"), ("net_failover", "failover"),
                               ("virtio_pci", "virtio"), ("virtio_net", "virtio_ring")]:
        assert order.index(next(m for m in order if m.endswith("/" + dependency))) < \
            order.index(next(m for m in order if m.endswith("/" + module)))


def test_a_missing_module_is_named(tmp_path):
    kernel = _fake_tree(tmp_path)
    (kernel / "net/core/failover.ko").unlink()
    with pytest.raises(FileNotFoundError, match="module failover"):
        guest.load_order(kernel)


def test_the_initramfs_holds_init_busybox_modules_and_a_console(tmp_path):
    _fake_tree(tmp_path)
    entries = _cpio_entries(gzip.decompress(guest.initramfs(tmp_path)))
    assert entries["dev/console"][:3] == (0o020600, 5, 1)
    assert entries["init"][0] == 0o100755 and entries["init"][3].startswith(b"#!/bin/sh\n")
    assert entries["bin/sh"][0] == 0o120777 and entries["bin/sh"][3] == b"busybox"
    assert entries["bin/busybox"][3] == b"busybox"
    assert entries["etc/modules.order"][3].decode().split() == guest.load_order(
        tmp_path / "lib/modules/6.1.0-test/kernel")
    assert "lib/modules/drivers/net/virtio_net.ko" in entries
    assert "lib/modules/drivers/net/unused.ko" not in entries
    # Every file's directory comes before it: the kernel does not create parents.
    names = list(entries)
    for name in names:
        parent = name.rsplit("/", 1)[0] if "/" in name else None
        assert parent is None or names.index(parent) < names.index(name), name


def _free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


METADATA = """import sys
line = sys.stdin.readline().split()
data = {"/openstack/latest/meta_data.json": '{"random_seed": "c2VlZA==", "uuid": "6f0e7c2a-3b1d-4c55-9a0e-1f2b3c4d5e6f", '
                                            '"availability_zone": "nova", "hostname": "guest-test.novalocal"}',
        "/latest/meta-data/hostname": "guest-test.novalocal",
        "/latest/meta-data/public-keys/0/openssh-key": "ssh-ed25519 AAAAtest lab\\n"}
body = data.get(line[1] if len(line) > 1 else "")
sys.stdout.write("HTTP/1.0 200 OK\\r\\n\\r\\n" + body if body is not None else "HTTP/1.0 404 Not Found\\r\\n\\r\\n")
"""


def test_the_guest_boots_gets_its_lease_and_metadata_and_answers_on_port_80(tmp_path):
    """The lab image's guest under TCG: QEMU's user network gives the DHCP lease, a guestfwd
    command stands for the metadata service, a hostfwd reaches its port 80. All on loopback."""
    guest_dir = image.ensure_image() / "guest"
    responder = tmp_path / "metadata.py"
    responder.write_text(METADATA)
    port = _free_port()
    console = tmp_path / "console.log"
    qemu = subprocess.Popen(
        ["qemu-system-x86_64", "-accel", "tcg", "-m", "256", "-nographic", "-no-reboot",
         "-kernel", str(guest_dir / "vmlinuz"), "-initrd", str(guest_dir / "initrd.gz"),
         "-append", "console=ttyS0 quiet pci=noacpi panic=-1 stackdeploy.metadata=10.0.2.100",
         "-netdev", f"user,id=n0,restrict=on,guestfwd=tcp:10.0.2.100:80-cmd:{sys.executable} {responder},"
                    f"hostfwd=tcp:127.0.0.1:{port}-:80",
         "-device", "virtio-net-pci,netdev=n0"],
        stdout=console.open("wb"), stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 180
        while b"stackdeploy-guest: ready" not in console.read_bytes():
            assert qemu.poll() is None, console.read_text(errors="replace")[-2000:]
            assert time.monotonic() < deadline, console.read_text(errors="replace")[-2000:]
            time.sleep(1)
        log = console.read_text(errors="replace")
        assert "stackdeploy-guest: address 10.0.2.15/24" in log
        assert ("stackdeploy-guest: hostname guest-test instance-id 6f0e7c2a-3b1d-4c55-9a0e-1f2b3c4d5e6f keys 1"
                in log)
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=10) as answer:
            assert answer.read().decode().strip() == "6f0e7c2a-3b1d-4c55-9a0e-1f2b3c4d5e6f"
    finally:
        qemu.terminate()
        qemu.wait(timeout=30)
