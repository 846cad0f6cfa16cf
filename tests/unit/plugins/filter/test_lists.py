"""repeated names each value that occurs more than once, once, in the order it repeats."""
import pytest

from ansible_collections.stackdeploy.openstack.plugins.filter.lists import repeated


@pytest.mark.parametrize('values,found', [
    ([], []), (None, []), ([1, 2, 3], []),
    ([64060, 64061, 64060, 64060], [64060]),
    (['b', 'a', 'a', 'b'], ['a', 'b']),
])
def test_repeated(values, found):
    assert repeated(values) == found
