"""schema_revision compares stored revisions with the heads of every branch of the scripts."""
import sqlite3

import pytest

from ansible_collections.stackdeploy.openstack.plugins.modules import schema_revision

ENV = "from alembic import context\n"
REVISION = '''revision = {rev!r}
down_revision = {down!r}
branch_labels = {labels!r}
depends_on = {depends!r}
def upgrade():
    pass
'''


@pytest.fixture
def scripts(tmp_path):
    """Neutron's shape: a root revision, then expand and contract branches in release folders."""
    root = tmp_path / 'migrations'
    (root / 'versions' / 'zed' / 'expand').mkdir(parents=True)
    (root / 'versions' / 'zed' / 'contract').mkdir(parents=True)
    (root / 'env.py').write_text(ENV)
    (root / 'script.py.mako').write_text('')
    (root / 'versions' / 'base.py').write_text(REVISION.format(rev='root', down=None, labels=None, depends=None))
    for branch, rev in (('expand', 'e1'), ('contract', 'c1')):
        (root / 'versions' / 'zed' / branch / (rev + '.py')).write_text(
            REVISION.format(rev=rev, down='root', labels=(branch,), depends=None))
    return str(root)


@pytest.fixture
def dependent_scripts(tmp_path):
    """Glance's shape: each contract revision depends on the expand revision of its release."""
    root = tmp_path / 'glance'
    (root / 'versions').mkdir(parents=True)
    (root / 'env.py').write_text(ENV)
    (root / 'script.py.mako').write_text('')
    for rev, down, depends in (('root', None, None), ('e1', 'root', None), ('c1', 'root', 'e1'),
                               ('e2', 'e1', None), ('c2', 'c1', 'e2')):
        (root / 'versions' / (rev + '.py')).write_text(
            REVISION.format(rev=rev, down=down, labels=None, depends=depends))
    return str(root)


def database(tmp_path, revisions):
    path = tmp_path / 'db.sqlite'
    with sqlite3.connect(path) as db:
        if revisions is not None:
            db.execute('CREATE TABLE alembic_version (version_num VARCHAR(32) NOT NULL)')
            db.executemany('INSERT INTO alembic_version VALUES (?)', [(r,) for r in revisions])
    return 'sqlite:///%s' % path


@pytest.mark.parametrize('revisions,current,up_to_date', [
    (None, [], False),                     # a new, empty database
    (['root'], ['root'], False),
    (['e1'], ['e1'], False),               # one branch behind
    (['c1', 'e1'], ['c1', 'e1'], True),
])
def test_stored_revisions_against_every_branch_head(run_module, scripts, tmp_path, revisions, current, up_to_date):
    result = run_module(schema_revision, {'script_location': scripts,
                                          'connection': database(tmp_path, revisions)})
    assert result['heads'] == ['c1', 'e1']
    assert (result['current'], result['up_to_date'], result['changed']) == (current, up_to_date, False)


@pytest.mark.parametrize('revisions,up_to_date', [
    (['c2'], True),          # alembic keeps only c2: e2 is applied as its dependency
    (['c1'], False),         # a release behind
    (['c1', 'e2'], False),   # expanded, not contracted
    (['e2'], False),
])
def test_a_head_another_stored_revision_depends_on_is_applied(
        run_module, dependent_scripts, tmp_path, revisions, up_to_date):
    result = run_module(schema_revision, {'script_location': dependent_scripts,
                                          'connection': database(tmp_path, revisions)})
    assert result['heads'] == ['c2', 'e2']
    assert (result['current'], result['up_to_date']) == (sorted(revisions), up_to_date)


def test_a_revision_the_scripts_do_not_know_is_not_up_to_date(run_module, scripts, tmp_path):
    result = run_module(schema_revision, {'script_location': scripts,
                                          'connection': database(tmp_path, ['c1', 'e1', 'future'])})
    assert (result['up_to_date'], result['changed']) == (False, False)
    assert 'do not know' in str(result['warnings'])


def test_a_wrong_script_location_fails_naming_it(run_module, tmp_path):
    result = run_module(schema_revision, {'script_location': str(tmp_path / 'nowhere'),
                                          'connection': database(tmp_path, None)})
    assert 'cannot read migration scripts at %s' % (tmp_path / 'nowhere') in result['msg']


def test_a_missing_sqlite_file_is_a_new_database_and_is_not_created(run_module, scripts, tmp_path):
    path = tmp_path / 'new.sqlite'
    result = run_module(schema_revision, {'script_location': scripts, 'connection': 'sqlite:///%s' % path})
    assert (result['current'], result['up_to_date']) == ([], False)
    assert not path.exists()


def test_an_unreachable_database_fails_except_in_check_mode(run_module, scripts, tmp_path):
    url = 'sqlite:///%s' % tmp_path  # a directory: sqlite cannot open it
    failed = run_module(schema_revision, {'script_location': scripts, 'connection': url})
    assert failed['failed'] and 'cannot read alembic_version' in failed['msg']
    predicted = run_module(schema_revision, {'script_location': scripts, 'connection': url}, check_mode=True)
    assert (predicted['current'], predicted['up_to_date']) == ([], False)
    assert 'cannot read alembic_version' in str(predicted['warnings'])
