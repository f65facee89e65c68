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

"""Blob data through the API: upload, download, digests, ranges, limits.

The filesystem store lives under the test's state directory, so every
test can check what is (and is not) left in it.
"""

import base64
import hashlib
import os

from glare.artifact_types import all as all_type
from glare.objects import base as objects_base
from glare.objects import fields as f
from glare.tests.functional import base


class Bundle(objects_base.BaseArtifact):
    """A test type with a small blob and a small folder."""

    VERSION = '1.0'
    fields = {
        'small': f.Blob(max_blob_size=1000),
        'files': f.Folder(max_folder_size=1500, max_blob_size=1000,
                          max_keys=3),
        'notes': f.Blob(mutable=True),
    }

    @classmethod
    def get_type_name(cls):
        return 'bundles'


def digests(data):
    return {'md5': hashlib.md5(data).hexdigest(),
            'sha1': hashlib.sha1(data).hexdigest(),
            'sha256': hashlib.sha256(data).hexdigest()}


class BlobTestCase(base.ApiTestCase):
    def setUp(self):
        self.types = dict(base.ApiTestCase.types, bundles=Bundle,
                          all=all_type.All)
        super().setUp()
        self.store_dir = os.path.join(self.conf_fixture.state_dir, 'blobs',
                                      'fs')

    def stored_files(self):
        if not os.path.isdir(self.store_dir):
            return []
        return sorted(os.listdir(self.store_dir))

    def put(self, url, data, token=base.MEMBER, headers=None,
            content_type='application/octet-stream'):
        headers = dict(headers or {}, **{'Content-Type': content_type})
        return self.app.put(url, data, headers=self._headers(token, headers),
                            status='*')

    def blob_url(self, art, field, type_name='images'):
        return '/artifacts/%s/%s/%s' % (type_name, art['id'], field)


class TestUploadDownload(BlobTestCase):
    def _roundtrip(self, data):
        art = self.create(name='img')
        resp = self.put(self.blob_url(art, 'image'), data)
        self.assertEqual(200, resp.status_int, resp.text)
        blob = resp.json['image']
        expected = dict(digests(data), size=len(data), status='active',
                        external=False,
                        content_type='application/octet-stream',
                        url=self.blob_url(art, 'image'))
        self.assertEqual(expected, blob)
        got = self.get(self.blob_url(art, 'image'))
        self.assertEqual(200, got.status_int)
        self.assertEqual(data, got.body)
        self.assertEqual(str(len(data)), got.headers['Content-Length'])
        self.assertEqual(blob['md5'], got.headers['Content-MD5'])
        self.assertEqual(blob['sha1'],
                         got.headers['X-Openstack-Glare-Content-SHA1'])
        self.assertEqual(blob['sha256'],
                         got.headers['X-Openstack-Glare-Content-SHA256'])
        self.assertEqual('"%s"' % blob['sha256'], got.headers['ETag'])
        self.assertEqual(1, len(self.stored_files()))
        return art

    def test_empty_blob(self):
        self._roundtrip(b'')

    def test_one_byte(self):
        self._roundtrip(b'x')

    def test_chunk_boundaries_and_many_chunks(self):
        for size in (64 * 1024 - 1, 64 * 1024, 64 * 1024 + 1,
                     3 * 1024 * 1024 + 17):
            data = os.urandom(size)
            art = self._roundtrip(data)
            self.assertEqual(204, self.delete(
                '/artifacts/images/%s' % art['id']).status_int)
            self.assertEqual([], self.stored_files())

    def test_show_includes_the_blob(self):
        art = self.create()
        self.put(self.blob_url(art, 'image'), b'abc',
                 content_type='text/plain')
        shown = self.get('/artifacts/images/%s' % art['id']).json
        self.assertEqual('text/plain', shown['image']['content_type'])
        self.assertEqual(3, shown['image']['size'])

    def test_reupload_replaces_data_and_removes_the_old_file(self):
        art = self.create()
        self.put(self.blob_url(art, 'image'), b'first')
        self.put(self.blob_url(art, 'image'), b'second')
        self.assertEqual(b'second', self.get(self.blob_url(art,
                                                           'image')).body)
        self.assertEqual(1, len(self.stored_files()))

    def test_upload_to_unknown_field(self):
        art = self.create()
        resp = self.put(self.blob_url(art, 'nosuch'), b'x')
        self.assertError(resp, 400, 'nosuch')
        resp = self.put(self.blob_url(art, 'min_ram'), b'x')
        self.assertError(resp, 400, 'min_ram')
        self.assertEqual([], self.stored_files())

    def test_download_without_data_is_404(self):
        art = self.create()
        self.assertError(self.get(self.blob_url(art, 'image')), 404,
                         'image')

    def test_other_project_cannot_upload_or_download(self):
        art = self.create()
        self.assertError(self.put(self.blob_url(art, 'image'), b'x',
                                  token=base.OTHER), 404)
        self.put(self.blob_url(art, 'image'), b'x')
        self.assertError(self.get(self.blob_url(art, 'image'),
                                  token=base.OTHER), 404)


