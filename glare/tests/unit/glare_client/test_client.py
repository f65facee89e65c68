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

"""Helpers of the SDK client.

Its requests are tested against a real glare-api in
glare/tests/functional/test_sdk.py; here, how a download goes on after
a broken connection, with scripted answers.
"""

import hashlib
import io
import json
import os

import fixtures
import requests
import testtools

from glare_client import client
from glare_client import exceptions
from glare_client import retries
from glare_client import transfer


class TestHelpers(testtools.TestCase):
    def test_filter_params(self):
        self.assertEqual([], client.filter_params(None))
        self.assertEqual(
            [('name', 'x'), ('version', 'gte:1.0'), ('version', 'lt:2.0')],
            client.filter_params({'name': 'x',
                                  'version': ['gte:1.0', 'lt:2.0']}))
        self.assertEqual([('tags', 'a'), ('min_ram', '5')],
                         client.filter_params([('tags', 'a'),
                                               ('min_ram', 5)]))

    def test_next_marker(self):
        self.assertEqual('abc', client.next_marker(
            '/artifacts/images?name=a%26b&limit=2&marker=abc'))
        self.assertIsNone(client.next_marker('/artifacts/images?limit=2'))
        self.assertIsNone(client.next_marker(None))

    def test_blob_of(self):
        blob = {'size': 1}
        self.assertEqual(blob, client.blob_of({'image': blob}, 'image'))
        self.assertEqual(blob, client.blob_of(
            {'files': {'a/b.yaml': blob}}, 'files/a/b.yaml'))
        self.assertIsNone(client.blob_of({'image': None}, 'image'))
        self.assertIsNone(client.blob_of({}, 'files/x'))

    def test_quota_dict_reads_list_and_dict_shapes(self):
        listed = [{'project_id': 'p1', 'project_quotas': [
            {'quota_name': 'max_artifact_number', 'quota_value': 5}]}]
        expected = {'p1': {'max_artifact_number': 5}}
        self.assertEqual(expected, client.quota_dict(listed))
        self.assertEqual(expected, client.quota_dict({'quotas': listed}))
        self.assertEqual(expected, client.quota_dict(
            {'quotas': {'p1': {'max_artifact_number': 5}}}))

    def test_main_blob_of_is_the_first_blob_field(self):
        self.assertEqual('ova', client.main_blob_of({'properties': {
            'name': {'glareType': 'String'}, 'disks': {'glareType': 'Folder'},
            'ova': {'glareType': 'Blob'}, 'manifest': {'glareType': 'Blob'}}}))
        self.assertIsNone(client.main_blob_of({'properties': {
            'files': {'glareType': 'Folder'}}}))
        self.assertIsNone(client.main_blob_of(None))


DATA = bytes(range(256)) * 400
DIGESTS = {'md5': hashlib.md5(DATA).hexdigest(),
           'sha256': hashlib.sha256(DATA).hexdigest()}


class Body:
    """A response body that may break after ``cut`` bytes."""

    def __init__(self, data, cut=None):
        self.data = data
        self.cut = cut

    def iter_content(self, size):
        end = len(self.data) if self.cut is None else self.cut
        for start in range(0, end, 1000):
            yield self.data[start:min(start + 1000, end)]
        if self.cut is not None:
            raise requests.exceptions.ChunkedEncodingError('reset by peer')

    def close(self):
        pass


class ScriptedClient(client.Client):
    """open_blob answers from a script of ``(start, cut)`` or errors.

    ``start`` is where the answered body begins (0: the whole blob, as a
    server that ignores Range sends it), ``cut`` where it breaks.
    """

    def __init__(self, script, expected=DIGESTS):
        super().__init__(session=None, endpoint='http://glare',
                         retries=retries.Retries(attempts=3,
                                                 sleep=lambda s: None))
        self.script = list(script)
        self.expected = expected
        self.asked = []

    def open_blob(self, type_name, artifact_id, blob, progress=None,
                  start=0):
        self.asked.append(start)
        step = self.script.pop(0)
        if isinstance(step, Exception):
            raise step
        body_start, cut = step
        return transfer.Download(
            Body(DATA[body_start:], cut), self.expected, size=len(DATA),
            start=body_start, progress=progress)


