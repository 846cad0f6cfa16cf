import pytest

from ansible_collections.stackdeploy.openstack.plugins.filter.listen import listen_address_errors


@pytest.mark.parametrize('address', ['127.0.0.1', '10.20.0.10', '::1', 'fd00::10'])
def test_one_network_s_address_will_do(address):
    assert listen_address_errors(address, 'x_bind_address') == []


@pytest.mark.parametrize('address', ['0.0.0.0', '::', '0:0:0:0:0:0:0:0'])
def test_every_address_is_refused(address):
    assert listen_address_errors(address, 'x_bind_address', 'the bus') == [
        'x_bind_address %s opens the bus to every network: give 127.0.0.1 or an internal address' % address]


@pytest.mark.parametrize('address', ['controller', '10.20.0.300', '', '*'])
def test_what_is_no_address_is_named(address):
    assert listen_address_errors(address, 'x_bind_address')[0].endswith(
        'is not an IP address: give the loopback or an internal address')


@pytest.mark.parametrize('address', ['127.0.0.1', '::1'])
def test_an_address_peers_reach_is_no_loopback(address):
    assert listen_address_errors(address, 'x_local_ip', 'tunnels', loopback=False) == [
        'x_local_ip %s is a loopback address, which no other host reaches for tunnels: give an internal address'
        % address]


def test_an_address_peers_reach_will_do():
    assert listen_address_errors('10.20.0.11', 'x_local_ip', 'tunnels', loopback=False) == []
    assert listen_address_errors('10.20.0.300', 'x_local_ip', loopback=False) == [
        'x_local_ip 10.20.0.300 is not an IP address: give an internal address']