class TestDigestsAndRanges(BlobTestCase):
    def test_matching_client_digests_are_accepted(self):
        art = self.create()
        data = b'payload'
        md5 = base64.b64encode(hashlib.md5(data).digest()).decode()
        resp = self.put(self.blob_url(art, 'image'), data, headers={
            'Content-MD5': md5,
            'X-Openstack-Glare-Content-SHA256':
                hashlib.sha256(data).hexdigest()})
        self.assertEqual(200, resp.status_int, resp.text)

    def test_mismatching_digest_keeps_nothing(self):
        art = self.create()
        for header, value in (
                ('Content-MD5', hashlib.md5(b'other').hexdigest()),
                ('X-Openstack-Glare-Content-SHA256',
                 hashlib.sha256(b'other').hexdigest())):
            resp = self.put(self.blob_url(art, 'image'), b'payload',
                            headers={header: value})
            self.assertError(resp, 400, header)
            self.assertEqual([], self.stored_files())
            self.assertIsNone(self.get('/artifacts/images/%s' %
                                       art['id']).json['image'])

    def test_ranges(self):
        art = self.create()
        data = bytes(range(256)) * 4
        self.put(self.blob_url(art, 'image'), data)
        resp = self.get(self.blob_url(art, 'image'),
                        headers={'Range': 'bytes=10-19'})
        self.assertEqual(206, resp.status_int)
        self.assertEqual(data[10:20], resp.body)
        self.assertEqual('bytes 10-19/1024', resp.headers['Content-Range'])
        resp = self.get(self.blob_url(art, 'image'),
                        headers={'Range': 'bytes=-4'})
        self.assertEqual(206, resp.status_int)
        self.assertEqual(data[-4:], resp.body)
        resp = self.get(self.blob_url(art, 'image'),
                        headers={'Range': 'bytes=5000-6000'})
        self.assertError(resp, 416)
        self.assertEqual('bytes */1024', resp.headers['Content-Range'])

    def test_if_none_match(self):
        art = self.create()
        blob = self.put(self.blob_url(art, 'image'), b'abc').json['image']
        resp = self.get(self.blob_url(art, 'image'),
                        headers={'If-None-Match': '"%s"' % blob['sha256']})
        self.assertEqual(304, resp.status_int)
        self.assertEqual(b'', resp.body)


class TestLimitsAndFolders(BlobTestCase):
    def test_blob_over_max_size_is_413_and_nothing_kept(self):
        art = self.create(type_name='bundles')
        resp = self.put(self.blob_url(art, 'small', 'bundles'),
                        b'x' * 1001)
        self.assertError(resp, 413)
        self.assertEqual([], self.stored_files())
        shown = self.get('/artifacts/bundles/%s' % art['id']).json
        self.assertIsNone(shown['small'])

    def test_failed_reupload_keeps_the_previous_blob(self):
        art = self.create(type_name='bundles')
        self.put(self.blob_url(art, 'small', 'bundles'), b'old')
        resp = self.put(self.blob_url(art, 'small', 'bundles'),
                        b'x' * 2000)
        self.assertError(resp, 413)
        self.assertEqual(b'old', self.get(
            self.blob_url(art, 'small', 'bundles')).body)
        shown = self.get('/artifacts/bundles/%s' % art['id']).json
        self.assertEqual('active', shown['small']['status'])
        self.assertEqual(1, len(self.stored_files()))

    def test_folder_keys_and_folder_size(self):
        art = self.create(type_name='bundles')
        url = self.blob_url(art, 'files', 'bundles')
        self.assertEqual(200, self.put(url + '/a/b.yaml',
                                       b'x' * 800).status_int)
        self.assertEqual(200, self.put(url + '/c', b'y' * 700).status_int)
        # 800 + 700 = 1500 is the folder's limit: one more byte is 413.
        self.assertError(self.put(url + '/d', b'z'), 413)
        shown = self.get('/artifacts/bundles/%s' % art['id']).json
        self.assertEqual({'a/b.yaml', 'c'}, set(shown['files']))
        self.assertEqual(url + '/a/b.yaml', shown['files']['a/b.yaml']['url'])
        self.assertEqual(b'x' * 800, self.get(url + '/a/b.yaml').body)
        self.assertEqual(2, len(self.stored_files()))

    def test_unsafe_folder_keys_are_400(self):
        art = self.create(type_name='bundles')
        url = self.blob_url(art, 'files', 'bundles')
        for key in ('a//b', 'a/../b', './a', 'a/./b', 'a\\b', 'a%01b'):
            self.assertError(self.put(url + '/' + key, b'x'), 400)
        self.assertEqual([], self.stored_files())

    def test_folder_without_key_and_blob_with_key_are_400(self):
        art = self.create(type_name='bundles')
        self.assertError(self.put(self.blob_url(art, 'files', 'bundles'),
                                  b'x'), 400, 'files')
        self.assertError(self.put(self.blob_url(art, 'small', 'bundles') +
                                  '/k', b'x'), 400, 'small')

    def test_immutable_blob_refuses_upload_after_activation(self):
        art = self.create(type_name='bundles')
        self.set_status(art, 'active', type_name='bundles')
        self.assertError(self.put(self.blob_url(art, 'small', 'bundles'),
                                  b'x'), 403, 'small')
        # A mutable blob still takes data.
        self.assertEqual(200, self.put(
            self.blob_url(art, 'notes', 'bundles'), b'x').status_int)

    def test_deleting_the_artifact_removes_its_data(self):
        art = self.create(type_name='bundles')
        self.put(self.blob_url(art, 'small', 'bundles'), b'a')
        self.put(self.blob_url(art, 'files', 'bundles') + '/k', b'b')
        self.assertEqual(2, len(self.stored_files()))
        self.assertEqual(204, self.delete(
            '/artifacts/bundles/%s' % art['id']).status_int)
        self.assertEqual([], self.stored_files())
