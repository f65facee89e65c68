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

"""Blob locations, removing blobs (API 1.1) and sendfile downloads.

External locations are http(s) URLs glare never fetches: downloads
redirect to them. Internal locations are data already in a configured
store, handed over by an administrator.
"""

import hashlib
import os
import socket

from oslo_serialization import jsonutils

from glare import context
from glare.db import api as db_api
from glare.db import deletions
from glare.tests.functional import base
from glare.tests.functional import test_blobs

LOCATION = 'application/vnd+openstack.glare-custom-location+json'
V1_1 = {'OpenStack-API-Version': 'artifact 1.1'}
V1_2 = {'OpenStack-API-Version': 'artifact 1.2'}
MD5 = hashlib.md5(b'remote').hexdigest()
SHA256 = hashlib.sha256(b'remote').hexdigest()


class LocationTestCase(test_blobs.BlobTestCase):
    types = dict(test_blobs.BlobTestCase.types, bundles=test_blobs.Bundle)

    def set_location(self, url, body, token=base.MEMBER):
        if not isinstance(body, (bytes, str)):
            body = jsonutils.dumps(body)
        return self.put(url, body, token=token, content_type=LOCATION)

    def remove(self, url, token=base.MEMBER, version=V1_1):
        return self.delete(url, token=token, headers=version)

    def shown(self, art, type_name='images', token=base.MEMBER):
        resp = self.get('/artifacts/%s/%s' % (type_name, art['id']),
                        token=token)
        self.assertEqual(200, resp.status_int, resp.text)
        return resp.json


