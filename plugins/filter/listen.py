# -*- coding: utf-8 -*-
# Copyright: stackdeploy developers
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The address a service listens on, for the roles' input checks: an IP address of one network,
never every address of the host."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import ipaddress


def listen_address_errors(address, var, what='the service'):
    """Why `address` (the value of variable `var`) is no address for `what` to listen on."""
    try:
        parsed = ipaddress.ip_address(str(address))
    except ValueError:
        return ['%s %s is not an IP address: give the loopback or an internal address' % (var, address)]
    if parsed.is_unspecified:
        return ['%s %s opens %s to every network: give 127.0.0.1 or an internal address' % (var, address, what)]
    return []


class FilterModule(object):
    def filters(self):
        return {'listen_address_errors': listen_address_errors}
