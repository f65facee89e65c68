# Copyright 2026 The glare Authors.
#
#    Licensed under the Apache License, Version 2.0 (the "License"); you may
#    not use this file except in compliance with the License. You may obtain
#    a copy of the License at
#
#         http://www.apache.org/licenses/LICENSE-2.0
#
#    Unless required by applicable law or agreed to in writing, software
#    distributed under the License is distributed on an "AS IS" BASIS, WITHOUT
#    WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied. See the
#    License for the specific language governing permissions and limitations
#    under the License.

"""Migrations build the schema the models describe, on every backend.

An operator's ``glare-manage db upgrade`` must produce exactly the tables,
indexes and constraints the code queries with: a missing unique constraint
lets duplicate artifacts in, a missing index turns listing into table
scans.
"""

from alembic import script
from oslo_db.sqlalchemy import test_migrations
import sqlalchemy as sa

from glare.db import migration
from glare.db import models
from glare.tests import base
from glare.tests import databases

EXPECTED_INDEXES = {
    'artifacts': {
        'ix_artifacts_type_created': ['type_name', 'created_at', 'id'],
        'ix_artifacts_type_name_version': ['type_name', 'name',
                                           'version_key'],
        'ix_artifacts_owner': ['owner'],
        'ix_artifacts_visibility_status': ['visibility', 'status'],
        'ix_artifacts_name_version': ['name', 'version_key'],
        'ix_artifacts_created': ['created_at', 'id'],
    },
    'artifact_properties': {
        'ix_artifact_properties_artifact_name_string': [
            'artifact_id', 'name', 'string_value'],
        'ix_artifact_properties_string': ['name', 'string_value'],
        'ix_artifact_properties_int': ['name', 'int_value'],
        'ix_artifact_properties_numeric': ['name', 'numeric_value'],
        'ix_artifact_properties_bool': ['name', 'bool_value'],
        'ix_artifact_properties_key': ['name', 'key_name'],
    },
    'artifact_tags': {
        'ix_artifact_tags_value': ['value', 'artifact_id'],
    },
}
IDENTITY_COLUMNS = ['type_name', 'name', 'version', 'identity_key',
                    'unique_scope']


class _MigrationsMixin(test_migrations.ModelsMigrationsSync):
    """Walk the migrations on ``backend``; compare with the models."""

    backend = None

    def setUp(self):
        super().setUp()
        self.database = self.useFixture(
            databases.FreshDatabase(self.backend))

    # -- ModelsMigrationsSync hooks ------------------------------------------

    def db_sync(self, engine):
        migration.upgrade(engine=engine)

    def get_engine(self):
        return self.database.engine

    def compare_server_default(self, ctxt, ins_col, meta_col, insp_def,
                               meta_def, rendered_meta_def):
        if ctxt.bind.dialect.name == 'sqlite' and insp_def is not None \
                and rendered_meta_def is not None:
            # SQLite reflects a default as the SQL text it was declared
            # with, in parentheses and quotes: compare the values.
            return insp_def.strip("()'") != rendered_meta_def.strip("()'")
        return super().compare_server_default(
            ctxt, ins_col, meta_col, insp_def, meta_def, rendered_meta_def)

    def get_metadata(self):
        return models.Base.metadata

    def include_object(self, object_, name, type_, reflected, compare_to):
        # An index the models declare for one database only
        # (``Index.ddl_if``) exists on that one.
        ddl_if = getattr(object_, '_ddl_if', None)
        if type_ == 'index' and not reflected and ddl_if is not None and \
                ddl_if.dialect:
            return ddl_if.dialect == self.database.engine.dialect.name
        return True

    # -- tests ---------------------------------------------------------------

    def test_walk_every_revision_up(self):
        engine = self.database.engine
        self.assertIsNone(migration.current(engine))
        self.assertTrue(migration.pending(engine))
        scripts = script.ScriptDirectory.from_config(migration._config())
        revisions = [rev.revision for rev in
                     reversed(list(scripts.walk_revisions()))]
        self.assertEqual(migration.head(), revisions[-1])
        for revision in revisions:
            migration.upgrade(revision, engine=engine)
            self.assertEqual(revision, migration.current(engine))
        self.assertFalse(migration.pending(engine))
        # Upgrading a database already at head changes nothing.
        migration.upgrade(engine=engine)
        self.assertEqual(migration.head(), migration.current(engine))

    def test_identity_constraint_and_indexes_exist(self):
        engine = self.database.engine
        migration.upgrade(engine=engine)
        inspector = sa.inspect(engine)
        unique = {c['name']: c['column_names']
                  for c in inspector.get_unique_constraints('artifacts')}
        if 'uq_artifacts_identity_key' not in unique:
            # MySQL reports unique constraints as unique indexes too.
            unique.update({i['name']: i['column_names']
                           for i in inspector.get_indexes('artifacts')
                           if i['unique']})
        self.assertEqual(IDENTITY_COLUMNS,
                         unique.get('uq_artifacts_identity_key'),
                         unique)
        for table, expected in EXPECTED_INDEXES.items():
            found = {i['name']: i['column_names']
                     for i in inspector.get_indexes(table)
                     if not i['unique']}
            for name, columns in expected.items():
                self.assertEqual(columns, found.get(name),
                                 '%s.%s: %s' % (table, name, found))

    def test_foreign_keys_cascade(self):
        engine = self.database.engine
        migration.upgrade(engine=engine)
        inspector = sa.inspect(engine)
        for table in ('artifact_properties', 'artifact_tags'):
            (fk,) = inspector.get_foreign_keys(table)
            self.assertEqual('artifacts', fk['referred_table'])
            self.assertEqual(['artifact_id'], fk['constrained_columns'])
            self.assertEqual('CASCADE',
                             fk['options'].get('ondelete', '').upper())


