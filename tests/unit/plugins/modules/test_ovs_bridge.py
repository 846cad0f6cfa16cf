"""ovs_bridge adds only what is missing, leaves the rest of the bridge alone, and refuses to steal a port."""
import pytest

from ansible_collections.stackdeploy.openstack.plugins.modules import ovs_bridge


class FakeOvs:
    """An ovsdb answering ovs-vsctl: bridges mapped to their ports."""

    def __init__(self, bridges):
        self.bridges = {b: list(p) for b, p in bridges.items()}
        self.writes = []

    def __call__(self, argv):
        assert argv[0] == '/usr/bin/ovs-vsctl' and argv[1].startswith('--timeout=')
        args = argv[2:]
        if args[0] == '--may-exist':
            self.writes.append(args[1:])
            if args[1] == 'add-br':
                self.bridges.setdefault(args[2], [])
            else:
                self.bridges[args[2]].append(args[3])
            return 0, '', ''
        if args[0] == 'br-exists':
            return (0 if args[1] in self.bridges else 2), '', ''
        if args[0] == 'list-ports':
            return 0, ''.join(p + '\n' for p in self.bridges[args[1]]), ''
        if args[0] == 'port-to-br':
            for bridge, ports in self.bridges.items():
                if args[1] in ports:
                    return 0, bridge + '\n', ''
            return 1, '', 'ovs-vsctl: no port named %s' % args[1]
        raise AssertionError(args)


@pytest.fixture
def ovs(monkeypatch):
    def install(bridges):
        fake = FakeOvs(bridges)
        monkeypatch.setattr(ovs_bridge.AnsibleModule, 'get_bin_path', lambda self, name, required=False: '/usr/bin/' + name)
        monkeypatch.setattr(ovs_bridge.AnsibleModule, 'run_command', lambda self, argv, **kw: fake(argv))
        return fake
    return install


def test_fresh_host_creates_bridge_and_port_then_changes_nothing(ovs, run_module):
    fake = ovs({'br-int': ['patch-tun']})
    result = run_module(ovs_bridge, {'bridge': 'br-ex', 'ports': ['ens5']}, diff=True)
    assert result['changed'] and result['created'] and result['added_ports'] == ['ens5']
    assert fake.writes == [['add-br', 'br-ex'], ['add-port', 'br-ex', 'ens5']]
    assert result['diff']['after'] == 'bridge br-ex\n  port ens5\n'
    again = run_module(ovs_bridge, {'bridge': 'br-ex', 'ports': ['ens5']})
    assert not again['changed'] and len(fake.writes) == 2


def test_agent_ports_are_left_alone(ovs, run_module):
    fake = ovs({'br-ex': ['ens5', 'phy-br-ex', 'qg-1234']})
    result = run_module(ovs_bridge, {'bridge': 'br-ex', 'ports': ['ens5']})
    assert not result['changed'] and fake.writes == [] and fake.bridges['br-ex'] == ['ens5', 'phy-br-ex', 'qg-1234']


def test_check_mode_predicts_and_writes_nothing(ovs, run_module):
    fake = ovs({})
    result = run_module(ovs_bridge, {'bridge': 'br-ex', 'ports': ['ens5']}, check_mode=True)
    assert result['changed'] and result['created'] and fake.writes == [] and fake.bridges == {}


def test_a_port_on_another_bridge_is_refused(ovs, run_module):
    fake = ovs({'br-ex': [], 'br-other': ['ens5']})
    result = run_module(ovs_bridge, {'bridge': 'br-ex', 'ports': ['ens5']})
    assert result['failed'] and fake.writes == []
    assert result['msg'] == ('ens5 is plugged into bridge br-other, not br-ex: unplug it first '
                             '(ovs-vsctl del-port br-other ens5)')


def test_ovsdb_down_fails_with_its_message(monkeypatch, run_module):
    monkeypatch.setattr(ovs_bridge.AnsibleModule, 'get_bin_path', lambda self, name, required=False: '/usr/bin/' + name)
    monkeypatch.setattr(ovs_bridge.AnsibleModule, 'run_command',
                        lambda self, argv, **kw: (1, '', 'ovs-vsctl: unix:/var/run/openvswitch/db.sock: '
                                                         'database connection failed (No such file or directory)'))
    result = run_module(ovs_bridge, {'bridge': 'br-ex'})
    assert result['failed'] and 'database connection failed' in result['msg']
