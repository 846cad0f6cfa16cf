# -*- coding: utf-8 -*-
# Copyright: stackdeploy developers
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The neutron roles' MTU arithmetic and input checks (run on the controller before any host is
touched; every message names the variable and the fix)."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

try:
    import netaddr
except ImportError:
    netaddr = None

from ansible.errors import AnsibleFilterError

# Bytes an overlay adds to each tenant frame on an IPv4 underlay (Neutron's own constants).
OVERHEAD = {'vxlan': 50, 'gre': 42, 'geneve': 50, 'none': 0}
IPV6_MINIMUM_MTU = 1280


def neutron_mtu(physical_mtu, overlay='vxlan'):
    """global_physnet_mtu and path_mtu (the underlay's MTU: Neutron subtracts the overlay itself)
    and the tenant MTU that DHCP will then advertise."""
    if overlay not in OVERHEAD:
        raise AnsibleFilterError('overlay %r: use one of %s' % (overlay, ', '.join(sorted(OVERHEAD))))
    physical_mtu = int(physical_mtu)
    return {'global_physnet_mtu': physical_mtu, 'path_mtu': physical_mtu,
            'tenant_mtu': physical_mtu - OVERHEAD[overlay]}


def _network(cidr, where, errors):
    try:
        network = netaddr.IPNetwork(str(cidr))
        if '/' not in str(cidr) or network.ip != network.network:
            raise ValueError
        return network
    except (netaddr.AddrFormatError, ValueError, TypeError):
        errors.append('%s %r is not a network in CIDR form (such as 203.0.113.0/24)' % (where, cidr))
        return None


def _address(value, where, errors):
    try:
        return netaddr.IPAddress(str(value))
    except (netaddr.AddrFormatError, ValueError, TypeError):
        errors.append('%s %r is not an IP address' % (where, value))
        return None


def _subnet_errors(subnet, where, tenant_cidrs):
    errors = []
    network = _network(subnet.get('cidr'), where + '.cidr', errors)
    if network is None:
        return errors
    gateway = None
    if subnet.get('gateway_ip'):
        gateway = _address(subnet['gateway_ip'], where + '.gateway_ip', errors)
        if gateway is not None and gateway not in network:
            errors.append('%s.gateway_ip %s is outside %s' % (where, gateway, network))
    for index, pool in enumerate(subnet.get('allocation_pools') or []):
        pwhere = '%s.allocation_pools[%d]' % (where, index)
        start = _address(pool.get('start') if isinstance(pool, dict) else None, pwhere + '.start', errors)
        end = _address(pool.get('end') if isinstance(pool, dict) else None, pwhere + '.end', errors)
        if start is None or end is None:
            continue
        if start > end:
            errors.append('%s: start %s is after end %s' % (pwhere, start, end))
            continue
        if start not in network or end not in network:
            errors.append('%s %s-%s is not inside %s' % (pwhere, start, end, network))
        elif start == network.network or end == network.broadcast:
            errors.append('%s %s-%s takes the network or broadcast address of %s'
                          % (pwhere, start, end, network))
        if gateway is not None and start <= gateway <= end:
            errors.append('%s %s-%s contains the gateway %s: shrink the pool' % (pwhere, start, end, gateway))
    for tenant in tenant_cidrs:
        if tenant is not None and network.first <= tenant.last and tenant.first <= network.last:
            errors.append('%s.cidr %s overlaps the tenant subnet %s' % (where, network, tenant))
    return errors


def neutron_network_errors(networks, routers=None, tenant_subnets=None, floating_ips=None,
                           var='neutron_l3_external_networks'):
    """Every reason the external networks, routers and floating IPs are wrong; tenant_subnets
    are CIDRs."""
    if netaddr is None:
        raise AnsibleFilterError('the neutron filters need the netaddr Python library on the controller')
    errors = []
    tenants = [_network(cidr, 'neutron_l3_tenant_subnets', errors) for cidr in tenant_subnets or []]
    names = {}
    for index, network in enumerate(networks or []):
        if not isinstance(network, dict) or not network.get('name'):
            errors.append('%s[%d] needs a name' % (var, index))
            continue
        where = '%s[%s]' % (var, network['name'])
        if network['name'] in names:
            errors.append('%s is listed twice: give each network once, with all its subnets' % where)
        names[network['name']] = [subnet.get('cidr') for subnet in network.get('subnets') or []
                                  if isinstance(subnet, dict)]
        if network.get('provider_network_type', 'flat') not in ('flat', 'vlan'):
            errors.append('%s.provider_network_type: use flat or vlan' % where)
        for sindex, subnet in enumerate(network.get('subnets') or []):
            errors.extend(_subnet_errors(subnet, '%s.subnets[%d]' % (where, sindex), tenants))
    for index, router in enumerate(routers or []):
        where = 'neutron_l3_routers[%s]' % (router.get('name', index) if isinstance(router, dict) else index)
        if not isinstance(router, dict) or not router.get('name'):
            errors.append('%s needs a name' % where)
        elif router.get('external_network') not in names:
            errors.append('%s.external_network %r is not in %s' % (where, router.get('external_network'), var))
    for index, fip in enumerate(floating_ips or []):
        errors.extend(_floating_ip_errors(fip, 'neutron_l3_floating_ips[%d]' % index, names, var))
    return errors


