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

"""Blob data in and out (glare.api.controllers.blobs).

Uploads, stored blobs and locations are the engine's, mocked here; the
policy rules are the real defaults.
"""

import base64
import io

import fixtures

from glare.api.controllers import blobs as controller
from glare.api import ranges
from glare.engine import blobs as engine_blobs
from glare import exception
from glare.tests.unit.api.controllers import fakes

LOCATION = engine_blobs.LOCATION_CONTENT_TYPE
MD5 = '900150983cd24fb0d6963f7d28e17f72'
SHA256 = 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad'
ADMIN = fakes.context('admin', roles=fakes.ADMIN)


def stored(**values):
    blob = {'md5': MD5, 'sha1': None, 'sha256': SHA256, 'size': 10,
            'content_type': 'text/plain', 'external': False, 'url': None,
            'location': 'file:///d', 'backend': 'fs'}
    blob.update(values)
    return blob


class BlobsTestCase(fakes.ControllerTestCase):
    def setUp(self):
        super().setUp()
        self.art = fakes.artifact()
        self.get = self.useFixture(fixtures.MockPatch(
            'glare.engine.artifacts.get', return_value=self.art)).mock
        self.engine = {}
        for name in ('add_location', 'downloadable_blob', 'read',
                     'open_file', 'remove'):
            self.engine[name] = self.useFixture(fixtures.MockPatch(
                'glare.engine.blobs.' + name,
                return_value=self.art)).mock
        self.upload_mock = self.useFixture(fixtures.MockPatch(
            'glare.engine.uploads.upload', return_value=self.art)).mock


class TestUpload(BlobsTestCase):
    def upload(self, blob_path='image', data=b'abc', ctx=None, **kwargs):
        req = fakes.request('/', 'PUT', data, ctx=ctx, **kwargs)
        return controller.upload(req, 'samples', self.art.id, blob_path)

    def test_the_body_streams_to_the_engine(self):
        resp = self.upload(content_type='text/plain', headers={
            'X-Openstack-Glare-Content-SHA256': SHA256})
        self.assertEqual(200, resp.status_int)
        (ctx, art, field, key, body, length, content_type), kwargs = \
            self.upload_mock.call_args
        self.assertEqual(('image', None, 3, 'text/plain', b'abc'),
                         (field, key, length, content_type, body.read()))
        self.assertEqual({'expected_md5': None, 'expected_sha256': SHA256},
                         kwargs)

    def test_a_folder_key_may_hold_slashes(self):
        self.upload('files/a/b.txt')
        self.assertEqual(('files', 'a/b.txt'),
                         self.upload_mock.call_args[0][2:4])

    def test_data_without_content_type_is_octet_stream(self):
        req = fakes.request('/', 'PUT')
        req.body_file = io.BytesIO(b'abc')
        controller.upload(req, 'samples', self.art.id, 'image')
        self.assertEqual('application/octet-stream',
                         self.upload_mock.call_args[0][6])

    def test_content_md5_in_base64_or_hex(self):
        as_base64 = base64.b64encode(bytes.fromhex(MD5)).decode()
        for header in (as_base64, MD5.upper()):
            self.upload(headers={'Content-MD5': header},
                        content_type='text/plain')
            self.assertEqual(
                MD5, self.upload_mock.call_args[1]['expected_md5'])
        error = self.assertRaises(exception.BadRequest, self.upload,
                                  headers={'Content-MD5': 'not md5!'},
                                  content_type='text/plain')
        self.assertIn('neither base64 nor hex', str(error))

    def test_a_reader_may_not_upload(self):
        self.assertRaises(exception.PolicyNotAuthorized, self.upload,
                          ctx=fakes.context(roles=fakes.READER),
                          content_type='text/plain')
        self.upload_mock.assert_not_called()

    def test_an_artifact_the_caller_cannot_read_is_404(self):
        self.get.side_effect = exception.ArtifactNotFound(id=self.art.id)
        self.assertRaises(exception.ArtifactNotFound, self.upload,
                          content_type='text/plain')


