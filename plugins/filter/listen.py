# -*- coding: utf-8 -*-
# Copyright: stackdeploy developers
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The address a service listens on, or other hosts reach it on, for the roles' input checks: an
IP address of one network, never every address of the host."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import ipaddress


def listen_address_errors(address, var, what='the service', loopback=True):
    """Why `address` (the value of variable `var`) is no address for `what` to listen on; with
    loopback false, an address other hosts must reach (a tunnel end, a migration target)."""
    hint = 'give the loopback or an internal address' if loopback else 'give an internal address'
    try:
        parsed = ipaddress.ip_address(str(address))
    except ValueError:
        return ['%s %s is not an IP address: %s' % (var, address, hint)]
    if parsed.is_unspecified:
        return ['%s %s opens %s to every network: %s' % (var, address, what,
                                                         'give 127.0.0.1 or an internal address' if loopback else hint)]
    if parsed.is_loopback and not loopback:
        return ['%s %s is a loopback address, which no other host reaches for %s: %s' % (var, address, what, hint)]
    return []


class FilterModule(object):
    def filters(self):
        return {'listen_address_errors': listen_address_errors}
