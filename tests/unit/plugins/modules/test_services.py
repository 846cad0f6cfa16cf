"""services reads every unit with one systemctl show and starts or enables only what needs it."""
import pytest

from ansible_collections.stackdeploy.openstack.plugins.modules import services


class FakeSystemd:
    """systemctl show/start/enable over a table of units: name -> (LoadState, ActiveState, UnitFileState)."""

    def __init__(self, units):
        self.units = {name: list(state) for name, state in units.items()}
        self.writes = []

    def __call__(self, argv):
        assert argv[0] == '/bin/systemctl'
        verb, names = argv[1], argv[argv.index('--') + 1:]
        if verb == 'show':
            blocks = []
            for name in names:
                load, active, unit_file = self.units.get(name, ('not-found', 'inactive', ''))
                blocks.append('Id=%s.service\nLoadState=%s\nActiveState=%s\nUnitFileState=%s\n'
                              % (name, load, active, unit_file))
            return 0, '\n'.join(blocks), ''
        self.writes.append([verb] + names)
        for name in names:
            if verb == 'start':
                self.units[name][1] = 'active'
            elif verb == 'enable':
                self.units[name][2] = 'enabled'
        return 0, '', ''


@pytest.fixture
def systemd(monkeypatch):
    def install(units):
        fake = FakeSystemd(units)
        monkeypatch.setattr(services.AnsibleModule, 'get_bin_path',
                            lambda self, name, required=False: '/bin/' + name)
        monkeypatch.setattr(services.AnsibleModule, 'run_command', lambda self, argv, **kw: fake(argv))
        return fake
    return install


UNITS = {'nova-api': ('loaded', 'inactive', 'disabled'), 'nova-conductor': ('loaded', 'active', 'enabled'),
         'ovsdb-server': ('loaded', 'inactive', 'static'), 'nova-scheduler': ('loaded', 'active', 'disabled')}


def test_starts_and_enables_only_what_needs_it_then_changes_nothing(run_module, systemd):
    fake = systemd(UNITS)
    result = run_module(services, {'names': list(UNITS)})
    assert result['changed']
    assert result['started'] == ['nova-api', 'ovsdb-server']
    assert result['enabled_units'] == ['nova-api', 'nova-scheduler']
    assert fake.writes == [['enable', 'nova-api', 'nova-scheduler'], ['start', 'nova-api', 'ovsdb-server']]
    fake.writes.clear()
    again = run_module(services, {'names': list(UNITS)})
    assert not again['changed'] and fake.writes == []


def test_check_mode_and_diff_write_nothing(run_module, systemd):
    fake = systemd(UNITS)
    result = run_module(services, {'names': ['nova-api', 'nova-conductor']}, check_mode=True, diff=True)
    assert result['changed'] and fake.writes == []
    assert result['diff']['before'] == 'nova-api inactive disabled\nnova-conductor active enabled\n'
    assert result['diff']['after'] == 'nova-api active enabled\nnova-conductor active enabled\n'


def test_not_enabled_when_not_asked(run_module, systemd):
    fake = systemd(UNITS)
    result = run_module(services, {'names': ['nova-scheduler', 'nova-api'], 'enabled': False})
    assert result['started'] == ['nova-api'] and result['enabled_units'] == []
    assert fake.writes == [['start', 'nova-api']]


def test_a_masked_or_unknown_unit_fails_before_any_change(run_module, systemd):
    fake = systemd(dict(UNITS, tgt=('masked', 'inactive', 'masked')))
    result = run_module(services, {'names': ['nova-api', 'tgt', 'nosuch']})
    assert result['failed'] and fake.writes == []
    assert result['msg'] == 'cannot run: tgt is masked; nosuch is not-found'


def test_check_mode_on_a_new_host_reports_a_unit_not_installed_yet(run_module, systemd):
    fake = systemd({})
    result = run_module(services, {'names': ['nova-api']}, check_mode=True)
    assert result['changed'] and result['started'] == ['nova-api'] and fake.writes == []
    assert 'not installed yet' in str(result['warnings'])