def _floating_ip_errors(fip, where, networks, var):
    if not isinstance(fip, dict) or not fip.get('server'):
        return ['%s needs the server it is for' % where]
    if fip.get('network') not in networks:
        return ['%s.network %r is not in %s' % (where, fip.get('network'), var)]
    errors = []
    if fip.get('floating_ip_address'):
        address = _address(fip['floating_ip_address'], where + '.floating_ip_address', errors)
        cidrs = [netaddr.IPNetwork(str(cidr)) for cidr in networks[fip['network']] if cidr]
        if address is not None and not any(address in cidr for cidr in cidrs):
            errors.append('%s.floating_ip_address %s is in no subnet of %s' % (where, address, fip['network']))
    return errors


def neutron_agent_errors(agent_mode, tunnel_types, l2_population, l3_ha, l3_agents, tenant_mtu):
    """Preconditions of the L3 agent's modes, named by their neutron_l3_* variables."""
    errors = []
    if agent_mode not in ('legacy', 'dvr', 'dvr_snat'):
        errors.append('neutron_l3_agent_mode %r: use legacy, dvr or dvr_snat' % agent_mode)
    if agent_mode in ('dvr', 'dvr_snat') and not (tunnel_types and l2_population):
        errors.append('neutron_l3_agent_mode %s needs tunnels with l2population: set '
                      'neutron_l3_tunnel_types (vxlan or gre) and neutron_l3_l2_population: true'
                      % agent_mode)
    if l3_ha and int(l3_agents) < 2:
        errors.append('neutron_l3_ha needs at least two L3 agents; the group has %d: add network '
                      'nodes or set neutron_l3_ha: false' % int(l3_agents))
    if int(tenant_mtu) < IPV6_MINIMUM_MTU:
        errors.append('neutron_l3_physical_mtu leaves tenants an MTU of %d, below %d' % (int(tenant_mtu), IPV6_MINIMUM_MTU))
    return errors


# VXLAN's network identifier is 24 bits.
VNI_MAX = 2 ** 24 - 1


def neutron_ml2_errors(type_drivers, tenant_network_types, mechanism_drivers, vni_ranges,
                       var='neutron_server'):
    """Every reason the ML2 settings of neutron_server disagree with each other or with the
    Open vSwitch agents this collection deploys."""
    errors = ['%s_tenant_network_types %s needs its type driver in %s_type_drivers (%s)'
              % (var, kind, var, ', '.join(type_drivers or []) or 'none')
              for kind in tenant_network_types or [] if kind not in (type_drivers or [])]
    if 'openvswitch' not in (mechanism_drivers or []):
        errors.append('%s_mechanism_drivers (%s) leaves out openvswitch: the agents neutron_l3 deploys '
                      'are Open vSwitch\'s, and no port would bind' % (var, ', '.join(mechanism_drivers or []) or 'none'))
    if 'vxlan' not in (type_drivers or []):
        return errors
    spans = []
    for text in vni_ranges or []:
        low, sep, high = str(text).partition(':')
        if not (sep and low.strip().isdigit() and high.strip().isdigit()
                and 1 <= int(low) <= int(high) <= VNI_MAX):
            errors.append('%s_vni_ranges %r: write each range as MIN:MAX with 1 <= MIN <= MAX <= %d'
                          % (var, text, VNI_MAX))
            continue
        for other in spans:
            if int(low) <= other[1] and other[0] <= int(high):
                errors.append('%s_vni_ranges %s overlaps %d:%d: give each id once' % (var, text, other[0], other[1]))
        spans.append((int(low), int(high)))
    return errors


def neutron_router_subnets(routers, ports):
    """Router name to the sorted IDs of the subnets its internal interface ports sit on (routers
    and ports as openstack.cloud.routers_info and port_info return them)."""
    subnets = {}
    for port in ports:
        subnets.setdefault(port.get('device_id'), set()).update(
            fixed_ip['subnet_id'] for fixed_ip in port.get('fixed_ips') or [])
    return {router['name']: sorted(subnets.get(router['id'], ())) for router in routers}


class FilterModule(object):
    def filters(self):
        return {
            'neutron_router_subnets': neutron_router_subnets,
            'neutron_mtu': neutron_mtu,
            'neutron_network_errors': neutron_network_errors,
            'neutron_agent_errors': neutron_agent_errors,
            'neutron_ml2_errors': neutron_ml2_errors,
        }
