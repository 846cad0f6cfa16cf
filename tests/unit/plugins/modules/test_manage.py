"""manage runs a console script with its secret arguments in sys.argv but not in the process table."""
import json

from ansible_collections.stackdeploy.openstack.plugins.modules import manage

SECRET = 'mysql+pymysql://nova:s3cret-Pa55@db/nova_cell0'

# A console script's shape: it reports what it was given and what the kernel shows of it.
SCRIPT = '''import json, os, sys
def main():
    with open('/proc/self/cmdline', 'rb') as f:
        cmdline = f.read().decode().rstrip('\\0').split('\\0')
    with open('/proc/self/environ', 'rb') as f:
        environ = f.read().decode()
    print(json.dumps({'argv': sys.argv, 'cmdline': cmdline, 'secret_in_environ': %r in environ}))
    return int(os.environ.get('FAKE_RC', '0'))
if __name__ == "__main__":
    sys.exit(main())
''' % SECRET


def script(tmp_path):
    path = tmp_path / 'fake-manage'
    path.write_text(SCRIPT)
    return str(path)


def test_secret_reaches_argv_not_cmdline(tmp_path, run_module):
    result = run_module(manage, {'command': script(tmp_path), 'argv': ['cell_v2', 'map_cell0'],
                                 'secret_argv': ['--database_connection', SECRET]})
    assert result['changed'] and result['rc'] == 0
    # The output names the secret, so Ansible masks it: compare the unmasked argv the script saw
    # through its length and public part, and what the kernel shows in full.
    seen = json.loads(result['stdout'])
    assert seen['argv'][1:3] == ['cell_v2', 'map_cell0'] and len(seen['argv']) == 5
    assert SECRET not in ' '.join(seen['cmdline'])
    assert seen['cmdline'][-3:] == [script(tmp_path), 'cell_v2', 'map_cell0']
    assert not seen['secret_in_environ']
    assert SECRET not in json.dumps(result)
    assert result['cmd'] == [script(tmp_path), 'cell_v2', 'map_cell0']


def test_secret_value_arrives_intact(tmp_path, run_module):
    checker = tmp_path / 'check-manage'
    checker.write_text('import sys\nsys.exit(0 if sys.argv[1:] == ["x", "--pw", %r] else 3)\n' % SECRET)
    result = run_module(manage, {'command': str(checker), 'argv': ['x'], 'secret_argv': ['--pw', SECRET]})
    assert result['rc'] == 0


def test_failure_reports_the_public_command(tmp_path, run_module, monkeypatch):
    monkeypatch.setenv('FAKE_RC', '2')
    result = run_module(manage, {'command': script(tmp_path), 'argv': ['bootstrap'],
                                 'secret_argv': ['--bootstrap-password', SECRET]})
    assert result['failed'] and result['rc'] == 2
    assert result['msg'] == '%s bootstrap exited with 2' % script(tmp_path)
    assert SECRET not in json.dumps(result)


def test_check_mode_runs_nothing(tmp_path, run_module):
    marker = tmp_path / 'ran'
    touch = tmp_path / 'touch-manage'
    touch.write_text('open(%r, "w").close()\n' % str(marker))
    result = run_module(manage, {'command': str(touch), 'secret_argv': ['s']}, check_mode=True)
    assert result['changed'] and 'rc' not in result and not marker.exists()
