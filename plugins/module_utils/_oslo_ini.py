# -*- coding: utf-8 -*-
# Copyright: stackdeploy developers
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""A lossless editor for oslo.config-style ini files (cinder.conf, nova.conf, l3_agent.ini...).

Parsing keeps every line as written, so render(parse(text)) == text; edits touch only lines
whose values differ, keeping comments, order and keys nobody manages.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import re

from ansible_collections.stackdeploy.openstack.plugins.module_utils._config_file import (
    command_validator, read_text, write_config)

_HEADER = re.compile(r'^\s*\[([^\]]+)\]\s*$')
_ASSIGN = re.compile(r'^([^=:\s#;][^=:]*?)\s*[=:]\s?(.*?)\s*$')


class Line(object):
    """One physical line (plus continuation lines for a key) as written."""

    __slots__ = ('raw', 'key', 'value')

    def __init__(self, raw, key=None, value=None):
        self.raw, self.key, self.value = raw, key, value


class Section(object):
    __slots__ = ('name', 'lines')

    def __init__(self, name, header=None):
        self.name = name
        self.lines = [Line(header)] if header is not None else []


class IniDocument(object):
    def __init__(self, text=''):
        self.sections = [Section(None)]
        for raw in text.splitlines(True):
            stripped = raw.strip()
            current = self.sections[-1]
            header = _HEADER.match(raw)
            if header:
                self.sections.append(Section(header.group(1).strip(), raw))
                continue
            last = current.lines[-1] if current.lines else None
            if raw[:1] in (' ', '\t') and stripped and last is not None and last.key is not None:
                # oslo's parser continues a value on indented lines.
                last.raw += raw
                last.value += '\n' + stripped
                continue
            assign = _ASSIGN.match(raw.rstrip('\r\n'))
            if assign and not stripped.startswith(('#', ';')):
                current.lines.append(Line(raw, assign.group(1).strip(), assign.group(2)))
            else:
                current.lines.append(Line(raw))

    def render(self):
        return ''.join(line.raw for section in self.sections for line in section.lines)

    def section_names(self):
        return [s.name for s in self.sections if s.name is not None]

    def _sections(self, name):
        return [s for s in self.sections if s.name == name]

    def get(self, section, key):
        return [line.value for s in self._sections(section) for line in s.lines if line.key == key]

    def keys(self, section):
        seen = []
        for s in self._sections(section):
            for line in s.lines:
                if line.key is not None and line.key not in seen:
                    seen.append(line.key)
        return seen

    def set(self, section, key, values):
        """Make `key` in `section` hold exactly `values` (one line each); True when changed."""
        if self.get(section, key) == values:
            return False
        new_lines = [Line('%s = %s\n' % (key, value), key, value) for value in values]
        targets = self._sections(section)
        for s in targets:
            for index, line in enumerate(s.lines):
                if line.key == key:
                    s.lines[index:index] = new_lines
                    self.remove(section, key, keep=new_lines)
                    return True
        if not targets:
            self._ensure_newline()
            last = self.sections[-1].lines
            if last and last[-1].raw.strip():
                last.append(Line('\n'))
            targets = [Section(section, '[%s]\n' % section)]
            self.sections.append(targets[0])
        lines = targets[0].lines
        position = max([i for i, line in enumerate(lines) if line.key is not None] or [0]) + 1
        if not lines[position - 1].raw.endswith('\n'):
            lines[position - 1].raw += '\n'
        lines[position:position] = new_lines
        return True

    def remove(self, section, key, keep=()):
        changed = False
        for s in self._sections(section):
            kept = [line for line in s.lines if line.key != key or line in keep]
            changed = changed or len(kept) != len(s.lines)
            s.lines = kept
        return changed

    def remove_section(self, name):
        before = len(self.sections)
        self.sections = [s for s in self.sections if s.name != name]
        return len(self.sections) != before

    def _ensure_newline(self):
        for section in reversed(self.sections):
            if section.lines:
                if not section.lines[-1].raw.endswith('\n'):
                    section.lines[-1].raw += '\n'
                return


def render_values(value, multi):
    """Values of one key as the lines to write: None -> delete, list -> repeated or joined."""
    if value is None:
        return None
    if isinstance(value, (list, tuple)):
        items = [render_scalar(item) for item in value]
        return items if multi else [','.join(items)]
    return [render_scalar(value)]


def render_scalar(value):
    if isinstance(value, bool):
        return 'true' if value else 'false'
    return '%s' % (value,)


def is_multi(section, key, multi_keys):
    return '%s/%s' % (section, key) in multi_keys or key in multi_keys


def apply_settings(document, settings, multi_keys=(), exclusive_sections=(), absent_sections=()):
    """Apply sections -> keys -> values; return the sorted list of 'section/key' changed."""
    changes = []
    for name in absent_sections:
        if document.remove_section(name):
            changes.append('%s/*' % name)
    for section, keys in settings.items():
        for key, value in (keys or {}).items():
            values = render_values(value, is_multi(section, key, multi_keys))
            if values is None:
                changed = document.remove(section, key)
            else:
                changed = document.set(section, key, values)
            if changed:
                changes.append('%s/%s' % (section, key))
        if section in exclusive_sections:
            for key in document.keys(section):
                if key not in (keys or {}) and document.remove(section, key):
                    changes.append('%s/%s' % (section, key))
    return sorted(changes)


# Options every ini-writing module shares (oslo_conf, cinder_conf).
COMMON_ARGUMENT_SPEC = dict(
    multi_keys=dict(type='list', elements='str', default=[], no_log=False),
    create=dict(type='bool', default=True),
    validate=dict(type='str'),
    backup=dict(type='bool', default=False),
    # Ansible masks every no_log value wherever it appears in the result (diff included).
    secrets=dict(type='list', elements='str', default=[], no_log=True),
)


def edit_file(module, plan):
    """Read module.params['path'], apply plan(document) -> apply_settings keyword arguments
    (settings, exclusive_sections, absent_sections), write through the common path."""
    path = module.params['path']
    before = read_text(path)
    if before is None and not module.params['create']:
        module.fail_json(msg='%s does not exist and create is false' % path)
    document = IniDocument(before or '')
    changes = apply_settings(document, multi_keys=module.params['multi_keys'], **plan(document))
    validate = module.params['validate'] and command_validator(module, module.params['validate'])
    result = write_config(module, path, before, document.render(), validate=validate,
                          backup=module.params['backup'])
    result['changes'] = changes
    return result
