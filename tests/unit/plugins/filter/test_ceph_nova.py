"""ceph_client's and nova's checks: keys, uuids, zones and aggregate hosts are named."""
import pytest

from ansible_collections.stackdeploy.openstack.plugins.filter.ceph import (
    ceph_client_conf, ceph_client_errors, ceph_client_key, ceph_client_user)
from ansible.errors import AnsibleFilterError
from ansible_collections.stackdeploy.openstack.plugins.filter.nova import nova_aggregate_errors, nova_client_settings

KEY = 'AQAg7R9pAAAAABAAvyB4fRKJ+5hEPNCQ8PcwVg=='
CLUSTER = {'name': 'ceph', 'fsid': '6f4c3a5e-2b71-4f1e-9d35-0a7c2f6e4b10', 'mon_host': ['10.20.0.10'],
           'users': [{'name': 'cinder', 'key': KEY, 'libvirt_secret_uuid': '961d24d8-22e8-4917-a9db-7b62e30603d5'}]}


def test_a_good_cluster_passes_and_users_carry_no_key():
    assert ceph_client_errors([CLUSTER]) == []
    user = ceph_client_user((CLUSTER, CLUSTER['users'][0]))
    assert KEY not in str(user) and user['keyring'] == '/etc/ceph/ceph.client.cinder.keyring'
    assert ceph_client_key([CLUSTER], 'ceph', 'cinder') == KEY


def test_conf_view_has_the_settings_and_no_key():
    conf = ceph_client_conf(dict(CLUSTER, conf_overrides={'global': {'rbd_cache': 'true'}, 'client': {'x': 1}}))
    assert conf == {'name': 'ceph', 'path': '/etc/ceph/ceph.conf', 'settings': {
        'global': {'fsid': CLUSTER['fsid'], 'mon_host': ['10.20.0.10'], 'rbd_cache': 'true'},
        'client': {'x': 1}}}
    assert KEY not in str(conf)


@pytest.mark.parametrize('change,message', [
    ({'fsid': 'nope'}, 'fsid'),
    ({'mon_host': '10.20.0.10'}, 'mon_host must list'),
    ({'users': [{'name': 'cinder'}]}, 'exactly one of key, key_file or fetch_from'),
    ({'users': [{'name': 'cinder', 'key': KEY, 'fetch_from': 'mon1'}]}, 'exactly one of key, key_file'),
    ({'users': [{'name': 'cinder', 'key_file': '/nonexistent/ceph.client.cinder.keyring'}]},
     'key_file /nonexistent/ceph.client.cinder.keyring does not exist on the Ansible controller'),
    ({'users': [{'name': 'cinder', 'key': 'c2hvcnQ='}]}, 'is not a cephx key'),
    ({'users': [{'name': 'cinder', 'key': KEY, 'libvirt_secret_uuid': 'x'}]}, 'is not a UUID'),
    ({'users': [dict(CLUSTER['users'][0]), dict(CLUSTER['users'][0], name='nova')]}, 'one uuid per cluster'),
])
def test_bad_clusters_are_named_without_the_key(change, message):
    errors = ceph_client_errors([dict(CLUSTER, **change)])
    assert any(message in error for error in errors), errors
    assert KEY not in str(errors)


@pytest.mark.parametrize('content', [KEY + '\n', '[client.cinder]\n\tkey = %s\n\tcaps mon = "profile rbd"\n' % KEY])
def test_key_file_holds_a_bare_key_or_a_keyring(tmp_path, content):
    path = tmp_path / 'ceph.client.cinder.keyring'
    path.write_text(content)
    cluster = dict(CLUSTER, users=[{'name': 'cinder', 'key_file': str(path)}])
    assert ceph_client_errors([cluster]) == []
    assert ceph_client_key([cluster], 'ceph', 'cinder') == KEY
    path.write_text('[client.cinder]\n\tkey = c2hvcnQ=\n')
    assert any('key_file is not a cephx key' in e for e in ceph_client_errors([cluster]))


@pytest.mark.parametrize('aggregates,message', [
    ([{'name': 'dc1', 'availability_zone': 'dc 1'}], 'availability_zone'),
    ([{'name': 'dc1', 'hosts': ['compute9']}], 'compute9 do not run nova-compute'),
    ([{'name': 'dc1'}, {'name': 'dc1'}], 'listed twice'),
])
def test_bad_aggregates_are_named(aggregates, message):
    errors = nova_aggregate_errors(aggregates, ['compute1', 'compute2'])
    assert any(message in error for error in errors), errors
    assert nova_aggregate_errors([{'name': 'dc1', 'availability_zone': 'dc1', 'hosts': ['compute1']}],
                                 ['compute1']) == []


def test_nova_reaches_the_others_through_the_catalog_interface_and_region():
    settings = nova_client_settings('internal', 'RegionOne', {'username': 'nova', 'password': 'p'})
    assert settings['cinder'] == {'catalog_info': 'volumev3::internalURL', 'os_region_name': 'RegionOne'}
    assert settings['glance'] == settings['neutron'] == settings['placement'] == {
        'valid_interfaces': 'internal', 'region_name': 'RegionOne'}
    assert settings['service_user'] == {'username': 'nova', 'password': 'p', 'send_service_user_token': True}
    assert 'service_user' not in nova_client_settings('public', 'r')
    with pytest.raises(AnsibleFilterError, match="'internalURL' is not one of"):
        nova_client_settings('internalURL', 'r')
