# -*- coding: utf-8 -*-
# Copyright: stackdeploy developers
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Names OpenStack accepts, shared by the modules and the controller-side input checks."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import re

# A cinder.conf backend section: oslo.config takes more, but enabled_backends is comma-split.
SECTION_NAME = re.compile(r'^[A-Za-z0-9_.-]+$')
# Nova refuses ':' in zone names; Cinder and Nova zones must match to be used together.
ZONE_NAME = re.compile(r'^[A-Za-z0-9_.-]{1,255}$')
ZONE_HINT = 'use 1-255 letters, digits, ".", "_" or "-"'


def section_name_errors(names, var):
    """Backend section names that cinder.conf cannot hold, or that differ only in case."""
    errors = []
    lowered = {}
    for name in sorted(names):
        if not SECTION_NAME.match(name) or name == 'DEFAULT':
            errors.append('%s.%s: a backend section name must use letters, digits, ".", "_" or "-" '
                          'and not be DEFAULT' % (var, name))
        if name.lower() in lowered:
            errors.append('%s.%s and %s.%s differ only in case; oslo.config would treat them as '
                          'different sections: rename one' % (var, lowered[name.lower()], var, name))
        lowered.setdefault(name.lower(), name)
    return errors
