# -*- coding: utf-8 -*-
# Copyright: stackdeploy developers
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Items of one list compared with each other, for the roles' input checks."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type


def repeated(values):
    """Each value that occurs more than once, once, in the order it first repeats."""
    seen, found = set(), []
    for value in values or []:
        if value in seen and value not in found:
            found.append(value)
        seen.add(value)
    return found


class FilterModule(object):
    def filters(self):
        return {'repeated': repeated}
