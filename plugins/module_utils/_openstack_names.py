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
