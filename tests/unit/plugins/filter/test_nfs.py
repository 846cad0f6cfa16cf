"""The NFS input checks: each bad input gives a message naming the item and the fix."""
import pytest

from ansible_collections.stackdeploy.openstack.plugins.filter.nfs import (
    nfs_export_errors, nfs_mount_errors, nfs_owner_mismatches, nfs_unexported_mounts)

GOOD = {'path': '/srv/nfs/nova', 'clients': [{'cidr': '10.20.0.0/24', 'options': ['rw', 'sync']}]}


def test_valid_exports_have_no_errors():
    assert nfs_export_errors([GOOD, {'path': '/srv/a', 'clients': [{'host': 'compute1.lab'}]}]) == []


@pytest.mark.parametrize('export,message', [
    (dict(GOOD, path='srv/nfs'), "nfs_server_exports[0]: path 'srv/nfs' must be an absolute path"),
    (dict(GOOD, path='/srv/../etc'), 'must be an absolute path'),
    (dict(GOOD, clients=[]), 'clients is empty'),
    (dict(GOOD, clients=[{'cidr': '10.20.0.0/33'}]), "clients[0]: cidr '10.20.0.0/33' is not a network"),
    (dict(GOOD, clients=[{'cidr': '10.20.0.5/24'}]), "cidr '10.20.0.5/24' is not a network"),
    (dict(GOOD, clients=[{'cidr': '10.20.0.0'}]), 'is not a network in CIDR form'),
    (dict(GOOD, clients=[{'cidr': '*'}]), 'opens the export to every host'),
    (dict(GOOD, clients=[{'cidr': '0.0.0.0/0'}]), 'opens the export to every host'),
    (dict(GOOD, clients=[{'cidr': ''}]), 'give exactly one of cidr or host'),
    (dict(GOOD, clients=[{'cidr': '10.0.0.0/8', 'host': 'a'}]), 'give exactly one of cidr or host'),
    (dict(GOOD, clients=[{'host': 'bad host!'}]), "host 'bad host!' is not a host name"),
    (dict(GOOD, clients=[{'cidr': '10.0.0.0/8', 'options': ['rw', 'no_root_squahs']}]),
     "unknown export option 'no_root_squahs'"),
    (dict(GOOD, clients=[{'cidr': '10.0.0.0/8', 'options': ['anonuid=nobody']}]), 'anonuid needs a number'),
    (dict(GOOD, mode='0766'), 'mode 0766 lets every user'),
    (dict(GOOD, mode=0o1772), 'lets every user'),
    (dict(GOOD, mode='u=rwx,o+w'), 'mode u=rwx,o+w lets every user'),
    (dict(GOOD, mode='0x750'), "mode '0x750' must be octal (0750) or chmod's symbols"),
])
def test_bad_exports_are_named(export, message):
    errors = nfs_export_errors([export])
    assert any(message in error for error in errors), errors


@pytest.mark.parametrize('path', ['/srv/nfs/nova\t', '/srv/nfs/nova\n*(rw)', '/srv/nfs nova', '/srv/\x7fnova'])
def test_whitespace_and_control_characters_are_refused(path):
    """exports(5) splits fields on whitespace: a tab would leave an entry open to every host."""
    errors = nfs_export_errors([dict(GOOD, path=path)])
    assert errors == ["nfs_server_exports[0]: path %r must be an absolute path without whitespace, control "
                      "characters or .." % path]


@pytest.mark.parametrize('second', ['/srv/nfs/nova', '/srv/nfs/nova/', '/srv//nfs/nova', '/srv/nfs/./nova'])
def test_an_export_twice_is_refused(second):
    errors = nfs_export_errors([GOOD, dict(GOOD, path=second)])
    assert len(errors) == 1 and errors[0].startswith('nfs_server_exports[1]: path %s ' % second), errors
    assert 'export it once, merging the clients' in errors[0]


def test_two_mounts_on_one_mount_point_are_refused():
    errors = nfs_mount_errors([{'src': 'c:/a', 'path': '/var/lib/nova/instances'},
                               {'src': 'c:/b', 'path': '/var/lib/nova/instances/'}])
    assert errors == ['nfs_client_mounts[1]: path /var/lib/nova/instances/ is the same as /var/lib/nova/instances; '
                      'one mount point holds one share, the later one would hide it']


