"""drbd_resource: meaning over layout, input that fails early, and the real drbdadm as checker."""
import os
import shutil

import pytest

from ansible_collections.stackdeploy.openstack.plugins.module_utils import _drbd
from ansible_collections.stackdeploy.openstack.plugins.modules import drbd_resource

HOSTS = [{'name': 'node1', 'address': '10.20.0.21'}, {'name': 'node2', 'address': '10.20.0.22'}]
BASE = {'name': 'r0', 'version': '8.4', 'minor': 0, 'disk': '/dev/vdb', 'hosts': HOSTS,
        'validate': False}


def test_layout_and_comments_are_not_changes(tmp_path, run_module):
    target = tmp_path / 'r0.res'
    run_module(drbd_resource, dict(BASE, path=str(target)))
    relaid = '# an operator comment\n' + target.read_text().replace('    ', '\t').replace(';\n', ' ;\n')
    target.write_text(relaid)
    result = run_module(drbd_resource, dict(BASE, path=str(target)), diff=True)
    assert result['changed'] is False and result['adjust_needed'] is False
    assert result['diff']['before'] == result['diff']['after']
    assert target.read_text() == relaid


def test_a_real_change_asks_for_adjust(tmp_path, run_module):
    target = tmp_path / 'r0.res'
    run_module(drbd_resource, dict(BASE, path=str(target)))
    result = run_module(drbd_resource, dict(BASE, path=str(target), protocol='B'))
    assert result['changed'] and result['adjust_needed']
    assert 'protocol B;' in target.read_text()


@pytest.mark.parametrize('change,message', [
    ({'hosts': HOSTS + [{'name': 'node3', 'address': '10.20.0.23'}]}, 'DRBD 8.4 resource has exactly two'),
    ({'hosts': HOSTS[:1]}, 'at least two hosts'),
    ({'hosts': [HOSTS[0], dict(HOSTS[1], name='node1')]}, 'name node1 used more than once'),
    ({'version': '9', 'hosts': [dict(HOSTS[0], node_id=1), dict(HOSTS[1], node_id=1)]},
     'node_id 1 used more than once'),
    ({'hosts': [HOSTS[0], dict(HOSTS[1], address='10.20.0.300')]}, "address '10.20.0.300'"),
    ({'port': 70000}, 'port 70000 is outside'),
    ({'minor': None}, 'minor must be set'),
    ({'disk': 'vdb'}, "disk 'vdb' must be a /dev path"),
    ({'allow_two_primaries': True}, 'allow_two_primaries without fencing'),
    ({'allow_two_primaries': True, 'fencing': 'dont-care'}, 'allow_two_primaries without fencing'),
    ({'allow_two_primaries': True, 'fencing': 'resource-only', 'protocol': 'A'}, 'needs protocol C'),
    ({'fencing': 'resource-and-stonith'}, 'fencing resource-and-stonith needs handlers.fence-peer'),
    ({'name': 'r 0'}, "name 'r 0'"),
])
def test_bad_input_fails_before_writing(tmp_path, run_module, change, message):
    target = tmp_path / 'r0.res'
    result = run_module(drbd_resource, dict(BASE, path=str(target), **change))
    assert result['failed'] and message in result['msg'], result['msg']
    assert not target.exists()


def test_accepted_risk_renders_with_a_warning(tmp_path, run_module):
    result = run_module(drbd_resource, dict(BASE, path=str(tmp_path / 'r0.res'),
                                            allow_two_primaries=True,
                                            accept_dual_primary_without_fencing=True))
    assert result['changed'] and 'dual-primary without fencing' in repr(result['warnings'])


def test_secret_never_leaves_the_module_and_the_file_is_private(tmp_path, run_module):
    target = tmp_path / 'r0.res'
    result = run_module(drbd_resource, dict(BASE, path=str(target), shared_secret='do-not-print-me'),
                        diff=True)
    assert 'do-not-print-me' not in repr(result)
    assert 'do-not-print-me' in target.read_text()
    assert oct(target.stat().st_mode & 0o777) == '0o600' and result['mode'] == '0600'


@pytest.mark.skipif(not shutil.which('drbdadm'), reason='drbd-utils is installed by make deps')
@pytest.mark.parametrize('version', ['8.4', '9'])
def test_real_drbdadm_accepts_a_resource_naming_this_host(tmp_path, run_module, version):
    hosts = [dict(HOSTS[0], name=os.uname()[1]), HOSTS[1]]
    result = run_module(drbd_resource, dict(BASE, path=str(tmp_path / 'r0.res'), hosts=hosts,
                                            version=version, validate=True,
                                            allow_two_primaries=True, fencing='resource-only',
                                            handlers={'fence-peer': '/usr/lib/drbd/crm-fence-peer.sh'}))
    assert not result.get('failed'), result.get('msg')
    assert result['changed']


def test_tokens_ignore_comments_and_layout_but_not_quotes():
    assert _drbd.tokens('a  b;# c\n{ "x y" }') == ['a', 'b', ';', '{', '"x y"', '}']
    assert _drbd.tokens('a "b;c";') == ['a', '"b;c"', ';']
