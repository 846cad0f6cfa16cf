"""Golden files: golden/<module>/<case>/{before.conf,args.json,after.conf}.

The tests read them and never write them; a missing after.conf fails the case."""
import json
import os
import shutil

import pytest

from ansible_collections.stackdeploy.openstack.plugins.modules import (
    cinder_conf, drbd_resource, lvm_config, oslo_conf)

GOLDEN = os.path.join(os.path.dirname(os.path.abspath(__file__)), 'golden')
MODULES = {'cinder_conf': cinder_conf, 'drbd_resource': drbd_resource, 'lvm_config': lvm_config,
           'oslo_conf': oslo_conf}


def make_invalid(name, args):
    """Args whose candidate file the module's validator rejects."""
    if name == 'drbd_resource':
        # The real drbdadm refuses a resource that does not name this host.
        return dict(args, validate=True)
    if name == 'lvm_config':
        # The real lvmconfig --validate refuses an unknown setting.
        return dict(args, settings=dict(args['settings'], **{'devices/no_such_setting': 1}))
    return dict(args, validate='false %s')


CASES = sorted((name, case) for name in MODULES for case in os.listdir(os.path.join(GOLDEN, name)))


def read(path):
    with open(path) as handle:
        return handle.read()


def prepare(tmp_path, name, case):
    folder = os.path.join(GOLDEN, name, case)
    target = tmp_path / 'service.conf'
    shutil.copy(os.path.join(folder, 'before.conf'), target)
    args = json.loads(read(os.path.join(folder, 'args.json')))
    args['path'] = str(target)
    return folder, target, args


@pytest.mark.parametrize('name,case', CASES)
def test_renders_the_golden_file(tmp_path, run_module, name, case):
    folder, target, args = prepare(tmp_path, name, case)
    result = run_module(MODULES[name], args)
    assert not result.get('failed'), result
    assert result['changed'] is True
    assert read(target) == read(os.path.join(folder, 'after.conf'))


@pytest.mark.parametrize('name,case', CASES)
def test_second_run_changes_nothing(tmp_path, run_module, name, case):
    dummy, target, args = prepare(tmp_path, name, case)
    run_module(MODULES[name], args)
    first = read(target)
    result = run_module(MODULES[name], args)
    assert result['changed'] is False and not result.get('changes')
    assert read(target) == first


@pytest.mark.parametrize('name,case', CASES)
def test_check_mode_reports_the_diff_and_writes_nothing(tmp_path, run_module, name, case):
    folder, target, args = prepare(tmp_path, name, case)
    result = run_module(MODULES[name], args, check_mode=True, diff=True)
    assert result['changed'] is True
    assert read(target) == read(os.path.join(folder, 'before.conf'))
    expected = read(os.path.join(folder, 'after.conf'))
    if args.get('shared_secret'):
        # no_log values never leave the module, not even inside a diff.
        assert args['shared_secret'] not in json.dumps(result)
        expected = expected.replace(args['shared_secret'], '********')
    assert result['diff']['after'] == expected
    assert result['diff']['before_header'] == str(target)


@pytest.mark.parametrize('name,case', CASES)
def test_failed_validation_keeps_the_original(tmp_path, run_module, name, case):
    folder, target, args = prepare(tmp_path, name, case)
    result = run_module(MODULES[name], make_invalid(name, args))
    assert result['failed'] and 'the file was not changed' in result['msg']
    assert read(target) == read(os.path.join(folder, 'before.conf'))


@pytest.mark.parametrize('name,case', CASES)
def test_backup_keeps_the_previous_content(tmp_path, run_module, name, case):
    folder, target, args = prepare(tmp_path, name, case)
    args['backup'] = True
    result = run_module(MODULES[name], args)
    assert read(result['backup_file']) == read(os.path.join(folder, 'before.conf'))
