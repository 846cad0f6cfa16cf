"""Real-kernel QEMU lab for the stackdeploy.openstack collection (not shipped in the collection)."""
