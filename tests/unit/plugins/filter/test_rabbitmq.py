"""rabbitmq_definitions renders RabbitMQ's own SHA-256 hashes and keeps a hash while it matches."""
import base64
import hashlib
import json

from ansible_collections.stackdeploy.openstack.plugins.filter.rabbitmq import rabbitmq_definitions

USERS = [{'name': 'openstack', 'password': 's3cret'}, {'name': 'ceilo', 'password': 'x', 'vhost': 'telemetry'}]


def check(encoded, password):
    """RabbitMQ's scheme, written out independently of the filter's helper."""
    raw = base64.b64decode(encoded)
    return len(raw) == 36 and hashlib.sha256(raw[:4] + password.encode()).digest() == raw[4:]


def test_renders_users_vhosts_and_permissions():
    out = rabbitmq_definitions(USERS)
    assert [u['name'] for u in out['users']] == ['openstack', 'ceilo']
    assert all(u['hashing_algorithm'] == 'rabbit_password_hashing_sha256' for u in out['users'])
    assert check(out['users'][0]['password_hash'], 's3cret') and check(out['users'][1]['password_hash'], 'x')
    assert 's3cret' not in json.dumps(out)
    assert out['vhosts'] == [{'name': '/'}, {'name': 'telemetry'}]
    assert out['permissions'][1] == {'user': 'ceilo', 'vhost': 'telemetry', 'configure': '.*', 'write': '.*',
                                     'read': '.*'}


def test_a_matching_hash_stays_and_a_changed_password_gets_a_new_one():
    first = rabbitmq_definitions(USERS)
    assert rabbitmq_definitions(USERS, json.dumps(first)) == first
    changed = rabbitmq_definitions([dict(USERS[0], password='other'), USERS[1]], first)
    assert changed['users'][1] == first['users'][1]
    assert changed['users'][0]['password_hash'] != first['users'][0]['password_hash']
    assert check(changed['users'][0]['password_hash'], 'other')


def test_salts_differ_between_renders_from_nothing():
    assert rabbitmq_definitions(USERS)['users'][0] != rabbitmq_definitions(USERS)['users'][0]


def test_a_foreign_or_broken_hash_is_replaced():
    current = {'users': [{'name': 'openstack', 'password_hash': 'not base64!', 'hashing_algorithm':
                          'rabbit_password_hashing_sha256'}]}
    assert check(rabbitmq_definitions(USERS[:1], current)['users'][0]['password_hash'], 's3cret')
    assert check(rabbitmq_definitions(USERS[:1], '')['users'][0]['password_hash'], 's3cret')
