"""Properties of the DRBD renderer and its semantic comparison."""
from hypothesis import given, strategies as st

from ansible_collections.stackdeploy.openstack.plugins.module_utils._drbd import (
    check, complete_hosts, render, tokens)

WORDS = st.text(alphabet=st.characters(blacklist_categories=('Cc', 'Cs', 'Zl', 'Zp')), min_size=1, max_size=12)
OPTIONS = st.dictionaries(st.text(alphabet='abcdefghij-', min_size=1, max_size=10),
                          st.one_of(WORDS, st.booleans(), st.integers(0, 10 ** 6)), max_size=4)


def spec(version, net, handlers, secret):
    base = {'name': 'r0', 'version': version, 'protocol': 'C', 'port': 7789, 'minor': 0,
            'disk': '/dev/vdb', 'meta_disk': 'internal', 'allow_two_primaries': False, 'fencing': None,
            'accept_dual_primary_without_fencing': False, 'shared_secret': secret,
            'cram_hmac_alg': 'sha256', 'net': net, 'disk_options': {}, 'options': {}, 'startup': {},
            'handlers': handlers,
            'hosts': [{'name': 'a', 'address': '10.0.0.1'}, {'name': 'b', 'address': '10.0.0.2'}]}
    base['hosts'] = complete_hosts(base)
    return base


@given(st.sampled_from(['8.4', '9']), OPTIONS, OPTIONS, st.one_of(st.none(), WORDS.filter(str.strip)))
def test_layout_never_changes_the_meaning_and_values_stay_single_tokens(version, net, handlers, secret):
    wanted = spec(version, net, handlers, secret)
    assert check(wanted) == []
    text = render(wanted)
    relaid = '# comment\n' + text.replace('\n    ', '\n\t\t').replace(';\n', ' ;\n')
    assert tokens(relaid) == tokens(text)
    if secret:
        position = tokens(text).index('shared-secret')
        assert tokens(text)[position + 2] == ';'
    assert tokens(text).count('{') == tokens(text).count('}')


def test_a_blank_secret_is_refused_not_taken_for_none():
    for secret in ('', '  '):
        assert check(spec('8.4', {}, {}, secret)) == [
            'shared_secret is empty, which turns peer authentication off: give a secret, leave '
            'shared_secret out to have one generated, or set it to null to run without one']
