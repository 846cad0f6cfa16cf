# -*- coding: utf-8 -*-
# Copyright: stackdeploy developers
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""A structural editor for the lvm.conf / lvmlocal.conf grammar.

`section { key = value }`, values being integers, floats, "strings" or [ arrays ], comments
from '#'. Edits are splices into the original text at the parsed offsets, so every line the
caller does not touch (the vendor's comments and defaults) stays exactly as it was.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import re

_PUNCT = '{}[]=,'


class LvmConfError(ValueError):
    pass


def _tokens(text):
    """(kind, value, start, end) for words, strings and punctuation; comments dropped."""
    i, length = 0, len(text)
    while i < length:
        char = text[i]
        if char.isspace():
            i += 1
        elif char == '#':
            newline = text.find('\n', i)
            i = length if newline < 0 else newline
        elif char == '"':
            j, chars = i + 1, []
            while j < length and text[j] != '"':
                if text[j] == '\\' and j + 1 < length:
                    j += 1
                chars.append(text[j])
                j += 1
            if j >= length:
                raise LvmConfError('unterminated string at line %d' % (text.count('\n', 0, i) + 1))
            yield 'string', ''.join(chars), i, j + 1
            i = j + 1
        elif char in _PUNCT:
            yield 'punct', char, i, i + 1
            i += 1
        else:
            match = re.compile(r'[^\s{}\[\]=,#"]+').match(text, i)
            yield 'word', match.group(0), i, match.end()
            i = match.end()


def _scalar(kind, value):
    if kind == 'string':
        return value
    for cast in (int, float):
        try:
            return cast(value)
        except ValueError:
            pass
    return value


class Node(object):
    """A section (children) or an assignment (value) with its offsets in the text."""

    def __init__(self, name, start):
        self.name, self.start = name, start
        self.children, self.value = None, None
        self.value_start = self.end = self.close = None


def parse(text):
    """The root section of text; raises LvmConfError on malformed input."""
    tokens = list(_tokens(text))
    root = Node(None, 0)
    root.children = []
    position = _block(tokens, 0, root, text)
    if position != len(tokens):
        raise LvmConfError('unexpected "}" at line %d' % (text.count('\n', 0, tokens[position][2]) + 1))
    root.close = len(text)
    return root


def _block(tokens, i, section, text):
    def line(index):
        return text.count('\n', 0, tokens[min(index, len(tokens) - 1)][2]) + 1 if tokens else 1
    while i < len(tokens) and tokens[i][1] != '}':
        kind, name, start, end = tokens[i]
        if kind != 'word' or i + 1 >= len(tokens):
            raise LvmConfError('expected a setting or section name at line %d' % line(i))
        node = Node(name, start)
        section.children.append(node)
        follow = tokens[i + 1][1]
        if follow == '{':
            node.children = []
            i = _block(tokens, i + 2, node, text)
            if i >= len(tokens):
                raise LvmConfError('section %s is not closed' % name)
            node.close, node.end = tokens[i][2], tokens[i][3]
            i += 1
        elif follow == '=':
            i += 2
            if i >= len(tokens):
                raise LvmConfError('%s has no value at line %d' % (name, line(i)))
            node.value_start = tokens[i][2]
            if tokens[i][1] == '[' and tokens[i][0] == 'punct':
                node.value, i = [], i + 1
                while i < len(tokens) and tokens[i][1] != ']':
                    if tokens[i][1] != ',' or tokens[i][0] != 'punct':
                        node.value.append(_scalar(tokens[i][0], tokens[i][1]))
                    i += 1
                if i >= len(tokens):
                    raise LvmConfError('array %s is not closed' % name)
            elif tokens[i][0] == 'punct':
                raise LvmConfError('%s has no value at line %d' % (name, line(i)))
            else:
                node.value = _scalar(tokens[i][0], tokens[i][1])
            node.end = tokens[i][3]
            i += 1
        else:
            raise LvmConfError('expected "=" or "{" after %s at line %d' % (name, line(i)))
    return i


def find(root, path):
    """The assignment at 'section/.../key' that lvm uses (the last one), or None."""
    hits = _all(root, path)
    return hits[-1] if hits else None


def get(text, path):
    node = find(parse(text), path)
    return None if node is None else node.value


def render_value(value):
    if isinstance(value, bool):
        return '1' if value else '0'
    if isinstance(value, (list, tuple)):
        return '[ %s ]' % ', '.join(render_value(item) for item in value)
    if isinstance(value, (int, float)):
        return repr(value)
    return '"%s"' % str(value).replace('\\', '\\\\').replace('"', '\\"')


def normalise(value):
    """The value as lvm reads it back (booleans are integers, tuples lists)."""
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, (list, tuple)):
        return [normalise(item) for item in value]
    return value


def _line_span(text, start, end):
    """Widen [start, end) to whole lines when nothing else shares them."""
    line_start = text.rfind('\n', 0, start) + 1
    line_end = text.find('\n', end)
    line_end = len(text) if line_end < 0 else line_end + 1
    if text[line_start:start].strip() == '' and text[end:line_end].strip() == '':
        return line_start, line_end
    return start, end


def _indent_of(text, section):
    if section.children:
        last = section.children[-1].start
        return text[text.rfind('\n', 0, last) + 1:last]
    line_start = text.rfind('\n', 0, section.start) + 1
    return text[line_start:section.start] + '\t'


def set_value(text, path, value):
    """Text with `path` set to `value` (None removes it); unchanged text when equal."""
    root = parse(text)
    node = find(root, path)
    if value is None:
        if node is None:
            return text
        spans = sorted((_line_span(text, n.start, n.end) for n in _all(root, path)), reverse=True)
        for start, end in spans:
            text = text[:start] + text[end:]
        return text
    if node is not None and normalise(node.value) == normalise(value) and len(_all(root, path)) == 1:
        return text
    if node is not None:
        others = [n for n in _all(root, path) if n is not node]
        text = text[:node.value_start] + render_value(value) + text[node.end:]
        for start, end in sorted((_line_span(text, n.start, n.end) for n in others), reverse=True):
            text = text[:start] + text[end:]
        return text
    return _insert(text, root, path.split('/'), value)


def _all(root, path):
    node, parts = [root], path.split('/')
    for part in parts[:-1]:
        node = [c for n in node for c in n.children if c.name == part and c.children is not None]
    return [c for n in node for c in n.children if c.name == parts[-1] and c.children is None]


def _insert(text, root, parts, value):
    section = root
    depth = 0
    for part in parts[:-1]:
        found = [c for c in section.children if c.name == part and c.children is not None]
        if not found:
            break
        section = found[-1]
        depth += 1
    missing = parts[depth:-1]
    if section is root:
        indent = ''
        at = len(text)
        prefix = '' if not text or text.endswith('\n\n') else ('\n' if text.endswith('\n') else '\n\n')
    else:
        indent = _indent_of(text, section)
        at = text.rfind('\n', 0, section.close) + 1
        prefix = ''
        if text[at:section.close].strip():
            at, prefix = section.close, '\n'
    lines, level = [], indent
    for name in missing:
        lines.append('%s%s {' % (level, name))
        level += '\t'
    lines.append('%s%s = %s' % (level, parts[-1], render_value(value)))
    for name in reversed(missing):
        level = level[:-1]
        lines.append('%s}' % level)
    return text[:at] + prefix + '\n'.join(lines) + '\n' + text[at:]