class TestExternalLocations(LocationTestCase):
    def setUp(self):
        super().setUp()
        # Something listening where the location points: glare must never
        # connect to it.
        self.listener = socket.socket()
        self.listener.bind(('127.0.0.1', 0))
        self.listener.listen(8)
        self.listener.setblocking(False)
        self.addCleanup(self.listener.close)
        self.remote = 'http://127.0.0.1:%d/data/remote.bin?v=1' % (
            self.listener.getsockname()[1])

    def assertNeverFetched(self):
        self.assertRaises(BlockingIOError, self.listener.accept)

    def test_register_show_and_redirect(self):
        art = self.create()
        resp = self.set_location(self.blob_url(art, 'image'), {
            'url': self.remote, 'md5': MD5, 'sha1': None,
            'sha256': SHA256.upper()})
        self.assertEqual(200, resp.status_int, resp.text)
        expected = {'url': self.remote, 'external': True,
                    'status': 'active', 'md5': MD5, 'sha1': None,
                    'sha256': SHA256, 'size': None, 'content_type': None}
        self.assertEqual(expected, resp.json['image'])
        self.assertEqual(expected, self.shown(art)['image'])
        got = self.get(self.blob_url(art, 'image'))
        self.assertEqual(301, got.status_int)
        self.assertEqual(self.remote, got.headers['Location'])
        self.assertEqual([], self.stored_files())
        self.assertNeverFetched()

    def test_folder_key_takes_a_location(self):
        art = self.create(type_name='bundles')
        url = self.blob_url(art, 'files', 'bundles') + '/docs/a.txt'
        resp = self.set_location(url, {'url': self.remote, 'md5': MD5})
        self.assertEqual(200, resp.status_int, resp.text)
        self.assertEqual(self.remote,
                         resp.json['files']['docs/a.txt']['url'])
        self.assertEqual(self.remote, self.get(url).headers['Location'])
        self.assertNeverFetched()

    def test_location_over_existing_blob_is_409(self):
        art = self.create()
        self.put(self.blob_url(art, 'image'), b'stored')
        resp = self.set_location(self.blob_url(art, 'image'),
                                 {'url': self.remote, 'md5': MD5})
        self.assertError(resp, 409, 'image')
        self.assertEqual(b'stored',
                         self.get(self.blob_url(art, 'image')).body)
        other = self.create(name='other')
        self.set_location(self.blob_url(other, 'image'),
                          {'url': self.remote, 'md5': MD5})
        resp = self.set_location(self.blob_url(other, 'image'),
                                 {'url': self.remote + 'x', 'md5': MD5})
        self.assertError(resp, 409)
        self.assertEqual(self.remote, self.shown(other)['image']['url'])

    def test_invalid_locations_are_400_and_nothing_is_kept(self):
        art = self.create()
        cases = [
            ({'url': self.remote}, 'md5'),
            ({'md5': MD5}, 'url'),
            ({'url': self.remote, 'md5': 'abc'}, 'md5'),
            ({'url': self.remote, 'md5': 'z' * 32}, 'md5'),
            ({'url': self.remote, 'md5': MD5, 'sha256': 'ab'}, 'sha256'),
            ({'url': self.remote, 'md5': MD5, 'sha1': 5}, 'sha1'),
            ({'url': 'http:///no-host', 'md5': MD5}, 'http'),
            ({'url': 'http://a b/', 'md5': MD5}, 'url'),
            ({'url': self.remote, 'md5': MD5, 'size': 3}, 'size'),
            ({'url': self.remote, 'md5': MD5, 'location_type': 'x'},
             'location_type'),
            ([self.remote], 'JSON object'),
            ('{"url": ', 'not valid JSON'),
        ]
        for body, fragment in cases:
            resp = self.set_location(self.blob_url(art, 'image'), body)
            self.assertError(resp, 400, fragment)
        self.assertIsNone(self.shown(art)['image'])
        self.assertNeverFetched()

    def test_other_project_cannot_set_a_location(self):
        art = self.create()
        body = {'url': self.remote, 'md5': MD5}
        self.assertError(self.set_location(self.blob_url(art, 'image'),
                                           body, token=base.OTHER), 404)
        self.assertIsNone(self.shown(art)['image'])

    def test_immutable_blob_refuses_a_location_once_active(self):
        art = self.create(type_name='bundles')
        self.set_status(art, 'active', type_name='bundles')
        resp = self.set_location(self.blob_url(art, 'small', 'bundles'),
                                 {'url': self.remote, 'md5': MD5})
        self.assertError(resp, 403, 'small')
        resp = self.set_location(self.blob_url(art, 'notes', 'bundles'),
                                 {'url': self.remote, 'md5': MD5})
        self.assertEqual(200, resp.status_int, resp.text)

    def test_upload_replaces_an_external_location(self):
        art = self.create()
        self.set_location(self.blob_url(art, 'image'),
                          {'url': self.remote, 'md5': MD5})
        blob = self.put(self.blob_url(art, 'image'), b'local').json['image']
        self.assertFalse(blob['external'])
        self.assertEqual(self.blob_url(art, 'image'), blob['url'])
        self.assertEqual(b'local', self.get(self.blob_url(art,
                                                          'image')).body)


