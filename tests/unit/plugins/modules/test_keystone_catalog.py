"""keystone_catalog reads once, writes only what differs, checks passwords by logging in, and
changes nothing in check mode."""
import itertools
from types import SimpleNamespace as Obj

import pytest

from ansible_collections.openstack.cloud.plugins.module_utils import openstack as os_utils
from ansible_collections.stackdeploy.openstack.plugins.modules import keystone_catalog

SERVICES = [
    {'name': 'nova', 'type': 'compute', 'user': 'nova', 'password': 'pw-nova', 'description': 'Compute',
     'endpoints': [{'interface': 'public', 'url': 'http://127.0.0.1:8774/v2.1'},
                   {'interface': 'internal', 'url': 'http://10.20.0.10:8774/v2.1'}]},
    {'name': 'glance', 'type': 'image', 'user': 'glance', 'password': 'pw-glance',
     'endpoints': [{'interface': 'public', 'url': 'http://127.0.0.1:9292'}]},
]
AUTH = {'auth_url': 'http://127.0.0.1:5000/v3', 'username': 'admin', 'password': 'x', 'project_name': 'admin'}


class FakeKeystone:
    """Keystone's identity API as openstacksdk's proxy shows it; every write is recorded."""

    def __init__(self):
        self.ids = itertools.count(1)
        self.projects, self.roles, self.users, self.regions = {}, {}, {}, {}
        self._services, self._endpoints, self.assignments = [], [], set()
        self.passwords, self.writes, self.logins = {}, [], []

    def _new(self, **fields):
        return Obj(id='id%d' % next(self.ids), **fields)

    def find_project(self, name, domain_id, ignore_missing):
        return self.projects.get(name)

    def create_project(self, name, domain_id):
        self.writes.append(('project', name))
        self.projects[name] = self._new(name=name)
        return self.projects[name]

    def find_role(self, name, ignore_missing):
        return self.roles.get(name)

    def create_role(self, name):
        self.writes.append(('role', name))
        self.roles[name] = self._new(name=name)
        return self.roles[name]

    def find_user(self, name, domain_id, ignore_missing):
        return self.users.get(name)

    def create_user(self, name, password, domain_id, default_project_id):
        self.writes.append(('user', name))
        self.users[name] = self._new(name=name)
        self.passwords[name] = password
        return self.users[name]

    def update_user(self, user, password):
        self.writes.append(('password', user.name))
        self.passwords[user.name] = password

    def role_assignments(self, scope_project_id):
        return [Obj(user={'id': u}, role={'id': r}) for u, r in sorted(self.assignments)]

    def assign_project_role_to_user(self, project, user, role):
        self.writes.append(('assignment', user.name, role.name))
        self.assignments.add((user.id, role.id))

    def find_region(self, region, ignore_missing):
        return self.regions.get(region)

    def create_region(self, id):
        self.writes.append(('region', id))
        self.regions[id] = Obj(id=id)

    def services(self):
        return list(self._services)

    def create_service(self, name, type, description):
        self.writes.append(('service', name))
        service = self._new(name=name, type=type, description=description)
        self._services.append(service)
        return service

    def update_service(self, service, description):
        self.writes.append(('description', service.name))
        service.description = description

    def endpoints(self):
        return list(self._endpoints)

    def create_endpoint(self, service_id, interface, url, region_id):
        self.writes.append(('endpoint', service_id, interface))
        self._endpoints.append(self._new(service_id=service_id, interface=interface, url=url,
                                         region_id=region_id))

    def update_endpoint(self, endpoint, url):
        self.writes.append(('url', endpoint.interface, url))
        endpoint.url = url

    # What the module's login check posts through the session.
    def post(self, url, json, authenticated, raise_exc):
        assert url == 'http://127.0.0.1:5000/v3/auth/tokens' and authenticated is False
        user = json['auth']['identity']['password']['user']
        self.logins.append(user['name'])
        return Obj(status_code=201 if self.passwords.get(user['name']) == user['password'] else 401)


@pytest.fixture
def keystone(monkeypatch):
    fake = FakeKeystone()
    conn = Obj(identity=fake, session=Obj(post=fake.post),
               config=Obj(get_auth_args=lambda: dict(AUTH)))
    monkeypatch.setattr(os_utils.OpenStackModule, 'openstack_cloud_from_module',
                        lambda self: (Obj(exceptions=Obj(OpenStackCloudException=RuntimeError)), conn))
    fake.regions['RegionOne'] = Obj(id='RegionOne')
    return fake


def run(run_module, services=None, **kwargs):
    return run_module(keystone_catalog, dict(auth=AUTH, services=services or SERVICES), **kwargs)


def test_an_empty_keystone_gets_everything_and_a_second_run_changes_nothing(run_module, keystone):
    first = run(run_module)
    assert first['changed']
    assert ('user', 'nova') in keystone.writes and ('assignment', 'glance', 'service') in keystone.writes
    assert len([w for w in keystone.writes if w[0] == 'endpoint']) == 3
    assert not any('pw-' in change for change in first['changes'])
    keystone.writes.clear()
    second = run(run_module)
    assert not second['changed'] and second['changes'] == [] and keystone.writes == []
    assert keystone.logins == ['nova', 'glance']


def test_check_mode_reports_and_writes_nothing(run_module, keystone):
    result = run(run_module, check_mode=True, diff=True)
    assert result['changed'] and keystone.writes == []
    assert 'endpoint nova internal RegionOne: http://10.20.0.10:8774/v2.1' in result['diff']['after']
    assert 'pw-nova' not in result['diff']['after'] + result['diff']['before']


def test_only_what_differs_is_written(run_module, keystone):
    run(run_module)
    keystone.writes.clear()
    keystone.passwords['glance'] = 'changed by hand'
    moved = [dict(SERVICES[0], endpoints=[SERVICES[0]['endpoints'][0],
                                          {'interface': 'internal', 'url': 'http://10.20.0.99:8774/v2.1'}]),
             SERVICES[1]]
    result = run(run_module, services=moved, diff=True)
    assert keystone.writes == [('password', 'glance'), ('url', 'internal', 'http://10.20.0.99:8774/v2.1')]
    assert result['changes'] == ['user glance: password reset', 'endpoint nova internal RegionOne: url '
                                 'http://10.20.0.99:8774/v2.1 (was http://10.20.0.10:8774/v2.1)']
    assert 'password refused' in result['diff']['before'] and 'password refused' not in result['diff']['after']


def test_a_missing_role_assignment_and_region_are_added(run_module, keystone):
    run(run_module)
    keystone.writes.clear()
    keystone.assignments.discard((keystone.users['nova'].id, keystone.roles['admin'].id))
    del keystone.regions['RegionOne']
    result = run(run_module)
    assert keystone.writes[0] == ('assignment', 'nova', 'admin') and ('region', 'RegionOne') in keystone.writes
    assert result['changed']
