#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: stackdeploy developers
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r'''
module: keystone_catalog
short_description: The service project, service users, their roles, and the catalog, in one call
version_added: 0.7.0
description:
  - Reads Keystone's projects, roles, users, role assignments, regions, services and endpoints
    once and creates or updates only what differs from O(services), that is the service project,
    the roles of O(roles), one user per service with those roles on the project, each service in the
    catalog and its endpoints in O(region).
  - Keystone never returns a password to compare, so an existing user's password is checked by
    logging in with it, and reset only when that login is refused.
  - Leaves everything else alone (other users, services, endpoints and regions).
author:
  - stackdeploy developers (@stackdeploy)
options:
  services:
    description: The services.
    type: list
    elements: dict
    required: true
    suboptions:
      name:
        description: The service's name in the catalog, such as C(nova).
        type: str
        required: true
      type:
        description: Its type, such as C(compute).
        type: str
        required: true
      description:
        description: Its description.
        type: str
      user:
        description: Its service user.
        type: str
        required: true
      password:
        description: That user's password (never logged).
        type: str
        required: true
      endpoints:
        description: Its endpoints, one per interface.
        type: list
        elements: dict
        default: []
        suboptions:
          interface:
            description: C(public), C(internal) or C(admin).
            type: str
            required: true
            choices: [public, internal, admin]
          url:
            description: The URL.
            type: str
            required: true
  project:
    description: The project the service users get their roles on (and their default project).
    type: str
    default: service
  domain:
    description: The domain (by id) of that project and of the users.
    type: str
    default: default
  roles:
    description: The roles each service user holds on O(project).
    type: list
    elements: str
    default: [admin, service]
  region:
    description: The region of the endpoints (created when missing).
    type: str
    default: RegionOne
requirements:
  - openstacksdk
extends_documentation_fragment:
  - openstack.cloud.openstack
  - stackdeploy.openstack.attributes
attributes:
  check_mode:
    support: full
  diff_mode:
    support: full
'''

EXAMPLES = r'''
- name: Service users and the catalog
  stackdeploy.openstack.keystone_catalog:
    auth: "{{ admin_auth }}"
    services:
      - name: nova
        type: compute
        user: nova
        password: "{{ vault_nova }}"
        endpoints:
          - {interface: public, url: "https://cloud.example.org:8774/v2.1"}
          - {interface: internal, url: "http://10.20.0.10:8774/v2.1"}
  delegate_to: localhost
  no_log: true
'''

RETURN = r'''
changes:
  description: What was created or updated (or would be, in check mode); no password is named.
  returned: always
  type: list
  elements: str
  sample: ["user nova created", "endpoint nova internal: url http://10.20.0.10:8774/v2.1 (was http://127.0.0.1:8774/v2.1)"]
'''

from ansible_collections.openstack.cloud.plugins.module_utils.openstack import OpenStackModule


