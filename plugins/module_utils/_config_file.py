# -*- coding: utf-8 -*-
# Copyright: stackdeploy developers
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The one write path every config module uses, after community.general.ini_file's:
compare, diff, stop in check mode, validate with the tool's own checker, back up, atomic_move,
then file attributes. Validation failure leaves the original file untouched."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import os
import shlex
import tempfile

from ansible.module_utils.common.text.converters import to_bytes


def read_text(path):
    """Current content of path, or None when it does not exist."""
    if not os.path.exists(path):
        return None
    with open(path, 'rb') as handle:
        return handle.read().decode('utf-8')


def write_config(module, path, before, after, validate=None, backup=False, changed=None):
    """Install `after` at `path` if it differs from `before` (None: the file is absent).

    `changed` overrides the textual comparison (semantic modules pass it).
    `validate(tmp_path)` returns (rc, stdout, stderr) for a temporary file holding `after`.
    Returns the result fields: changed, diff, backup_file.
    """
    if changed is None:
        changed = before != after
    result = {'changed': changed}
    if module._diff:
        result['diff'] = {
            'before': before or '',
            # A semantic module may call a layout-only difference unchanged: show no diff then.
            'after': after if changed else (before or ''),
            'before_header': path if before is not None else '/dev/null',
            'after_header': path,
        }
    if changed and not module.check_mode:
        directory = os.path.dirname(path) or '.'
        if not os.path.isdir(directory):
            module.fail_json(msg='Destination directory %s does not exist' % directory, **result)
        fd, tmp = tempfile.mkstemp(dir=module.tmpdir)
        with os.fdopen(fd, 'wb') as handle:
            handle.write(to_bytes(after))
        if validate:
            rc, out, err = validate(tmp)
            if rc != 0:
                module.fail_json(msg='validation rejected the new content of %s; the file was not '
                                 'changed: %s' % (path, (err or out).strip()), validate_rc=rc,
                                 validate_stdout=out, validate_stderr=err, **result)
        if backup and before is not None:
            result['backup_file'] = module.backup_local(path)
        module.atomic_move(tmp, path, unsafe_writes=module.params.get('unsafe_writes', False))
    if os.path.exists(path):
        file_args = module.load_file_common_arguments(module.params, path=path)
        result['changed'] = module.set_fs_attributes_if_different(file_args, result['changed'])
    return result


def command_validator(module, command):
    """A validator running `command` (a string, '%s' standing for the candidate file)."""
    argv = shlex.split(command)

    def validate(candidate):
        return module.run_command([candidate if item == '%s' else item for item in argv])
    return validate