class TestInternalLocations(LocationTestCase):
    def store_file(self, name, data):
        os.makedirs(self.store_dir, exist_ok=True)
        path = os.path.join(self.store_dir, name)
        with open(path, 'wb') as stream:
            stream.write(data)
        return 'file://' + path

    def test_admin_hands_over_stored_data(self):
        data = os.urandom(3000)
        uri = self.store_file('handed-over', data)
        art = self.create()
        body = {'url': uri, 'md5': hashlib.md5(data).hexdigest(),
                'sha256': hashlib.sha256(data).hexdigest()}
        # To whoever may not hand over stored data it is no http(s) URL,
        # as Glare said.
        self.assertError(self.set_location(self.blob_url(art, 'image'),
                                           body), 400,
                         'must be an http or https URL')
        # Named internal, it is the policy's refusal.
        self.assertError(self.set_location(
            self.blob_url(art, 'image'), dict(body, location_type='internal')),
            403, 'artifact:set_internal_location')
        resp = self.set_location(self.blob_url(art, 'image'), body,
                                 token=base.ADMIN)
        self.assertEqual(200, resp.status_int, resp.text)
        blob = resp.json['image']
        self.assertEqual((False, 3000, self.blob_url(art, 'image')),
                         (blob['external'], blob['size'], blob['url']))
        got = self.get(self.blob_url(art, 'image'))
        self.assertEqual(data, got.body)
        self.assertEqual(body['sha256'],
                         got.headers['X-Openstack-Glare-Content-SHA256'])
        self.assertNotIn('X-Openstack-Glare-Content-SHA1', got.headers)
        # The data is glare's now: it goes with the artifact.
        self.assertEqual(204, self.delete(
            '/artifacts/images/%s' % art['id']).status_int)
        self.assertEqual([], self.stored_files())

    def test_data_of_another_blob_is_never_shared(self):
        data = os.urandom(2000)
        first = self.create(name='first')
        self.assertEqual(200, self.put(self.blob_url(first, 'image'),
                                       data).status_int)
        [stored] = self.stored_files()
        second = self.create(name='second')
        body = {'url': 'file://' + os.path.join(self.store_dir, stored),
                'md5': hashlib.md5(data).hexdigest()}
        # Spelt as stored, or through '..': the same data, the same owner.
        for url in (body['url'], 'file://' + os.path.join(
                self.store_dir, '..', 'fs', stored)):
            resp = self.set_location(self.blob_url(second, 'image'),
                                     dict(body, url=url), token=base.ADMIN)
            self.assertError(resp, 409, first['id'])
        self.assertIsNone(self.shown(second)['image'])
        # Deleting the second artifact cannot take the first one's data.
        self.assertEqual(204, self.delete(
            '/artifacts/images/%s' % second['id']).status_int)
        self.assertEqual(data, self.get(self.blob_url(first, 'image')).body)

    def test_data_queued_for_deletion_is_not_handed_over(self):
        # Data whose deletion is due (the scrubber has not removed it yet).
        data = b'going'
        uri = self.store_file('going', data)
        with db_api.transaction(context.get_admin_context()) as session:
            deletions.queue(session, uri, 'fs')
        art = self.create()
        resp = self.set_location(self.blob_url(art, 'image'), {
            'url': uri, 'md5': hashlib.md5(data).hexdigest()},
            token=base.ADMIN)
        self.assertError(resp, 409, 'queued for deletion')
        self.assertIsNone(self.shown(art)['image'])

    def test_bad_internal_locations_are_400(self):
        art = self.create()
        outside = self.outside_file(b'secret')
        for uri, fragment in (
                ('file://' + outside, 'outside the data directories'),
                ('file://' + os.path.join(self.store_dir, 'missing'),
                 'no data'),
                ('swift://host/container/obj', 'swift'),
                ('file://' + os.path.join(self.store_dir, '..', '..',
                                          'escape'), 'outside')):
            resp = self.set_location(self.blob_url(art, 'image'),
                                     {'url': uri, 'md5': MD5},
                                     token=base.ADMIN)
            self.assertError(resp, 400, fragment)
        self.assertIsNone(self.shown(art)['image'])
        self.assertTrue(os.path.exists(outside))

    def outside_file(self, data):
        path = os.path.join(self.conf_fixture.state_dir, 'outside.bin')
        with open(path, 'wb') as stream:
            stream.write(data)
        return path