class KeystoneCatalogModule(OpenStackModule):
    argument_spec = dict(
        services=dict(type='list', elements='dict', required=True, options=dict(
            name=dict(type='str', required=True),
            type=dict(type='str', required=True),
            description=dict(type='str'),
            user=dict(type='str', required=True),
            password=dict(type='str', required=True, no_log=True),
            endpoints=dict(type='list', elements='dict', default=[], options=dict(
                interface=dict(type='str', required=True, choices=['public', 'internal', 'admin']),
                url=dict(type='str', required=True))))),
        project=dict(type='str', default='service'),
        domain=dict(type='str', default='default'),
        roles=dict(type='list', elements='str', default=['admin', 'service']),
        region=dict(type='str', default='RegionOne'),
    )
    module_kwargs = dict(supports_check_mode=True)

    def change(self, text, apply, *args, **kwargs):
        """Record a change; make it unless in check mode. Returns the call's result (None in check mode)."""
        self.changes.append(text)
        return None if self.check_mode else apply(*args, **kwargs)

    def logs_in(self, user, password):
        """Whether Keystone issues a token for the user's password (a refusal is a 401)."""
        auth_url = self.conn.config.get_auth_args().get('auth_url', '').rstrip('/')
        if auth_url.endswith('/v3'):
            auth_url = auth_url[:-3]
        body = {'auth': {'identity': {'methods': ['password'], 'password': {'user': {
            'name': user, 'domain': {'id': self.params['domain']}, 'password': password}}}}}
        response = self.conn.session.post(auth_url + '/v3/auth/tokens', json=body, authenticated=False,
                                          raise_exc=False)
        if response.status_code not in (201, 401):
            self.fail_json(msg='logging in as %s: Keystone answered %s' % (user, response.status_code))
        return response.status_code == 201

    def run(self):
        identity = self.conn.identity
        domain, region, project_name = self.params['domain'], self.params['region'], self.params['project']
        self.changes, before, after = [], [], []

        project = identity.find_project(project_name, domain_id=domain, ignore_missing=True)
        before += ['project %s' % project_name] if project is not None else []
        after.append('project %s' % project_name)
        if project is None:
            project = self.change('project %s created' % project_name, identity.create_project,
                                  name=project_name, domain_id=domain)

        roles = {}
        for name in self.params['roles']:
            roles[name] = identity.find_role(name, ignore_missing=True)
            before += ['role %s' % name] if roles[name] is not None else []
            after.append('role %s' % name)
            if roles[name] is None:
                roles[name] = self.change('role %s created' % name, identity.create_role, name=name)

        held = set()
        if project is not None:
            held = set((a.user['id'], a.role['id']) for a in identity.role_assignments(scope_project_id=project.id)
                       if a.user and a.role)
        for service in self.params['services']:
            name = service['user']
            user = identity.find_user(name, domain_id=domain, ignore_missing=True)
            logs_in = user is not None and self.logs_in(name, service['password'])
            if user is not None:
                has = sorted(r for r, role in roles.items() if role is not None and (user.id, role.id) in held)
                before.append('user %s: password %s, roles %s' % (
                    name, 'accepted' if logs_in else 'refused', ' '.join(has)))
            after.append('user %s: password accepted, roles %s' % (name, ' '.join(sorted(roles))))
            if user is None:
                user = self.change('user %s created' % name, identity.create_user, name=name,
                                   password=service['password'], domain_id=domain,
                                   default_project_id=project.id if project is not None else None)
            elif not logs_in:
                self.change('user %s: password reset' % name, identity.update_user, user,
                            password=service['password'])
            for role_name, role in sorted(roles.items()):
                if user is None or role is None or (user.id, role.id) not in held:
                    self.change('user %s: role %s on %s' % (name, role_name, project_name),
                                identity.assign_project_role_to_user, project, user, role)

        if identity.find_region(region, ignore_missing=True) is None:
            after.append('region %s' % region)
            self.change('region %s created' % region, identity.create_region, id=region)

        # One read of the catalog for every service and endpoint.
        existing = dict(((s.type, s.name), s) for s in identity.services())
        endpoints = list(identity.endpoints())
        for service in self.params['services']:
            found = existing.get((service['type'], service['name']))
            label = 'service %s (%s)' % (service['name'], service['type'])
            wanted = service['description'] if service['description'] is not None else (
                found.description if found is not None else None)
            before += ['%s: %s' % (label, found.description or '')] if found is not None else []
            after.append('%s: %s' % (label, wanted or ''))
            if found is None:
                found = self.change('%s created' % label, identity.create_service, name=service['name'],
                                    type=service['type'], description=service['description'])
            elif (found.description or None) != (wanted or None):
                self.change('%s: description' % label, identity.update_service, found, description=wanted)
            for endpoint in service['endpoints']:
                label = 'endpoint %s %s %s' % (service['name'], endpoint['interface'], region)
                current = [e for e in endpoints if found is not None and e.service_id == found.id
                           and e.interface == endpoint['interface'] and e.region_id == region]
                before += ['%s: %s' % (label, e.url) for e in current]
                after.append('%s: %s' % (label, endpoint['url']))
                if not current:
                    self.change('%s created: %s' % (label, endpoint['url']), identity.create_endpoint,
                                service_id=found.id if found is not None else None,
                                interface=endpoint['interface'], url=endpoint['url'], region_id=region)
                elif current[0].url != endpoint['url']:
                    self.change('%s: url %s (was %s)' % (label, endpoint['url'], current[0].url),
                                identity.update_endpoint, current[0], url=endpoint['url'])

        result = dict(changed=bool(self.changes), changes=self.changes)
        if self.ansible._diff:
            result['diff'] = dict(before='\n'.join(before) + '\n', after='\n'.join(after) + '\n')
        self.exit_json(**result)


def main():
    KeystoneCatalogModule()()


if __name__ == '__main__':
    main()