class TestLocations(BlobsTestCase):
    def add(self, body, ctx=None, headers=None):
        req = fakes.request('/', 'PUT', body, content_type=LOCATION,
                            ctx=ctx, headers=headers)
        return controller.upload(req, 'samples', self.art.id, 'image')

    def test_an_external_url_is_recorded(self):
        resp = self.add({'url': 'https://example.com/d', 'md5': MD5})
        self.assertEqual(200, resp.status_int)
        ctx, art, field, key, location = \
            self.engine['add_location'].call_args[0]
        self.assertEqual(('image', None, 'https://example.com/d', False),
                         (field, key, location['url'],
                          location['internal']))
        self.upload_mock.assert_not_called()

    def test_a_store_uri_is_for_admins(self):
        body = {'url': 'file:///etc/passwd', 'md5': None}
        # A member is told what Glare told: not an http(s) URL.
        error = self.assertRaises(exception.BadRequest, self.add, body)
        self.assertIn('http or https', str(error))
        self.add(body, ctx=ADMIN)
        self.assertTrue(self.engine['add_location'].call_args[0][4][
            'internal'])

    def test_an_explicit_internal_location_is_403_for_members(self):
        self.assertRaises(exception.PolicyNotAuthorized, self.add, {
            'url': 'https://example.com/d', 'md5': None,
            'location_type': 'internal'})
        self.engine['add_location'].assert_not_called()

    def test_a_location_body_is_small(self):
        big = b'{"url": "https://example.com/%s", "md5": null}' % (
            b'x' * 70000)
        self.assertRaises(exception.RequestEntityTooLarge, self.add, big)

    def test_a_malformed_location_is_400(self):
        self.assertRaises(exception.MalformedJson, self.add, b'{"url"')
        self.assertRaises(exception.BadRequest, self.add,
                          {'url': 'https://example.com/d'})
        self.engine['add_location'].assert_not_called()


