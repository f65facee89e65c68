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

"""Schema migrations of the embedded database (glare.db.migration).

Every backend's migrations are tested functionally
(glare/tests/functional/db/test_migrations.py); this is what glare-api
does to its SQLite file on start.
"""

import os

import fixtures
from oslo_db.sqlalchemy import engines
import sqlalchemy as sa

from glare.db import migration
from glare.tests import base


class TestMigration(base.TestCase):
    def test_an_empty_database_is_migrated_to_the_newest_schema(self):
        directory = self.useFixture(fixtures.TempDir()).path
        engine = engines.create_engine(
            'sqlite:///' + os.path.join(directory, 'glare.sqlite'))
        self.addCleanup(engine.dispose)
        self.assertIsNone(migration.current(engine))
        self.assertTrue(migration.pending(engine))
        migration.upgrade(engine=engine)
        self.assertEqual(migration.head(), migration.current(engine))
        self.assertFalse(migration.pending(engine))
        self.assertIn('artifacts', sa.inspect(engine).get_table_names())
        # Upgrading an up-to-date database changes nothing.
        migration.upgrade(engine=engine)
        self.assertFalse(migration.pending(engine))

    def test_the_head_is_the_newest_revision_file(self):
        versions = os.path.join(os.path.dirname(migration.__file__),
                                'migrations', 'versions')
        numbers = sorted(name.split('_')[0] for name in os.listdir(versions)
                         if name[:4].isdigit())
        self.assertEqual(numbers[-1], migration.head())