class TestMigrationsSQLite(_MigrationsMixin, base.TestCase):
    backend = databases.SQLITE


class TestMigrationsPostgreSQL(_MigrationsMixin, base.TestCase):
    backend = databases.POSTGRESQL

    def test_like_with_a_prefix_can_use_an_index(self):
        # The database's collation is not C: without the pattern operator
        # class a name or string property ``like`` scans the table.
        migration.upgrade(engine=self.database.engine)
        with self.database.engine.begin() as connection:
            connection.execute(sa.text(
                "INSERT INTO artifacts (id, type_name, name, version, "
                "version_key, visibility, status, owner, unique_scope, "
                "created_at, updated_at, row_version) SELECT 'a' || i, "
                "'images', 'app-' || lpad(i::text, 5, '0'), '1.0.0', '1', "
                "'private', 'drafted', 'p', 'p', now(), now(), 1 "
                "FROM generate_series(1, 3000) AS i"))
            connection.execute(sa.text(
                "INSERT INTO artifact_properties (artifact_id, name, "
                "string_value) SELECT id, 'os_distro', 'distro-' || name "
                "FROM artifacts"))
            connection.execute(sa.text('ANALYZE'))
            connection.execute(sa.text('SET enable_seqscan = off'))
            for query, index in (
                    ("SELECT id FROM artifacts WHERE type_name = 'images' "
                     "AND name LIKE 'app-0004%'",
                     'ix_artifacts_type_name_pattern'),
                    ("SELECT artifact_id FROM artifact_properties WHERE "
                     "name = 'os_distro' AND "
                     "string_value LIKE 'distro-app-0004%'",
                     'ix_artifact_properties_string_pattern')):
                plan = '\n'.join(row[0] for row in connection.execute(
                    sa.text('EXPLAIN ' + query)))
                self.assertIn(index, plan)


class TestMigrationsMySQL(_MigrationsMixin, base.TestCase):
    backend = databases.MYSQL

    def test_mysql_tables_are_innodb_utf8mb4_binary(self):
        migration.upgrade(engine=self.database.engine)
        with self.database.engine.connect() as connection:
            rows = connection.exec_driver_sql(
                'SELECT table_name, engine, table_collation FROM '
                'information_schema.tables WHERE table_schema = DATABASE()'
                " AND table_name <> 'alembic_version'").all()
        self.assertEqual(sorted(models.Base.metadata.tables),
                         sorted(name for name, _, _ in rows))
        for name, engine, collation in rows:
            self.assertEqual('InnoDB', engine, name)
            # Case-sensitive like PostgreSQL and SQLite: see test_db_api.
            self.assertEqual('utf8mb4_bin', collation, name)