@pytest.mark.parametrize('mount,message', [
    ({'src': 'controller:/srv/nfs/nova', 'path': 'var/lib'}, "path 'var/lib' must be an absolute path"),
    ({'src': 'controller:/srv/nfs/nova', 'path': '/'}, "path '/' must be below /"),
    ({'src': 'controller:/srv/nfs/nova', 'path': '/mnt/a\tb'}, 'without whitespace, control characters'),
    ({'src': 'controller', 'path': '/mnt'}, "src 'controller' must be SERVER:/absolute/export"),
    ({'src': 'controller:srv', 'path': '/mnt'}, 'must be SERVER:/absolute/export'),
    ({'src': 'c:/x', 'path': '/mnt', 'fstype': 'cifs'}, "fstype 'cifs' must be one of nfs, nfs4"),
    ({'src': 'c:/x', 'path': '/mnt', 'opts': 'rw,soft'}, 'soft mounts return I/O errors'),
])
def test_bad_mounts_are_named(mount, message):
    errors = nfs_mount_errors([mount])
    assert any(message in error and 'nfs_client_mounts[0]' in error for error in errors), errors


def hostvars(uids):
    return {host: {'nfs_client_mounts': [{'src': 'controller:/srv/nfs/nova', 'path': '/x',
                                          'owner': 'nova', 'group': 'nova'}],
                   'ansible_facts': {'getent_passwd': {'nova': ['x', uid]} if uid else {},
                                     'getent_group': {'nova': ['x', '960']}}}
            for host, uid in uids.items()}


def test_same_ids_everywhere_pass():
    assert nfs_owner_mismatches(['compute1', 'compute2'], hostvars({'compute1': '960', 'compute2': '960'})) == []


def test_different_uids_name_the_hosts_and_ids():
    errors = nfs_owner_mismatches(['compute1', 'compute2'], hostvars({'compute1': '960', 'compute2': '114'}))
    assert errors == ['owner nova of controller:/srv/nfs/nova has different ids: compute1=960, compute2=114; '
                      'NFS maps ownership by number, so give it one id everywhere '
                      '(stackdeploy.openstack.service_accounts)']


def test_a_missing_owner_is_named():
    errors = nfs_owner_mismatches(['compute1', 'compute2'], hostvars({'compute1': '960', 'compute2': None}))
    assert errors and 'does not exist on compute2' in errors[0]


EXPORTS = [{'path': '/srv/nfs/glance'}, {'path': '/srv/nfs/nova/'}]


def mounts(*srcs):
    return {'nfs_client_mounts': [{'src': src, 'path': '/mnt/%d' % index} for index, src in enumerate(srcs)]}


def test_mounts_of_exported_paths_pass_slash_or_not():
    clients = {'compute1': mounts('controller:/srv/nfs/nova'), 'controller': mounts('controller:/srv/nfs/glance/')}
    assert nfs_unexported_mounts(['compute1', 'controller'], clients, EXPORTS, ['controller']) == []


def test_a_mount_of_a_path_not_exported_names_client_item_and_exports():
    clients = {'compute1': mounts('controller:/srv/nfs/nova', 'controller:/srv/nfs/nvoa')}
    assert nfs_unexported_mounts(['compute1'], clients, EXPORTS, ['controller', '10.20.0.10']) == [
        'compute1: nfs_client_mounts[1].src controller:/srv/nfs/nvoa names a path controller does not export '
        '(nfs_server_exports: /srv/nfs/glance, /srv/nfs/nova); fix the source or add the export']


def test_a_mount_by_address_counts_and_other_servers_are_left_alone():
    clients = {'compute1': mounts('10.20.0.10:/srv/other', 'filer:/srv/other'), 'compute2': {}}
    errors = nfs_unexported_mounts(['compute1', 'compute2'], clients, EXPORTS, ['controller', '10.20.0.10'])
    assert len(errors) == 1 and '10.20.0.10:/srv/other' in errors[0]


def test_a_cinder_share_of_a_path_not_exported_is_named():
    hosts = {'controller': {'cinder_backends': {
        'lvm': {'kind': 'lvm', 'volume_group': 'cinder-volumes'},
        'nfs': {'kind': 'nfs', 'shares': [{'export': 'controller:/srv/nfs/glance'},
                                          {'export': 'controller:/srv/nfs/cinderr'}]}}}}
    assert nfs_unexported_mounts([], hosts, EXPORTS, ['controller'], cinder_hosts=['controller']) == [
        'controller: cinder_backends.nfs.shares[1].export controller:/srv/nfs/cinderr names a path controller '
        'does not export (nfs_server_exports: /srv/nfs/glance, /srv/nfs/nova); fix the source or add the export']


@pytest.mark.parametrize('mode', ['0750', '0770', 0o750, 'u=rwx,g=rx,o-w', None])
def test_modes_that_keep_other_users_out_pass(mode):
    assert nfs_export_errors([dict(GOOD, mode=mode)]) == []
