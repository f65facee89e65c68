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

"""Imports from URLs (glare.engine.url_imports), around mocks.

The upload pipeline, the fetch and the database are mocked: these tests
are about what an import decides (refusals, slots, how it ends). A real
fetch from a real HTTP server is glare/tests/functional/test_imports.py.
"""

import hashlib
import io

import fixtures

from glare import context
from glare.db import url_imports as db_imports
from glare.engine import url_imports
from glare import exception
from glare.objects import base as objects_base
from glare.objects import fields as f
from glare.tests import base

DATA = b'disk image bytes'


class Parcel(objects_base.BaseArtifact):
    VERSION = '1.0'
    fields = {'data': f.Blob(), 'files': f.Folder()}

    @classmethod
    def get_type_name(cls):
        return 'parcels'


class CheckedParcel(Parcel):
    @classmethod
    def pre_upload_hook(cls, context, artifact, field_name, key, stream,
                        *args, **kwargs):
        return stream


def ctx():
    return context.RequestContext(user_id='u1', project_id='p1',
                                  roles=['member'])


class Response(io.BytesIO):
    length = len(DATA)


class Writer:
    """The upload pipeline as the import drives it, recorded."""

    def __init__(self, fail_claim=False):
        self.steps = []
        self.fail_claim = fail_claim

    def __call__(self, context, artifact):
        return self

    def claim(self, field_name, key):
        self.steps.append('claim')
        if self.fail_claim:
            raise exception.Conflict('Blob data is being uploaded.')
        return field_name, key, 'upload-1'

    def store(self, claimed, stream, content_type, size=None):
        data = stream.read()
        self.steps.append(('store', data, size))
        return {'size': len(data),
                'sha256': hashlib.sha256(data).hexdigest()}

    def commit(self, notify=None):
        self.steps.append('commit')

    def abort(self):
        self.steps.append('abort')


class ImportsTestCase(base.TestCase):
    def setUp(self):
        super().setUp()
        self.flags(group='blob_import', workers=1)
        self.writer = Writer()
        self.useFixture(fixtures.MockPatch(
            'glare.engine.uploads.Upload', self.writer))
        self.check = self.useFixture(fixtures.MockPatch(
            'glare.engine.url_fetch.check')).mock
        self.fetch = self.useFixture(fixtures.MockPatch(
            'glare.engine.url_fetch.fetch',
            side_effect=lambda url: Response(DATA))).mock
        self.records = {}
        self.useFixture(fixtures.MockPatch(
            'glare.db.url_imports.create', side_effect=self.create))
        self.finished = {}
        self.useFixture(fixtures.MockPatch(
            'glare.db.url_imports.finish',
            side_effect=lambda c, i, reason=None: self.finished.update(
                {i: reason})))
        self.useFixture(fixtures.MockPatch(
            'glare.engine.notifications.artifact_event'))
        self.addCleanup(url_imports.wait, 10)

    def create(self, context, values):
        record = db_imports.Import(status='running', reason=None,
                                   created_at=None, updated_at=None,
                                   **values)
        self.records[record.id] = record
        return record

    def start(self, sha256=None, artifact_type=Parcel, field='data'):
        art = artifact_type.new(ctx(), {'name': 'p'})
        record = url_imports.start(ctx(), art, field, None,
                                   'http://example.com/p.img', sha256)
        url_imports.wait(10)
        return record


class TestStart(ImportsTestCase):
    def test_the_import_runs_through_the_upload_pipeline(self):
        record = self.start()
        self.assertEqual(('running', 'upload-1', 'data', ''), (
            record.status, record.upload_id, record.field_name,
            record.key_name))
        self.check.assert_called_once_with('http://example.com/p.img')
        self.assertEqual(['claim', ('store', DATA, len(DATA)), 'commit'],
                         self.writer.steps)
        self.assertEqual({record.id: None}, self.finished)

    def test_a_type_that_checks_its_uploads_is_not_imported_into(self):
        exc = self.assertRaises(exception.BadRequest, self.start,
                                artifact_type=CheckedParcel)
        self.assertIn('upload it instead of importing it', exc.msg)
        self.assertEqual([], self.writer.steps)

    def test_a_refused_url_claims_nothing(self):
        self.check.side_effect = exception.BadRequest(
            'http://10.0.0.1/ is not allowed.')
        self.assertRaises(exception.BadRequest, self.start)
        self.assertEqual([], self.writer.steps)

    def test_a_full_server_says_try_again(self):
        self.useFixture(fixtures.MockPatch(
            'glare.engine.url_imports._ACTIVE', [1]))
        exc = self.assertRaises(exception.ServiceUnavailable, self.start)
        self.assertEqual(503, exc.code)
        self.assertIn('as many imports as it may (1)', exc.msg)
        self.assertEqual([], self.writer.steps)

    def test_a_failed_claim_gives_its_slot_back(self):
        self.writer.fail_claim = True
        self.assertRaises(exception.Conflict, self.start)
        self.assertEqual(['claim', 'abort'], self.writer.steps)
        self.writer.fail_claim = False
        self.start()
        self.assertEqual('commit', self.writer.steps[-1])


class TestHowItEnds(ImportsTestCase):
    def test_data_that_is_not_what_was_promised_is_not_kept(self):
        record = self.start(sha256='0' * 64)
        self.assertEqual('abort', self.writer.steps[-1])
        self.assertNotIn('commit', self.writer.steps)
        self.assertIn('does not match its sha256',
                      self.finished[record.id])

    def test_the_promised_data_is_kept(self):
        record = self.start(sha256=hashlib.sha256(DATA).hexdigest().upper())
        self.assertEqual('commit', self.writer.steps[-1])
        self.assertIsNone(self.finished[record.id])

    def test_a_fetch_that_fails_is_the_reason(self):
        self.fetch.side_effect = exception.BadRequest(
            'http://example.com/p.img answered 404.')
        record = self.start()
        self.assertEqual(['claim', 'abort'], self.writer.steps)
        self.assertEqual('http://example.com/p.img answered 404.',
                         self.finished[record.id])

    def test_a_bug_is_an_internal_error_without_details(self):
        self.fetch.side_effect = KeyError('secret detail')
        record = self.start()
        self.assertEqual('Internal error: KeyError',
                         self.finished[record.id])
        # The slot is free again.
        self.fetch.side_effect = lambda url: Response(DATA)
        self.assertIsNone(self.finished[self.start().id])

    def test_the_size_limit_applies_to_imports(self):
        self.flags(group='blob_import', max_size=4)
        record = self.start()
        self.assertEqual('abort', self.writer.steps[-1])
        self.assertEqual('The data is larger than the 4 bytes allowed here.',
                         self.finished[record.id])

    def test_the_scrubber_fails_the_stopped_ones(self):
        self.useFixture(fixtures.MockPatch(
            'glare.db.url_imports.fail_stopped', return_value=2))
        self.assertEqual(2, url_imports.fail_stopped(ctx()))
