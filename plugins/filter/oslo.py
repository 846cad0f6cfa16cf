# -*- coding: utf-8 -*-
# Copyright: stackdeploy developers
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The secret values inside oslo.config settings, for the config modules' `secrets` (no_log)."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import re

# Option names that carry credentials in OpenStack's configs: passwords, database and bus URLs
# (they hold a password), and secrets such as the metadata proxy's shared secret.
SECRET_OPTION = re.compile(r'(password|secret|connection|transport_url|_key)$')


def oslo_secrets(settings):
    """Every non-empty value of a secret-bearing option in {section: {option: value}}."""
    found = []
    for options in (settings or {}).values():
        for option, value in (options or {}).items():
            if SECRET_OPTION.search(str(option)) and value not in (None, '') and str(value) not in found:
                found.append(str(value))
    return found


class FilterModule(object):
    def filters(self):
        return {'oslo_secrets': oslo_secrets}