class TestDownloads(testtools.TestCase):
    def setUp(self):
        super().setUp()
        self.dir = self.useFixture(fixtures.TempDir()).path
        self.path = os.path.join(self.dir, 'out')

    def read(self, path=None):
        with open(path or self.path, 'rb') as stream:
            return stream.read()

    def test_a_broken_connection_is_continued_from_where_it_broke(self):
        glare = ScriptedClient([(0, 30000), (30000, 20000), (50000, None)])
        digests = glare.download('images', 'a1', 'image', self.path)
        self.assertEqual([0, 30000, 50000], glare.asked)
        self.assertEqual(DATA, self.read())
        self.assertEqual(DIGESTS['sha256'], digests['sha256'])
        self.assertEqual(['out'], os.listdir(self.dir))

    def test_when_retries_run_out_the_part_stays_for_resume(self):
        glare = ScriptedClient([(0, 10000), (10000, 10000), (20000, 10000)])
        error = self.assertRaises(exceptions.TransferInterrupted,
                                  glare.download, 'images', 'a1', 'image',
                                  self.path)
        self.assertEqual((30000, len(DATA), self.path + '.part'),
                         (error.received, error.total, error.partial_path))
        self.assertEqual(DATA[:30000], self.read(self.path + '.part'))
        glare = ScriptedClient([(30000, None)])
        glare.download('images', 'a1', 'image', self.path, resume=True)
        self.assertEqual([30000], glare.asked)
        self.assertEqual(DATA, self.read())

    def test_a_server_ignoring_the_range_starts_over(self):
        with open(self.path + '.part', 'wb') as stream:
            stream.write(DATA[:5000])
        glare = ScriptedClient([(0, None)])
        glare.download('images', 'a1', 'image', self.path, resume=True)
        self.assertEqual(DATA, self.read())

    def test_a_part_longer_than_the_blob_is_thrown_away(self):
        with open(self.path + '.part', 'wb') as stream:
            stream.write(DATA + b'more')
        glare = ScriptedClient([exceptions.RangeNotSatisfiable('416'),
                                (0, None)])
        glare.download('images', 'a1', 'image', self.path, resume=True)
        self.assertEqual([len(DATA) + 4, 0], glare.asked)
        self.assertEqual(DATA, self.read())

    def test_a_resumed_part_of_other_data_fails_the_check(self):
        with open(self.path + '.part', 'wb') as stream:
            stream.write(b'X' * 5000)
        glare = ScriptedClient([(5000, None)])
        error = self.assertRaises(exceptions.ChecksumMismatch,
                                  glare.download, 'images', 'a1', 'image',
                                  self.path, resume=True)
        self.assertIn('sha256', str(error))
        self.assertEqual([], os.listdir(self.dir), 'bad data is not kept')

    def test_a_stream_is_continued_too(self):
        out = io.BytesIO()
        glare = ScriptedClient([(0, 25000), (25000, None)])
        glare.download('images', 'a1', 'image', out)
        self.assertEqual(DATA, out.getvalue())
        # A stream cannot take back what it got.
        glare = ScriptedClient([(0, 25000), (0, None)])
        self.assertRaises(exceptions.TransferInterrupted, glare.download,
                          'images', 'a1', 'image', io.BytesIO())


class RecordingClient(client.Client):
    """Answers every JSON request with ``answer`` and records it."""

    def __init__(self, api_version=(1, 2), answer=None):
        super().__init__(session=None, endpoint='http://glare')
        self._api_version = api_version
        self.answer = answer
        self.sent = []

    def _request(self, method, path, headers=None, replayable=True,
                 **kwargs):
        self.sent.append((method, path, kwargs.get('json')))
        resp = requests.Response()
        resp.status_code = 204 if method == 'DELETE' else 200
        resp._content = b'' if method == 'DELETE' else \
            json.dumps(self.answer).encode()
        return resp


class TestSharing(testtools.TestCase):
    def test_members_calls(self):
        glare = RecordingClient(answer={'members': [{'member_id': 'p3'}]})
        self.assertEqual([{'member_id': 'p3'}],
                         glare.members('images', 'a1'))
        glare.add_member('images', 'a1', 'p3')
        glare.set_member_status('images', 'a1', 'p3', 'accepted')
        glare.member('images', 'a1', 'p3')
        glare.remove_member('images', 'a1', 'p3')
        self.assertEqual([
            ('GET', '/artifacts/images/a1/members', None),
            ('POST', '/artifacts/images/a1/members', {'member': 'p3'}),
            ('PUT', '/artifacts/images/a1/members/p3',
             {'status': 'accepted'}),
            ('GET', '/artifacts/images/a1/members/p3', None),
            ('DELETE', '/artifacts/images/a1/members/p3', None)],
            glare.sent)

    def test_set_visibility_is_a_patch(self):
        glare = RecordingClient(answer={'id': 'a1', 'visibility': 'shared'})
        glare.set_visibility('images', 'a1', 'shared')
        self.assertEqual([('PATCH', '/artifacts/images/a1', [
            {'op': 'replace', 'path': '/visibility', 'value': 'shared'}])],
            glare.sent)

    def test_sharing_needs_microversion_1_2(self):
        glare = RecordingClient(api_version=(1, 1))
        for call in (lambda: glare.members('images', 'a1'),
                     lambda: glare.add_member('images', 'a1', 'p3'),
                     lambda: glare.set_visibility('images', 'a1',
                                                  'community')):
            error = self.assertRaises(exceptions.UnsupportedVersion, call)
            self.assertIn('needs microversion 1.2', str(error))
        self.assertEqual([], glare.sent)


class PagedClient(RecordingClient):
    """Answers GETs with the pages given, in turn, recording params."""

    def __init__(self, pages):
        super().__init__()
        self.pages = list(pages)

    def _request(self, method, path, headers=None, replayable=True,
                 **kwargs):
        self.answer = self.pages.pop(0)
        resp = super()._request(method, path, headers, replayable, **kwargs)
        self.sent[-1] = (method, path, kwargs.get('params'))
        return resp


class TestRebuildList(testtools.TestCase):
    def consumer(self, consumer_id):
        return {'consumer_id': consumer_id, 'service': 'compute'}

    def test_every_page_is_followed(self):
        glare = PagedClient([
            {'consumers': [self.consumer('vm-1'), self.consumer('vm-2')],
             'next': '/consumers?outdated=true&name=ubuntu&limit=2&'
                     'marker=a1%2Fvm-2'},
            {'consumers': [self.consumer('vm-3')]}])
        self.assertEqual(['vm-1', 'vm-2', 'vm-3'], [
            c['consumer_id'] for c in glare.outdated(name='ubuntu')])
        query = [('outdated', 'true'), ('name', 'ubuntu')]
        self.assertEqual([
            ('GET', '/consumers', query),
            ('GET', '/consumers', query + [('marker', 'a1/vm-2')])],
            glare.sent)

    def test_a_server_without_paging_answers_once(self):
        glare = PagedClient([{'consumers': [self.consumer('vm-1')]}])
        self.assertEqual(1, len(glare.outdated()))
        self.assertEqual(1, len(glare.sent))
