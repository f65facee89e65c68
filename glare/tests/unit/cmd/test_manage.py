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

"""``glare-db-manage`` sub-commands (glare.cmd.manage).

Each sub-command on a SQLite file of its own; ``main`` itself (the
command line into the global configuration) runs as a process in the
functional tests (test_scale_out, test_status).
"""

import os
import types

import fixtures
from oslo_db.sqlalchemy import engines

from glare.cmd import manage
from glare.db import api as db_api
from glare.db import migration
from glare.tests import base


def command(revision='head'):
    return types.SimpleNamespace(command=types.SimpleNamespace(
        revision=revision))


class TestManage(base.TestCase):
    def setUp(self):
        super().setUp()
        path = os.path.join(self.useFixture(fixtures.TempDir()).path,
                            'glare.sqlite')
        engine = engines.create_engine('sqlite:///' + path)
        self.addCleanup(engine.dispose)
        self.flags(connection='sqlite://', group='database')
        self.addCleanup(db_api.patch_engine(engine))
        self.output = self.useFixture(fixtures.StringStream('stdout'))
        self.useFixture(fixtures.MonkeyPatch('sys.stdout',
                                             self.output.stream))

    def printed(self):
        self.output.stream.flush()
        return self.output.getDetails()['stdout'].as_text()

    def test_an_empty_database_says_so_and_fails_the_check(self):
        self.assertEqual(0, manage._version(command()))
        self.assertEqual(1, manage._check(command()))
        printed = self.printed()
        self.assertIn('empty (no schema yet)', printed)
        self.assertIn('at revision none; the code needs %s. Run '
                      '"glare-db-manage upgrade"' % migration.head(),
                      printed)

    def test_upgrade_to_a_revision_then_to_the_head(self):
        self.assertEqual(0, manage._upgrade(command('0001')))
        self.assertEqual(1, manage._check(command()))
        self.assertEqual(0, manage._upgrade(command()))
        self.assertEqual(0, manage._check(command()))
        self.assertEqual(0, manage._version(command()))
        printed = self.printed()
        self.assertIn('Database is at revision 0001.', printed)
        self.assertIn('Database is up to date (revision %s).' %
                      migration.head(), printed)
        self.assertTrue(printed.rstrip().endswith(migration.head()))
