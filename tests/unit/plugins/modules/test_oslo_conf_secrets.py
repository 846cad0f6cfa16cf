"""A password listed in `secrets` never reaches the result, the diff or the logged arguments."""
import json

from ansible_collections.stackdeploy.openstack.plugins.modules import cinder_conf, oslo_conf

PASSWORD = 'Zq8-not-in-any-log'
URL = 'mysql+pymysql://cinder:%s@10.20.0.10/cinder' % PASSWORD


def test_oslo_conf_masks_secrets_in_diff_and_invocation(tmp_path, run_module):
    target = tmp_path / 'glance-api.conf'
    result = run_module(oslo_conf, {'path': str(target), 'secrets': [PASSWORD],
                                    'settings': {'database': {'connection': URL}}}, diff=True)
    assert result['changed'] and PASSWORD in target.read_text()
    assert PASSWORD not in json.dumps(result)
    assert '********' in result['diff']['after']


def test_cinder_conf_masks_secrets_in_diff_and_invocation(tmp_path, run_module):
    target = tmp_path / 'cinder.conf'
    backends = {'lvm': {'volume_driver': 'cinder.volume.drivers.lvm.LVMVolumeDriver',
                        'volume_backend_name': 'lvm'}}
    result = run_module(cinder_conf, {'path': str(target), 'backends': backends,
                                      'secrets': [PASSWORD],
                                      'overrides': {'database': {'connection': URL}}}, diff=True)
    assert result['changed'] and PASSWORD in target.read_text()
    assert PASSWORD not in json.dumps(result)
