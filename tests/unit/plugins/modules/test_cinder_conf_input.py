"""Bad cinder_conf input fails before anything is written, naming the option and the fix."""
import pytest

from ansible_collections.stackdeploy.openstack.plugins.modules import cinder_conf

LVM = {'volume_driver': 'cinder.volume.drivers.lvm.LVMVolumeDriver', 'volume_backend_name': 'lvm'}


@pytest.mark.parametrize('args,message', [
    ({'backends': {'lvm': {'volume_backend_name': 'lvm'}}}, 'backends.lvm has no volume_driver'),
    ({'backends': {'lvm': {'volume_driver': 'x'}}}, 'backends.lvm has no volume_backend_name'),
    ({'backends': {'lvm': LVM, 'LVM': LVM}}, 'differ only in case'),
    ({'backends': {'DEFAULT': LVM}}, 'backends.DEFAULT: a backend section name'),
    ({'backends': {'lvm,nfs': LVM}}, 'backends.lvm,nfs: a backend section name'),
    ({'backends': {'lvm': dict(LVM, backend_availability_zone='dc 1')}},
     'backends.lvm.backend_availability_zone'),
    ({'backends': {'lvm': LVM}, 'storage_availability_zone': 'az:1'}, 'storage_availability_zone'),
    ({'backends': {'lvm': 'not-a-dict'}}, 'backends.lvm must be a dict'),
])
def test_bad_input_fails_naming_the_option(tmp_path, run_module, args, message):
    target = tmp_path / 'cinder.conf'
    target.write_text('[DEFAULT]\n')
    result = run_module(cinder_conf, dict(args, path=str(target)))
    assert result['failed'] and message in result['msg']
    assert target.read_text() == '[DEFAULT]\n'


def test_new_file_is_created_with_the_given_mode(tmp_path, run_module):
    target = tmp_path / 'cinder.conf'
    result = run_module(cinder_conf, {'path': str(target), 'backends': {'lvm': LVM}, 'mode': '0640'})
    assert result['changed'] and result['enabled_backends'] == ['lvm']
    assert oct(target.stat().st_mode & 0o777) == '0o640'
    assert target.read_text().startswith('[DEFAULT]\nenabled_backends = lvm\n\n[lvm]\n')
