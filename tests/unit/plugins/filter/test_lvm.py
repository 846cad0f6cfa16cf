from ansible_collections.stackdeploy.openstack.plugins.filter.lvm import lvm_device_errors

# The lab's compute: replicated group on DRBD, Cinder's local group on the second disk.
ACCEPT = ['^/dev/drbd[0-9]+$', '^/dev/disk/by-id/virtio-cinder$']
REJECT = ['^/dev/vd[a-z]$', '^/dev/disk/by-id/virtio-data$']
DRBD = [{'name': 'r0', 'minor': 0, 'disk': '/dev/disk/by-id/virtio-data', 'hosts': ['compute1', 'compute2']}]
GROUPS = [{'name': 'shared', 'pvs': ['/dev/drbd0']},
          {'name': 'cinder-volumes', 'pvs': ['/dev/disk/by-id/virtio-cinder'], 'local': True}]


def test_the_lab_compute_passes():
    assert lvm_device_errors(GROUPS, ACCEPT, REJECT, True, DRBD, 'compute1') == []


def test_a_group_on_the_backing_disk_names_the_drbd_device():
    groups = [{'name': 'shared', 'pvs': ['/dev/disk/by-id/virtio-data']}]
    errors = lvm_device_errors(groups, ACCEPT, REJECT, True, DRBD, 'compute1')
    assert errors == ['lvm_volume_groups[shared].pvs: /dev/disk/by-id/virtio-data is the backing disk of DRBD '
                      'resource r0; put the group on its DRBD device /dev/drbd0 (on the backing disk LVM would '
                      'write past replication)']


def test_a_pv_the_filter_rejects_is_named():
    groups = [{'name': 'cinder-volumes', 'pvs': ['/dev/vdc'], 'local': True}]
    errors = lvm_device_errors(groups, ACCEPT, REJECT, True, DRBD, 'compute1')
    assert len(errors) == 1 and 'lvm_volume_groups[cinder-volumes].pvs: /dev/vdc is rejected' in errors[0]


def test_a_backing_disk_the_filter_accepts_is_named():
    errors = lvm_device_errors(GROUPS, ACCEPT, [], False, DRBD, 'compute1')
    assert errors == ['drbd_resources (r0): its backing disk /dev/disk/by-id/virtio-data is accepted by the LVM '
                      'filter, so LVM would see the group on /dev/drbd0 twice; add a pattern matching '
                      '/dev/disk/by-id/virtio-data to lvm_reject_devices']


def test_per_host_disks_and_other_hosts():
    drbd = [{'name': 'r1', 'minor': 3, 'hosts': [{'name': 'a', 'disk': '/dev/sdb'}, {'name': 'b', 'disk': '/dev/sdc'}]}]
    groups = [{'name': 'g', 'pvs': ['/dev/sdc']}]
    assert lvm_device_errors(groups, ['^/dev/sd'], [], True, drbd, 'a')[0].startswith(
        'drbd_resources (r1): its backing disk /dev/sdb is accepted')
    assert 'backing disk of DRBD resource r1; put the group on its DRBD device /dev/drbd3' in \
        lvm_device_errors(groups, ['^/dev/drbd'], [], True, drbd, 'b')[0]


def test_an_invalid_pattern_is_named_not_raised():
    assert lvm_device_errors(GROUPS, ['^/dev/(drbd'], REJECT, True, DRBD, 'compute1')[0].startswith(
        "lvm_accept_devices: '^/dev/(drbd' is not a regular expression")


def test_a_group_twice_and_a_device_in_two_groups_are_named():
    groups = GROUPS + [{'name': 'shared', 'pvs': ['/dev/drbd1']}, {'name': 'other', 'pvs': ['/dev/drbd0']}]
    assert lvm_device_errors(groups, ACCEPT, REJECT, True, DRBD, 'compute1') == [
        'lvm_volume_groups[shared] is listed twice: give each group once, with all its physical volumes',
        'lvm_volume_groups[other].pvs: /dev/drbd0 is also a physical volume of group shared; a device belongs to one group']
