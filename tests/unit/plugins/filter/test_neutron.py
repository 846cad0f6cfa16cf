"""neutron_l3's MTU arithmetic and its checks of external networks and agent modes."""
import pytest

from ansible_collections.stackdeploy.openstack.plugins.filter.neutron import (
    neutron_agent_errors, neutron_ml2_errors, neutron_mtu, neutron_network_errors, neutron_router_subnets)

PUBLIC = {'name': 'public', 'subnets': [{'name': 's', 'cidr': '203.0.113.0/24', 'gateway_ip': '203.0.113.1',
                                         'allocation_pools': [{'start': '203.0.113.100', 'end': '203.0.113.200'}]}]}


@pytest.mark.parametrize('overlay,tenant', [('vxlan', 1450), ('gre', 1458), ('none', 1500)])
def test_tenant_mtu_is_the_physical_one_less_the_overlay(overlay, tenant):
    assert neutron_mtu(1500, overlay) == {'global_physnet_mtu': 1500, 'path_mtu': 1500, 'tenant_mtu': tenant}


def test_a_good_network_passes():
    assert neutron_network_errors([PUBLIC], [{'name': 'r', 'external_network': 'public'}], ['10.0.0.0/24']) == []


def subnet(**changes):
    return [{'name': 'public', 'subnets': [dict(PUBLIC['subnets'][0], **changes)]}]


@pytest.mark.parametrize('networks,tenants,message', [
    (subnet(cidr='203.0.113.0/33'), [], 'is not a network in CIDR form'),
    (subnet(cidr='203.0.113.1/24'), [], 'is not a network in CIDR form'),
    (subnet(gateway_ip='203.0.113.150'), [], 'contains the gateway 203.0.113.150'),
    (subnet(gateway_ip='198.51.100.1'), [], 'gateway_ip 198.51.100.1 is outside'),
    (subnet(allocation_pools=[{'start': '203.0.113.100', 'end': '203.0.114.5'}]), [], 'is not inside'),
    (subnet(allocation_pools=[{'start': '203.0.113.200', 'end': '203.0.113.100'}]), [], 'is after end'),
    (subnet(), ['203.0.113.128/25'], 'overlaps the tenant subnet'),
    ([dict(PUBLIC, provider_network_type='geneve')], [], 'provider_network_type'),
])
def test_bad_networks_are_named(networks, tenants, message):
    errors = neutron_network_errors(networks, [], tenants)
    assert any(message in error for error in errors), errors


@pytest.mark.parametrize('fips,message', [
    ([{'network': 'public'}], 'neutron_l3_floating_ips[0] needs the server'),
    ([{'server': 'vm1', 'network': 'ext'}], "neutron_l3_floating_ips[0].network 'ext' is not in"),
    ([{'server': 'vm1', 'network': 'public', 'floating_ip_address': '198.51.100.7'}], 'is in no subnet of public'),
])
def test_bad_floating_ips_are_named(fips, message):
    errors = neutron_network_errors([PUBLIC], [], [], fips)
    assert any(message in error for error in errors), errors
    assert neutron_network_errors([PUBLIC], [], [], [{'server': 'vm1', 'network': 'public',
                                                      'floating_ip_address': '203.0.113.150'}]) == []


def test_router_on_a_missing_network_is_named():
    errors = neutron_network_errors([PUBLIC], [{'name': 'r', 'external_network': 'ext'}])
    assert errors == ["neutron_l3_routers[r].external_network 'ext' is not in neutron_l3_external_networks"]


@pytest.mark.parametrize('args,message', [
    (('dvr', [], True, False, 1, 1450), 'dvr needs tunnels with l2population'),
    (('dvr_snat', ['vxlan'], False, False, 1, 1450), 'needs tunnels with l2population'),
    (('legacy', ['vxlan'], True, True, 1, 1450), 'neutron_l3_ha needs at least two L3 agents'),
    (('ha', ['vxlan'], True, False, 1, 1450), 'neutron_l3_agent_mode'),
    (('legacy', ['vxlan'], True, False, 1, 1230), 'below 1280'),
])
def test_agent_preconditions(args, message):
    errors = neutron_agent_errors(*args)
    assert any(message in error for error in errors), errors
    assert neutron_agent_errors('dvr', ['vxlan'], True, True, 2, 1450) == []


def test_each_router_maps_to_the_subnets_of_its_own_interface_ports():
    routers = [{'name': 'router1', 'id': 'r1'}, {'name': 'bare', 'id': 'r2'}]
    ports = [{'device_id': 'r1', 'fixed_ips': [{'subnet_id': 'sb', 'ip_address': '10.0.1.1'}]},
             {'device_id': 'r1', 'fixed_ips': [{'subnet_id': 'sa', 'ip_address': '10.0.0.1'},
                                               {'subnet_id': 'sb', 'ip_address': '10.0.1.9'}]},
             {'device_id': 'other-router', 'fixed_ips': [{'subnet_id': 'sc', 'ip_address': '10.0.2.1'}]}]
    assert neutron_router_subnets(routers, ports) == {'router1': ['sa', 'sb'], 'bare': []}


ML2 = (['flat', 'vxlan'], ['vxlan'], ['openvswitch', 'l2population'], ['1:1000'])


def test_the_default_ml2_settings_pass():
    assert neutron_ml2_errors(*ML2) == []
    assert neutron_ml2_errors(['flat'], [], ['openvswitch'], ['junk']) == []


@pytest.mark.parametrize('index,value,message', [
    (0, ['flat'], 'neutron_server_tenant_network_types vxlan needs its type driver in neutron_server_type_drivers (flat)'),
    (2, ['ovn'], 'neutron_server_mechanism_drivers (ovn) leaves out openvswitch'),
    (3, ['1000:1'], "neutron_server_vni_ranges '1000:1': write each range as MIN:MAX"),
    (3, ['0:10'], "neutron_server_vni_ranges '0:10'"),
    (3, ['1:16777216'], "neutron_server_vni_ranges '1:16777216'"),
    (3, ['100'], "neutron_server_vni_ranges '100'"),
    (3, ['1:1000', '1000:2000'], 'neutron_server_vni_ranges 1000:2000 overlaps 1:1000'),
])
def test_ml2_settings_that_disagree_are_named(index, value, message):
    settings = list(ML2)
    settings[index] = value
    errors = neutron_ml2_errors(*settings)
    assert len(errors) == 1 and errors[0].startswith(message), errors


def test_an_external_network_twice_is_named():
    errors = neutron_network_errors([PUBLIC, PUBLIC])
    assert errors == ['neutron_l3_external_networks[public] is listed twice: give each network once, with all its subnets']
