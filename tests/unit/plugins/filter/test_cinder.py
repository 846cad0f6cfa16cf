"""The cinder role's data model: sections derived from backend kinds, type specs, and checks."""
import pytest

from ansible_collections.stackdeploy.openstack.plugins.filter.cinder import (
    cinder_backend_errors, cinder_backend_sections, cinder_nfs_shares, cinder_type_proofs,
    cinder_volume_type_errors, cinder_volume_type_specs)

LVM = {'kind': 'lvm', 'volume_group': 'cinder-volumes', 'availability_zone': 'compute1',
       'backend_name': 'lvm'}
NFS = {'kind': 'nfs', 'shares': [{'export': '10.20.0.10:/srv/nfs/cinder', 'options': ['vers=4.2']}]}
RBD = {'kind': 'rbd', 'pool': 'volumes', 'secret_uuid': '961d24d8-22e8-4917-a9db-7b62e30603d5'}
CEPH = [{'name': 'ceph', 'users': [{'name': 'cinder', 'key': 'k'}]}]
HOSTS = {
    'compute1': {'cinder_storage_availability_zone': 'compute1',
                 'cinder_backends': {'lvm-compute1': LVM, 'rbd': RBD}},
    'compute2': {'cinder_backends': {'lvm-compute2': dict(LVM, availability_zone='compute2')}},
    'controller': {'cinder_backends': {'nfs': NFS, 'rbd': RBD}},
}


def test_sections_follow_the_kinds():
    sections = cinder_backend_sections({'lvm-compute1': LVM, 'nfs': NFS, 'rbd': dict(RBD, options={'rbd_flatten_volume_from_snapshot': True})})
    assert sections['lvm-compute1'] == {
        'volume_driver': 'cinder.volume.drivers.lvm.LVMVolumeDriver', 'volume_backend_name': 'lvm',
        'backend_availability_zone': 'compute1', 'volume_group': 'cinder-volumes',
        'target_helper': 'tgtadm', 'target_protocol': 'iscsi'}
    assert sections['nfs']['nfs_shares_config'] == '/etc/cinder/nfs_shares.nfs'
    assert sections['rbd']['rbd_ceph_conf'] == '/etc/ceph/ceph.conf'
    assert sections['rbd']['rbd_user'] == 'cinder'
    assert sections['rbd']['rbd_flatten_volume_from_snapshot'] is True


def test_share_lines_carry_the_mount_options():
    assert cinder_nfs_shares(NFS) == ['10.20.0.10:/srv/nfs/cinder -o vers=4.2']
    assert cinder_nfs_shares({'shares': [{'export': 'h:/x'}]}) == ['h:/x']


@pytest.mark.parametrize('backends,message', [
    ({'lvm': {'volume_group': 'x'}}, 'cinder_backends.lvm has no driver'),
    ({'lvm': {'kind': 'iscsi'}}, 'cinder_backends.lvm.kind'),
    ({'lvm': {'kind': 'lvm'}}, 'cinder_backends.lvm.volume_group is required'),
    ({'rbd': {'kind': 'rbd', 'pool': 'v'}}, 'cinder_backends.rbd.secret_uuid is required'),
    ({'nfs': {'kind': 'nfs', 'shares': [{'export': '/srv/nfs'}]}}, 'cinder_backends.nfs.shares[0].export'),
    ({'lvm': dict(LVM, availability_zone='dc:1')}, 'cinder_backends.lvm.availability_zone'),
    ({'lvm': dict(LVM, volume_grop='x')}, 'unknown keys volume_grop'),
    ({'lvm,nfs': LVM}, 'a backend section name'),
    ({'lvm': LVM, 'LVM': LVM}, 'differ only in case'),
    ({'rbd': dict(RBD, user='nova')}, 'no keyring for client.nova'),
    ({'a': LVM, 'b': LVM}, 'cinder_backends.b.volume_group %s is also the group of cinder_backends.a' % LVM['volume_group']),
    ({'nfs': {'kind': 'nfs', 'shares': [{'export': 'c:/srv/nfs', 'options': ['soft']}]}},
     'cinder_backends.nfs.shares[0].options: soft mounts'),
])
def test_bad_backends_are_named(backends, message):
    errors = cinder_backend_errors(backends, ceph_clusters=CEPH)
    assert any(message in error for error in errors), errors