class TestRemoveBlobs(LocationTestCase):
    remote = 'https://example.com/disk.qcow2'

    def test_api_1_0_removes_external_locations_only(self):
        # python-glareclient 0.5.3 sends no microversion: its
        # remove-location must work under 1.0.
        art = self.create()
        self.set_location(self.blob_url(art, 'image'),
                          {'url': self.remote, 'md5': MD5})
        resp = self.remove(self.blob_url(art, 'image'), version=None)
        self.assertEqual(200, resp.status_int, resp.text)
        self.assertIsNone(self.shown(art)['image'])
        # Stored data is never removed, as in Glare.
        self.put(self.blob_url(art, 'image'), b'data')
        resp = self.remove(self.blob_url(art, 'image'), version=None)
        self.assertError(resp, 403, 'external')
        self.assertEqual(4, self.shown(art)['image']['size'])

    def test_remove_an_external_location(self):
        art = self.create()
        self.set_location(self.blob_url(art, 'image'),
                          {'url': self.remote, 'md5': MD5})
        resp = self.remove(self.blob_url(art, 'image'))
        self.assertEqual(200, resp.status_int, resp.text)
        self.assertIsNone(resp.json['image'])
        self.assertIsNone(self.shown(art)['image'])
        self.assertError(self.get(self.blob_url(art, 'image')), 404)
        # The blob takes data again.
        self.assertEqual(200, self.put(self.blob_url(art, 'image'),
                                       b'x').status_int)

    def test_internal_blob_is_403_and_kept(self):
        art = self.create()
        self.put(self.blob_url(art, 'image'), b'kept')
        resp = self.remove(self.blob_url(art, 'image'))
        self.assertError(resp, 403, 'external')
        self.assertEqual(b'kept', self.get(self.blob_url(art, 'image')).body)
        self.assertEqual(1, len(self.stored_files()))

    def test_remove_one_folder_key(self):
        art = self.create(type_name='bundles')
        url = self.blob_url(art, 'files', 'bundles')
        self.put(url + '/a/one', b'1' * 700)
        self.put(url + '/two', b'2' * 700)
        self.assertEqual(2, len(self.stored_files()))
        # Glare's 1.1 removes only external locations; 1.2 the data too.
        self.assertError(self.remove(url + '/a/one'), 403, 'external')
        resp = self.remove(url + '/a/one', version=V1_2)
        self.assertEqual(200, resp.status_int, resp.text)
        self.assertEqual(['two'], list(resp.json['files']))
        self.assertEqual(1, len(self.stored_files()))
        self.assertError(self.get(url + '/a/one'), 404)
        # The folder's size limit counts what is left.
        self.assertEqual(200, self.put(url + '/three',
                                       b'3' * 800).status_int)

    def test_remove_refusals(self):
        art = self.create(type_name='bundles')
        url = self.blob_url(art, 'files', 'bundles')
        self.assertError(self.remove(url + '/nothing'), 404, 'nothing')
        self.put(url + '/k', b'data')
        self.assertError(self.remove(url + '/k', token=base.OTHER,
                                     version=V1_2), 404)
        self.set_status(art, 'active', type_name='bundles')
        self.assertError(self.remove(url + '/k', version=V1_2), 403,
                         'files')
        self.assertEqual(b'data', self.get(url + '/k').body)
        self.assertEqual(1, len(self.stored_files()))


class RecordingFileWrapper:
    """A ``wsgi.file_wrapper`` that remembers what it was handed."""

    handed = []

    def __init__(self, stream, block_size):
        self.stream = stream
        self.block_size = block_size
        RecordingFileWrapper.handed.append(stream.name)

    def __iter__(self):
        return iter(lambda: self.stream.read(self.block_size), b'')

    def close(self):
        self.stream.close()


class TestFileWrapper(test_blobs.BlobTestCase):
    def setUp(self):
        super().setUp()
        RecordingFileWrapper.handed = []
        self.app.extra_environ['wsgi.file_wrapper'] = RecordingFileWrapper

    def test_whole_file_goes_to_the_file_wrapper(self):
        data = os.urandom(200 * 1024 + 3)
        art = self.create()
        self.put(self.blob_url(art, 'image'), data)
        got = self.get(self.blob_url(art, 'image'))
        self.assertEqual(data, got.body)
        self.assertEqual(str(len(data)), got.headers['Content-Length'])
        self.assertEqual(
            [os.path.join(self.store_dir, self.stored_files()[0])],
            RecordingFileWrapper.handed)

    def test_ranges_and_head_do_not(self):
        data = bytes(range(256)) * 1024
        art = self.create()
        self.put(self.blob_url(art, 'image'), data)
        got = self.get(self.blob_url(art, 'image'),
                       headers={'Range': 'bytes=1000-70000'})
        self.assertEqual(206, got.status_int)
        self.assertEqual(data[1000:70001], got.body)
        head = self.app.head(self.blob_url(art, 'image'),
                             headers={'X-Auth-Token': base.MEMBER})
        self.assertEqual(str(len(data)), head.headers['Content-Length'])
        self.assertEqual([], RecordingFileWrapper.handed)
