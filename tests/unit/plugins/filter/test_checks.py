import pytest

from ansible_collections.stackdeploy.openstack.plugins.filter.checks import (
    credential_errors, number_errors, region_errors)


@pytest.mark.parametrize('value', [1, 65535, '5672', ' 80 '])
def test_numbers_inside_the_range_pass(value):
    assert number_errors(value, 'x_port', 1, 65535) == []


@pytest.mark.parametrize('value,message', [
    (0, 'x_port 0 is out of range: give a whole number from 1 to 65535'),
    (70000, 'x_port 70000 is out of range: give a whole number from 1 to 65535'),
    (True, "x_port True is not a whole number"),
    ('5672a', "x_port '5672a' is not a whole number: give one from 1 to 65535"),
    (1.5, "x_port 1.5 is not a whole number"),
])
def test_numbers_outside_are_named(value, message):
    errors = number_errors(value, 'x_port', 1, 65535)
    assert len(errors) == 1 and errors[0].startswith(message), errors


def test_a_lower_bound_alone_is_named():
    assert number_errors(-1, 'x_timeout') == ['x_timeout -1 is out of range: give a whole number of at least 1']


def test_credentials_name_each_missing_key():
    assert credential_errors({
        'a_auth': {'auth_url': 'http://k:5000', 'username': 'a', 'password': 'p'},
        'b_auth': {'auth_url': 'http://k:5000', 'username': 'b'},
        'c_auth': {},
        'd_auth': '',
    }) == ['b_auth needs auth_url, username and password (password is empty): give it',
           'c_auth needs auth_url, username and password (auth_url, username, password are empty): give them',
           'd_auth needs auth_url, username and password (auth_url, username, password are empty): give them']


def test_a_region_is_compared_exactly_when_the_catalog_s_is_known():
    assert region_errors('RegionOne', 'x_region', 'RegionOne') == []
    assert region_errors('regionOne', 'x_region') == []
    assert region_errors('regionOne', 'x_region', 'RegionOne') == [
        'x_region regionOne is not keystone_region RegionOne: keystoneauth compares regions exactly, so no '
        'endpoint would be found']
    assert region_errors('', 'x_region') == ['x_region is empty: give the region of the catalog']
