"""Properties of the oslo ini engine: lossless parsing, edits that stick, second pass a no-op."""
from hypothesis import given, settings, strategies as st

from ansible_collections.stackdeploy.openstack.plugins.module_utils._oslo_ini import (
    IniDocument, apply_settings, render_values)

NAMES = st.text(alphabet='abcdefghijklmnopqrstuvwxyz_0123456789', min_size=1, max_size=12)
VALUES = st.one_of(
    st.text(alphabet=st.characters(blacklist_categories=('Cc', 'Cs', 'Zl', 'Zp')), max_size=20)
    .map(str.strip),
    st.integers(), st.booleans())
LINES = st.one_of(
    st.builds(lambda s: '[%s]' % s, NAMES),
    st.builds(lambda k, v: '%s = %s' % (k, v), NAMES, NAMES),
    st.builds(lambda k, v: '%s=%s' % (k, v), NAMES, NAMES),
    st.builds(lambda c: '# %s' % c, NAMES),
    st.builds(lambda c: '    %s' % c, NAMES),
    st.just(''), st.just('   '), st.just(';x'))
TEXTS = st.builds(lambda lines, end: '\n'.join(lines) + end, st.lists(LINES, max_size=25),
                  st.sampled_from(['', '\n']))
SETTINGS = st.dictionaries(NAMES, st.dictionaries(
    NAMES, st.one_of(st.none(), VALUES, st.lists(VALUES, min_size=1, max_size=3)), max_size=4),
    max_size=4)


@given(TEXTS)
def test_parse_then_render_is_lossless(text):
    assert IniDocument(text).render() == text


@settings(max_examples=300)
@given(TEXTS, SETTINGS, st.booleans())
def test_applied_settings_read_back_and_reapply_as_noop(text, wanted, multi):
    multi_keys = [key for keys in wanted.values() for key in keys] if multi else []
    document = IniDocument(text)
    apply_settings(document, wanted, multi_keys)
    reparsed = IniDocument(document.render())
    for section, keys in wanted.items():
        for key, value in keys.items():
            expected = render_values(value, key in multi_keys) or []
            assert reparsed.get(section, key) == expected
    assert apply_settings(reparsed, wanted, multi_keys) == []
    assert reparsed.render() == document.render()


@given(TEXTS, NAMES)
def test_exclusive_section_keeps_only_the_given_keys(text, section):
    document = IniDocument(text)
    apply_settings(document, {section: {'kept': 'yes'}}, exclusive_sections=[section])
    assert IniDocument(document.render()).keys(section) == ['kept']


def test_formatting_differences_are_not_changes():
    document = IniDocument('[DEFAULT]\ndebug=true\n')
    assert apply_settings(document, {'DEFAULT': {'debug': True}}) == []
    assert document.render() == '[DEFAULT]\ndebug=true\n'


def test_new_key_lands_after_the_last_key_not_after_trailing_comments():
    document = IniDocument('[DEFAULT]\na = 1\n# trailing note\n\n[other]\nb = 2\n')
    apply_settings(document, {'DEFAULT': {'c': 3}})
    assert document.render() == '[DEFAULT]\na = 1\nc = 3\n# trailing note\n\n[other]\nb = 2\n'
