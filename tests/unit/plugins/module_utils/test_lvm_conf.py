"""Properties of the lvm.conf editor: values read back, reapplying is a no-op, other lines stay."""
import difflib

import pytest
from hypothesis import given, settings, strategies as st

from ansible_collections.stackdeploy.openstack.plugins.module_utils._lvm_conf import (
    LvmConfError, get, normalise, parse, set_value)

NAMES = st.text(alphabet='abcdefghijklmnopqrstuvwxyz_', min_size=1, max_size=10)
SCALARS = st.one_of(st.integers(-10 ** 6, 10 ** 6),
                    st.text(alphabet=st.characters(blacklist_categories=('Cc', 'Cs')), max_size=15))
VALUES = st.one_of(SCALARS, st.lists(SCALARS, max_size=4))
BASE = '''# vendor comment
devices {
\t# dir = "/dev"
\tscan = [ "/dev" ]
\tfilter = [ "a|.*|" ]   # trailing comment
}

global {
\tumask = 077
\tnested {
\t\tflag = 1
\t}
}
'''


@settings(max_examples=300)
@given(st.lists(NAMES, min_size=2, max_size=3), VALUES)
def test_set_value_reads_back_and_reapplies_as_noop(path, value):
    key = '/'.join(path)
    text = set_value(BASE, key, value)
    assert normalise(get(text, key)) == normalise(value)
    assert set_value(text, key, value) == text
    parse(text)


@given(st.lists(NAMES, min_size=2, max_size=3), VALUES)
def test_only_lines_of_the_edited_setting_change(path, value):
    key = '/'.join(path)
    text = set_value(BASE, key, value)
    removed = [line for line in difflib.ndiff(BASE.splitlines(), text.splitlines())
               if line.startswith('- ')]
    assert all(path[-1] in line for line in removed)


@given(st.lists(NAMES, min_size=2, max_size=3))
def test_removing_then_reading_gives_none(path):
    key = '/'.join(path)
    assert get(set_value(set_value(BASE, key, 1), key, None), key) is None


def test_duplicates_collapse_to_the_value_lvm_uses():
    text = 'devices {\n\tfilter = [ "r|.*|" ]\n\tfilter = [ "a|.*|" ]\n}\n'
    assert get(text, 'devices/filter') == ['a|.*|']
    assert set_value(text, 'devices/filter', ['a|.*|']) == 'devices {\n\tfilter = [ "a|.*|" ]\n}\n'


def test_strings_with_hash_and_quotes_round_trip():
    text = set_value('devices {\n}\n', 'devices/dir', 'a#b"c\\d')
    assert get(text, 'devices/dir') == 'a#b"c\\d'


@pytest.mark.parametrize('text', [
    'devices {\n\tfilter = [ "a|.*|"\n}\n', 'devices {\n', 'devices }\n', 'devices {\n\tfilter\n}\n',
    'devices {\n\tdir = "/dev\n}\n', 'devices {\n\tdir = \n}\n',
])
def test_malformed_input_is_a_parse_error(text):
    with pytest.raises(LvmConfError):
        parse(text)


@given(st.text(alphabet='{}[]=,"#ab1 \n\t', max_size=40))
def test_parser_fails_only_with_its_own_error(text):
    try:
        parse(text)
    except LvmConfError:
        pass
