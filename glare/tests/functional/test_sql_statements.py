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

"""How many SQL statements a request sends (issue 11).

Each statement is a round trip to the database server; the ones a
request of every client makes often are counted here, so that a change
that adds one is noticed.
"""

import sqlalchemy as sa

from glare.tests import databases
from glare.tests.functional import base


class _StatementsMixin:
    def setUp(self):
        super().setUp()
        self.statements = []
        engine = self.db.engine
        sa.event.listen(engine, 'before_cursor_execute', self._record)
        self.addCleanup(sa.event.remove, engine, 'before_cursor_execute',
                        self._record)
        self.art = self.create(name='counted', tags=['a', 'b'],
                               min_ram=512, metadata={'k': 'v'})
        self.url = '/artifacts/images/%s' % self.art['id']

    def _record(self, conn, cursor, statement, *args):
        self.statements.append(statement.split(None, 1)[0].upper())

    def sent(self, request, *args, **kwargs):
        """The statements ``request`` sends, BEGIN and COMMIT left out."""
        self.statements.clear()
        resp = request(*args, **kwargs)
        self.assertLess(resp.status_int, 300, resp.text)
        return [s for s in self.statements
                if s not in ('BEGIN', 'COMMIT', 'ROLLBACK')], resp

    def test_show_is_one_select(self):
        sent, resp = self.sent(self.get, self.url)
        self.assertEqual(['SELECT'], sent)
        self.assertEqual(self.art, resp.json)

    def test_patch_reads_once_and_does_not_read_what_it_wrote(self):
        sent, resp = self.sent(self.patch, self.url, [
            {'op': 'replace', 'path': '/description', 'value': 'd'},
            {'op': 'add', 'path': '/tags/-', 'value': 'c'}])
        self.assertEqual('SELECT', sent[0])
        self.assertNotIn('SELECT', sent[1:])
        self.assertEqual(resp.json, self.get(self.url).json)
        self.assertEqual(['a', 'b', 'c'], resp.json['tags'])

    def test_create_does_not_read_what_it_wrote(self):
        sent, resp = self.sent(self.post, '/artifacts/images',
                               {'name': 'new', 'tags': ['t'],
                                'min_ram': 1})
        # The only read is the project's quota overrides.
        self.assertEqual(1, sent.count('SELECT'))
        self.assertEqual(resp.json, self.get(
            '/artifacts/images/%s' % resp.json['id']).json)

    def test_a_page_with_every_match_is_two_selects(self):
        self.create(name='second')
        sent, resp = self.sent(self.get, '/artifacts/images?sort=name:asc')
        # The page, then the parts of its artifacts; no count.
        self.assertEqual(['SELECT', 'SELECT'], sent)
        self.assertEqual(2, resp.json['total_count'])


class TestStatementsSQLite(_StatementsMixin, base.ApiTestCase):
    pass


class TestStatementsPostgreSQL(_StatementsMixin, base.ApiTestCase):
    def database(self):
        return databases.MigratedDatabase(databases.POSTGRESQL)


class TestStatementsMySQL(_StatementsMixin, base.ApiTestCase):
    def database(self):
        return databases.MigratedDatabase(databases.MYSQL)