class TestDownload(BlobsTestCase):
    def download(self, blob_path='image', ctx=None, method='GET',
                 headers=None, environ=None):
        req = fakes.request('/', method, ctx=ctx, headers=headers)
        req.environ.update(environ or {})
        return controller.download(req, 'samples', self.art.id, blob_path)

    def test_stored_data_with_its_digests(self):
        self.engine['downloadable_blob'].return_value = stored()
        self.engine['read'].return_value = iter([b'0123456789'])
        resp = self.download()
        self.assertEqual((200, b'0123456789', 'text/plain', 10),
                         (resp.status_int, resp.body, resp.content_type,
                          resp.content_length))
        self.assertEqual((MD5, SHA256, 'bytes', '"%s"' % SHA256),
                         (resp.headers['Content-MD5'],
                          resp.headers['X-Openstack-Glare-Content-SHA256'],
                          resp.headers['Accept-Ranges'],
                          resp.headers['ETag']))
        self.assertNotIn('X-Openstack-Glare-Content-SHA1', resp.headers)

    def test_a_known_etag_is_304(self):
        self.engine['downloadable_blob'].return_value = stored()
        resp = self.download(headers={'If-None-Match': '"%s"' % SHA256})
        self.assertEqual((304, b''), (resp.status_int, resp.body))
        self.engine['read'].assert_not_called()

    def test_a_range_is_206(self):
        self.engine['downloadable_blob'].return_value = stored()
        self.engine['read'].return_value = iter([b'234'])
        resp = self.download(headers={'Range': 'bytes=2-4'})
        self.assertEqual((206, 'bytes 2-4/10', 3, b'234'),
                         (resp.status_int, resp.headers['Content-Range'],
                          resp.content_length, resp.body))
        self.assertEqual((2, 3), self.engine['read'].call_args[0][1:])

    def test_a_range_beyond_the_data_is_416(self):
        self.engine['downloadable_blob'].return_value = stored()
        self.assertRaises(exception.RangeNotSatisfiable, self.download,
                          headers={'Range': 'bytes=20-30'})

    def test_a_whole_file_goes_to_the_server_s_file_wrapper(self):
        self.engine['downloadable_blob'].return_value = stored()
        self.engine['open_file'].return_value = stream = io.BytesIO(b'x')
        wrapped = []
        resp = self.download(environ={
            'wsgi.file_wrapper': lambda f, size: wrapped.append(f) or [b'x']})
        self.assertEqual([stream], wrapped)
        self.assertEqual(10, resp.content_length)
        self.engine['read'].assert_not_called()

    def test_a_range_goes_to_a_file_wrapper_that_honours_positions(self):
        self.engine['downloadable_blob'].return_value = stored()
        self.engine['open_file'].return_value = stream = io.BytesIO(b'x')
        wrapped = []
        resp = self.download(headers={'Range': 'bytes=2-4'}, environ={
            'wsgi.file_wrapper': lambda f, size: wrapped.append(f) or [b'x'],
            ranges.FILE_WRAPPER_SEEKS: True})
        self.assertEqual([stream], wrapped)
        self.assertEqual((206, 3), (resp.status_int, resp.content_length))
        self.assertEqual((2, 3), self.engine['open_file'].call_args[0][1:])
        self.engine['read'].assert_not_called()

    def test_a_range_is_read_by_glare_for_other_file_wrappers(self):
        # uWSGI's file wrapper sends whole files from their start.
        self.engine['downloadable_blob'].return_value = stored()
        self.engine['read'].return_value = iter([b'234'])
        resp = self.download(headers={'Range': 'bytes=2-4'}, environ={
            'wsgi.file_wrapper': lambda f, size: self.fail('wrapped')})
        self.assertEqual((206, b'234'), (resp.status_int, resp.body))
        self.engine['open_file'].assert_not_called()

    def test_head_sends_no_data(self):
        self.engine['downloadable_blob'].return_value = stored()
        resp = self.download(method='HEAD')
        self.assertEqual((200, 10), (resp.status_int, resp.content_length))
        self.engine['read'].assert_not_called()

    def test_an_external_blob_redirects_with_its_digests(self):
        self.engine['downloadable_blob'].return_value = stored(
            external=True, url='https://example.com/d', sha256=None)
        resp = self.download()
        self.assertEqual((301, 'https://example.com/d', MD5),
                         (resp.status_int, resp.location,
                          resp.headers['Content-MD5']))
        self.assertNotIn('X-Openstack-Glare-Content-SHA256', resp.headers)

    def test_a_deactivated_artifact_is_downloaded_by_admins_only(self):
        self.art.status = 'deactivated'
        self.engine['downloadable_blob'].return_value = stored()
        self.engine['read'].return_value = iter([b'0123456789'])
        self.assertRaises(exception.PolicyNotAuthorized, self.download)
        self.assertEqual(200, self.download(ctx=ADMIN).status_int)


class TestRemove(BlobsTestCase):
    def remove(self, version=(1, 2), ctx=None):
        req = fakes.request('/', 'DELETE', version=version, ctx=ctx)
        return controller.remove(req, 'samples', self.art.id, 'files/a')

    def test_folder_data_is_removed_from_1_2(self):
        self.assertEqual(200, self.remove().status_int)
        ctx, art, field, key = self.engine['remove'].call_args[0]
        self.assertEqual(('files', 'a', True), (
            field, key, self.engine['remove'].call_args[1]['folder_data']))
        self.remove(version=(1, 1))
        self.assertFalse(self.engine['remove'].call_args[1]['folder_data'])

    def test_a_reader_may_not_remove(self):
        self.assertRaises(exception.PolicyNotAuthorized, self.remove,
                          ctx=fakes.context(roles=fakes.READER))
        self.engine['remove'].assert_not_called()

    def test_other_methods_are_405(self):
        error = controller.not_allowed(fakes.request('/', 'POST'))
        self.assertEqual((405, 'DELETE, GET, HEAD, PUT'),
                         (error.code, error.headers['Allow']))
