"""nova_cells reads cell and host mappings and compute nodes from the databases, without nova-manage."""
import sqlite3

from ansible_collections.stackdeploy.openstack.plugins.modules import nova_cells


def database(path, statements):
    with sqlite3.connect(path) as db:
        for statement in statements:
            db.execute(statement)
    return 'sqlite:///%s' % path


def test_cells_hosts_and_the_unmapped_ones(run_module, tmp_path):
    api = database(tmp_path / 'api.sqlite', [
        'CREATE TABLE cell_mappings (id INTEGER, uuid TEXT, name TEXT)',
        "INSERT INTO cell_mappings VALUES (1, '00000000-0000-0000-0000-000000000000', 'cell0')",
        "INSERT INTO cell_mappings VALUES (2, 'c1', 'cell1')",
        'CREATE TABLE host_mappings (id INTEGER, cell_id INTEGER, host TEXT)',
        "INSERT INTO host_mappings VALUES (1, 2, 'compute1')"])
    cell = database(tmp_path / 'cell1.sqlite', [
        'CREATE TABLE compute_nodes (id INTEGER, host TEXT, deleted INTEGER)',
        "INSERT INTO compute_nodes VALUES (1, 'compute1', 0)",
        "INSERT INTO compute_nodes VALUES (2, 'compute2', 0)",
        "INSERT INTO compute_nodes VALUES (3, 'old', 3)"])
    result = run_module(nova_cells, {'api_connection': api, 'cell_connection': cell})
    assert not result['changed']
    assert result['cells'] == ['cell0', 'cell1']
    assert result['hosts'] == ['compute1', 'compute2']
    assert result['unmapped_hosts'] == ['compute2']


def test_new_databases_read_as_empty_and_are_not_created(run_module, tmp_path):
    api = database(tmp_path / 'api.sqlite', ['CREATE TABLE other (id INTEGER)'])
    missing = tmp_path / 'cell1.sqlite'
    result = run_module(nova_cells, {'api_connection': api, 'cell_connection': 'sqlite:///%s' % missing})
    assert (result['cells'], result['hosts'], result['unmapped_hosts']) == ([], [], [])
    assert not missing.exists()


def test_an_unreadable_database_fails_unless_in_check_mode(run_module, tmp_path):
    # A directory where the database file should be: the driver cannot open it.
    url = 'sqlite:///%s' % tmp_path
    failed = run_module(nova_cells, {'api_connection': url})
    assert failed['failed'] and 'cannot read the cell and host mappings' in failed['msg']
    checked = run_module(nova_cells, {'api_connection': url}, check_mode=True)
    assert not checked.get('failed') and checked['cells'] == [] and 'cannot read' in str(checked['warnings'])
