"""The secrets sampler finds a secret passed on a command line or in an environment, and only that."""
import json
import os
import subprocess
import sys
import time

SAMPLER = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), 'integration',
                       'secret_sampler.py')


def run(action, tmp_path, stdin=None):
    return subprocess.run([sys.executable, SAMPLER, action, '--records', str(tmp_path / 'records'),
                           '--pidfile', str(tmp_path / 'pid'), '--interval', '0.1'],
                          input=stdin, capture_output=True, text=True, check=True, timeout=60)


def wait_for(path):
    for dummy in range(100):
        if path.exists() and path.stat().st_size:
            return
        time.sleep(0.1)
    raise AssertionError('%s stayed empty' % path)


def test_argv_and_environment_leaks_are_found(tmp_path):
    run('start', tmp_path)
    wait_for(tmp_path / 'records')
    assert oct((tmp_path / 'records').stat().st_mode & 0o777) == '0o600'
    env = dict(os.environ, LEAKED_TOKEN='env-Secret-41')
    sleeper = [sys.executable, '-c', 'import time; time.sleep(3)']
    children = [subprocess.Popen(sleeper + ['argv-Secret-17']), subprocess.Popen(sleeper, env=env)]
    try:
        time.sleep(1)
    finally:
        for child in children:
            child.kill()
            child.wait()
    secrets = {'in_argv': 'argv-Secret-17', 'in_env': 'env-Secret-41', 'never_used': 'unused-Secret-99'}
    report = json.loads(run('check', tmp_path, json.dumps(secrets)).stdout)
    assert report['sampled']
    assert 'sampled command line of %s' % sys.executable in report['found']['in_argv']
    assert 'sampled environment variable LEAKED_TOKEN of %s' % sys.executable in report['found']['in_env']
    assert 'never_used' not in report['found']
    # The sampler is stopped and its records are gone.
    assert not (tmp_path / 'pid').exists() and not (tmp_path / 'records').exists()


def test_check_without_a_sampler_says_so(tmp_path):
    report = json.loads(run('check', tmp_path, json.dumps({'x': 'nothing-Secret-00'})).stdout)
    assert report == {'sampled': False, 'found': {}}