def test_good_backends_pass():
    assert cinder_backend_errors({'lvm': LVM, 'nfs': NFS, 'rbd': RBD}, ceph_clusters=CEPH) == []


def test_type_zones_are_derived_from_az_bound_backends():
    specs = cinder_volume_type_specs({'name': 'lvm', 'backend': 'lvm'}, HOSTS)
    assert specs == {'volume_backend_name': 'lvm', 'RESKEY:availability_zones': 'compute1,compute2'}
    # rbd backends are in no zone of their own: the type is offered everywhere.
    assert cinder_volume_type_specs({'name': 'rbd', 'backend': 'rbd'}, HOSTS) == {'volume_backend_name': 'rbd'}
    given = cinder_volume_type_specs({'name': 'x', 'backend': 'rbd', 'availability_zones': ['nova'],
                                      'extra_specs': {'replication': '<is> True'}}, HOSTS)
    assert given == {'volume_backend_name': 'rbd', 'RESKEY:availability_zones': 'nova',
                     'replication': '<is> True'}


@pytest.mark.parametrize('types,message', [
    ([{'name': 'gold', 'backend': 'ssd'}], "cinder_volume_types[gold].backend 'ssd' is not the backend_name"),
    ([{'name': 'gold'}], 'cinder_volume_types[gold].backend is required'),
    ([{'name': 'a', 'backend': 'lvm'}, {'name': 'a', 'backend': 'lvm'}], 'listed twice'),
    ([{'name': 'a', 'backend': 'lvm', 'availability_zones': ['dc 1']}], 'availability_zones'),
    ([{'name': 'a', 'backend': 'lvm', 'extra_specs': {'volume_backend_name': 'x'}}], 'use backend instead'),
])
def test_bad_types_are_named(types, message):
    errors = cinder_volume_type_errors(types, HOSTS)
    assert any(message in error for error in errors), errors


# The catch-all zone (where a volume created without one lands): every type needs a backend
# there, or a zone_only mark, as the lab's LVM type had neither and its zone-less volumes failed.
CATCHALL_HOSTS = {
    'compute1': {'cinder_storage_availability_zone': 'compute1',
                 'cinder_backends': {'lvm': {'kind': 'lvm', 'volume_group': 'cinder-volumes'}}},
    'compute2': {'cinder_storage_availability_zone': 'compute2',
                 'cinder_backends': {'lvm': {'kind': 'lvm', 'volume_group': 'cinder-volumes'}}},
    'controller': {'cinder_storage_availability_zone': 'nova', 'cinder_backends': {'nfs': NFS}},
}


def test_a_type_with_no_backend_in_the_catchall_zone_is_refused():
    errors = cinder_volume_type_errors([{'name': 'lvm', 'backend': 'lvm'}, {'name': 'nfs', 'backend': 'nfs'}],
                                       CATCHALL_HOSTS)
    assert errors == [
        "cinder_volume_types[lvm]: its backend 'lvm' serves zones compute1, compute2 but not nova, where a "
        "volume created without a zone lands (and fails): add a backend with backend_name lvm to a volume "
        "host in zone nova, or set zone_only: true on the type if such volumes may fail"]


def test_zone_only_types_and_a_catchall_backend_pass():
    assert cinder_volume_type_errors([{'name': 'lvm', 'backend': 'lvm', 'zone_only': True}], CATCHALL_HOSTS) == []
    hosts = dict(CATCHALL_HOSTS, controller={'cinder_backends': {
        'nfs': NFS, 'lvm': {'kind': 'lvm', 'volume_group': 'cinder-volumes'}}})
    assert cinder_volume_type_errors([{'name': 'lvm', 'backend': 'lvm'}], hosts) == []
    # Another catch-all zone (Cinder's default_availability_zone) is compared, not nova.
    assert 'but not dc1' in cinder_volume_type_errors([{'name': 'nfs', 'backend': 'nfs'}], hosts,
                                                      catchall_zone='dc1')[0]
    assert 'zone_only must be true or false' in cinder_volume_type_errors(
        [{'name': 'lvm', 'backend': 'lvm', 'zone_only': 'yes'}], hosts)[0]


