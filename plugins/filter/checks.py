# -*- coding: utf-8 -*-
# Copyright: stackdeploy developers
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Checks every role makes of its numbers and credentials, before any host is touched."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

CREDENTIAL_KEYS = ('auth_url', 'username', 'password')


def number_errors(value, var, minimum=1, maximum=None):
    """Why `value` (of variable `var`) is not a whole number from `minimum` to `maximum`."""
    bounds = ('from %d to %d' % (minimum, maximum) if maximum is not None
              else 'of at least %d' % minimum)
    try:
        number = int(str(value).strip(), 10)
    except ValueError:
        return ['%s %r is not a whole number: give one %s' % (var, value, bounds)]
    if number < minimum or (maximum is not None and number > maximum):
        return ['%s %s is out of range: give a whole number %s' % (var, value, bounds)]
    return []


def credential_errors(auths):
    """For each variable (a dict of names to keystoneauth settings), the keys of
    auth_url, username and password it leaves out or empty."""
    errors = []
    for var in sorted(auths or {}):
        auth = auths[var] if isinstance(auths[var], dict) else {}
        missing = [key for key in CREDENTIAL_KEYS if not auth.get(key)]
        if missing:
            errors.append('%s needs auth_url, username and password (%s %s): give %s' % (
                var, ', '.join(missing), 'is empty' if len(missing) == 1 else 'are empty',
                'it' if len(missing) == 1 else 'them'))
    return errors


def region_errors(region, var, keystone_region=None):
    """Why `region` (of variable `var`, the region a service looks its peers up in) is not the
    region Keystone registered the endpoints in, when that is known."""
    if not region:
        return ['%s is empty: give the region of the catalog' % var]
    if keystone_region is not None and region != keystone_region:
        return ['%s %s is not keystone_region %s: keystoneauth compares regions exactly, so no '
                'endpoint would be found' % (var, region, keystone_region)]
    return []


class FilterModule(object):
    def filters(self):
        return {'number_errors': number_errors, 'credential_errors': credential_errors,
                'region_errors': region_errors}
