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

"""Imports from URLs, as the database records them
(glare.db.url_imports)."""

import datetime

from oslo_utils import timeutils

from glare.db import url_imports
from glare import exception
from glare.tests.unit.db import rows

LATER = rows.T0 + datetime.timedelta(minutes=5)


class TestImports(rows.DbTestCase):
    def setUp(self):
        super().setUp()
        timeutils.set_time_override(rows.T0)
        self.addCleanup(timeutils.clear_time_override)
        self.art = self.add_artifact()

    def start(self, import_id, upload_id='u1', field_name='image'):
        return url_imports.create(self.ctx, {
            'id': import_id, 'artifact_id': self.art, 'type_name': 'images',
            'field_name': field_name, 'key_name': '',
            'url': 'http://example.com/x.img', 'sha256': None,
            'upload_id': upload_id})

    def test_a_new_import_is_running(self):
        record = self.start('i1')
        self.assertEqual(url_imports.Import(
            'i1', self.art, 'images', 'image', '', 'http://example.com/x.img',
            None, 'u1', 'running', None, rows.T0, rows.T0), record)
        self.assertEqual(record, url_imports.get(self.ctx, 'i1'))

    def test_an_unknown_import_is_named(self):
        exc = self.assertRaises(exception.NotFound, url_imports.get,
                                self.ctx, 'i9')
        self.assertEqual((404, 'Import i9 does not exist.'),
                         (exc.code, exc.msg))

    def test_it_ends_succeeded_or_failed_with_its_reason(self):
        self.start('i1')
        self.start('i2', upload_id='u2', field_name='other')
        timeutils.set_time_override(LATER)
        url_imports.finish(self.ctx, 'i1')
        url_imports.finish(self.ctx, 'i2', 'refused: ' + 'x' * 5000)
        ok, failed = (url_imports.get(self.ctx, i) for i in ('i1', 'i2'))
        self.assertEqual(('succeeded', None, LATER),
                         (ok.status, ok.reason, ok.updated_at))
        self.assertEqual('failed', failed.status)
        self.assertTrue(failed.reason.startswith('refused: '))
        self.assertEqual(4000, len(failed.reason))

    def test_imports_whose_claim_is_gone_failed(self):
        self.add_blob(self.art, 'image', upload_id='u1', status='saving')
        self.add_blob(self.art, 'other', upload_id='someone-else',
                      status='saving')
        self.start('alive', upload_id='u1')
        self.start('taken-over', upload_id='u2', field_name='other')
        self.start('done', upload_id='u3', field_name='third')
        url_imports.finish(self.ctx, 'done')
        self.assertEqual(1, url_imports.fail_stopped(self.ctx))
        self.assertEqual('running', url_imports.get(self.ctx,
                                                    'alive').status)
        stopped = url_imports.get(self.ctx, 'taken-over')
        self.assertEqual('failed', stopped.status)
        self.assertIn('API process running it ended', stopped.reason)
        self.assertEqual('succeeded', url_imports.get(self.ctx,
                                                      'done').status)
        # Marked once.
        self.assertEqual(0, url_imports.fail_stopped(self.ctx))