def test_type_proofs_cover_every_zone_and_the_catchall_last():
    hosts = dict(CATCHALL_HOSTS, controller={'cinder_backends': {
        'nfs': NFS, 'lvm': {'kind': 'lvm', 'volume_group': 'cinder-volumes'}}})
    proofs = cinder_type_proofs([{'name': 'lvm', 'backend': 'lvm'}, {'name': 'nfs', 'backend': 'nfs'}], hosts)
    assert [(p['name'], p.get('zone'), p['lands_in'], p['hosts'], p['kind']) for p in proofs] == [
        ('verify-lvm-compute1', 'compute1', 'compute1', ['compute1'], 'lvm'),
        ('verify-lvm-compute2', 'compute2', 'compute2', ['compute2'], 'lvm'),
        ('verify-lvm-nozone', None, 'nova', ['controller'], 'lvm'),
        ('verify-nfs-nozone', None, 'nova', ['controller'], 'nfs')]
    assert proofs[0]['backends']['compute1']['volume_group'] == 'cinder-volumes'


def test_zone_mismatches_compare_a_computes_aggregate_with_its_own_lvm_backends():
    from ansible_collections.stackdeploy.openstack.plugins.filter.cinder import cinder_zone_mismatches
    aggregates = [{'name': 'dc1', 'availability_zone': 'dc1', 'hosts': ['c1', 'c2']},
                  {'name': 'tagged', 'hosts': ['c1']}]
    hosts = {'c1': {'cinder_storage_availability_zone': 'dc1', 'cinder_backends': {'lvm': {'kind': 'lvm'}}},
             'c2': {'cinder_storage_availability_zone': 'dc1',
                    'cinder_backends': {'lvm': {'kind': 'lvm', 'availability_zone': 'dc2'},
                                        'shared': {'kind': 'nfs', 'availability_zone': 'nova'}}},
             'ctl': {'cinder_backends': {'lvm': {'kind': 'lvm'}}}}
    assert cinder_zone_mismatches(aggregates, hosts) == [
        'nova_aggregates[dc1]: c2 is in zone dc1, but its LVM backend lvm serves zone dc2 on the same host: '
        "give it zone dc1 (cinder_storage_availability_zone, or the backend's availability_zone)"]
    # A compute that runs no cinder-volume, and the lab's own layout, pass.
    assert cinder_zone_mismatches([{'name': 'dc3', 'availability_zone': 'dc3', 'hosts': ['c9']}], hosts) == []
    hosts['c2']['cinder_backends']['lvm'].pop('availability_zone')
    assert cinder_zone_mismatches(aggregates, hosts) == []
    # Without a zone of its own a backend serves Cinder's default zone.
    assert cinder_zone_mismatches([{'name': 'n', 'availability_zone': 'nova', 'hosts': ['ctl']}], hosts) == []
    assert cinder_zone_mismatches([{'name': 'x', 'availability_zone': 'x', 'hosts': ['ctl']}], hosts) != []


def test_an_lvm_backend_on_a_group_the_lvm_role_does_not_make_is_named():
    backends = {'lvm': {'kind': 'lvm', 'volume_group': 'cinder-volumez'}}
    groups = [{'name': 'shared', 'pvs': ['/dev/drbd0']}, {'name': 'cinder-volumes', 'pvs': ['/dev/vdc']}]
    assert cinder_backend_errors(backends, volume_groups=groups) == [
        'cinder_backends.lvm.volume_group cinder-volumez is not a group the lvm role makes on this host '
        '(lvm_volume_groups: shared, cinder-volumes); name one of them, or set cinder_lvm_volume_groups to null '
        'when the group is made another way']
    assert cinder_backend_errors({'lvm': {'kind': 'lvm', 'volume_group': 'cinder-volumes'}}, volume_groups=groups) == []
    assert cinder_backend_errors(backends, volume_groups=None) == []
