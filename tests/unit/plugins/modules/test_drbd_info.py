"""drbd_info reads metadata presence right, including after a crash (unclean metadata)."""
import pytest

from ansible_collections.stackdeploy.openstack.plugins.modules import drbd_info


class FakeHost:
    """Answers drbd_info's commands for a resource that is down."""

    def __init__(self, blkid_type, dump_md):
        self.blkid_type, self.dump_md = blkid_type, dump_md

    def __call__(self, argv, **kwargs):
        command = ' '.join(argv[1:3]) if argv[0].endswith('drbdadm') else argv[0]
        answers = {
            'sh-minor r0': (0, '0\n', ''), 'sh-ll-dev r0': (0, '/dev/vdb\n', ''),
            'role r0': (10, '', 'Device minor not allocated'), 'dump-md r0': self.dump_md,
            'blkid': (0 if self.blkid_type else 2, self.blkid_type + '\n', ''),
        }
        return answers[command]


@pytest.mark.parametrize('blkid_type,dump_md,metadata,signature', [
    ('', (255, '', 'No valid meta data found'), False, None),
    ('drbd', (0, 'version "v08";', ''), True, None),
    # A crashed primary: dump-md refuses, the metadata is there all the same.
    ('', (20, 'Found meta data is "unclean", please apply-al first\n', ''), True, None),
    ('ext4', (255, '', 'No valid meta data found'), False, 'ext4'),
])
def test_metadata_and_signature(monkeypatch, run_module, blkid_type, dump_md, metadata, signature):
    monkeypatch.setattr(drbd_info.AnsibleModule, 'get_bin_path', lambda self, name, required=False: '/sbin/' + name)
    monkeypatch.setattr(drbd_info.AnsibleModule, 'run_command',
                        lambda self, argv, **kwargs: FakeHost(blkid_type, dump_md)(argv))
    result = run_module(drbd_info, {'name': 'r0'})
    assert (result['up'], result['metadata'], result['signature']) == (False, metadata, signature)
