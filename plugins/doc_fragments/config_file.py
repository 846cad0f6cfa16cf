# -*- coding: utf-8 -*-
# Copyright: stackdeploy developers
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type


class ModuleDocFragment(object):
    # Options and attributes shared by every module that writes a config file.
    DOCUMENTATION = r'''
options:
  backup:
    description:
      - Create a backup file including the timestamp information so you can get the original
        file back if you somehow clobbered it incorrectly.
    type: bool
    default: false
attributes:
  check_mode:
    description: Can run in check_mode and return changed status prediction without modifying target.
    support: full
    details: Reports what would change, and the diff with C(--diff), without writing.
  diff_mode:
    description: Will return details on what has changed (or possibly needs changing in check_mode).
    support: full
  safe_file_operations:
    description: Uses Ansible's strict file operation functions to ensure proper permissions and avoid data corruption.
    support: full
'''
