"""The upload reader and folder key rules."""

import io

import fixtures

from glare.engine import blobs
from glare import exception
from glare.tests import base


class TestLimitedReader(base.TestCase):
    def test_reads_everything_and_hashes_sha1(self):
        reader = blobs.LimitedReader(io.BytesIO(b'abcdef'), limit=10)
        self.assertEqual(b'abc', reader.read(3))
        self.assertEqual(b'def', reader.read(10))
        self.assertEqual(b'', reader.read(10))
        self.assertEqual(6, reader.size)
        self.assertEqual('1f8ac10f23c5b5bc1167bda84b833e5c057a77d2',
                         reader.sha1.hexdigest())

    def test_more_than_the_limit_is_413(self):
        reader = blobs.LimitedReader(io.BytesIO(b'x' * 11), limit=10)
        exc = self.assertRaises(exception.RequestEntityTooLarge,
                                reader.read, 100)
        self.assertEqual(413, exc.code)
        self.assertIn('10 bytes', exc.msg)

    def test_stops_at_content_length(self):
        # A keep-alive stream may hold the next request's bytes.
        reader = blobs.LimitedReader(io.BytesIO(b'abcNEXT'), limit=10,
                                     length=3)
        self.assertEqual(b'abc', reader.read(100))
        self.assertEqual(b'', reader.read(100))

    def test_body_shorter_than_content_length_is_400(self):
        reader = blobs.LimitedReader(io.BytesIO(b'ab'), limit=10, length=5)
        self.assertEqual(b'ab', reader.read(100))
        exc = self.assertRaises(exception.BadRequest, reader.read, 100)
        self.assertIn('2 of the 5 bytes', exc.msg)


class TestFolderKeys(base.TestCase):
    def test_nested_relative_keys_are_fine(self):
        for key in ('a', 'a/b.yaml', 'x-1/y_2/z.3', 'dots..inside'):
            self.assertEqual(key, blobs.check_folder_key(key))

    def test_keys_that_could_escape_are_refused(self):
        for key in ('', '/abs', 'a//b', 'a/', '..', 'a/../b', './a', 'a\\b',
                    'a\x00b', 'a\nb', 'x' * 256):
            exc = self.assertRaises(exception.BadRequest,
                                    blobs.check_folder_key, key)
            self.assertEqual(400, exc.code)


class TestParseLocation(base.TestCase):
    MD5 = 'd41d8cd98f00b204e9800998ecf8427e'

    def test_http_urls_are_external(self):
        location = blobs.parse_location({
            'url': 'https://example.com/a?b=c', 'md5': self.MD5.upper(),
            'sha1': None})
        self.assertEqual({'url': 'https://example.com/a?b=c',
                          'internal': False, 'backend': None,
                          'md5': self.MD5, 'sha1': None, 'sha256': None},
                         location)

    def test_store_uris_are_internal(self):
        for body in ({'url': 'file:///var/lib/glare/x', 'md5': self.MD5},
                     {'url': 'http://store/x', 'md5': self.MD5,
                      'location_type': 'internal', 'backend': 'web'}):
            self.assertTrue(blobs.parse_location(body)['internal'])

    def test_bad_bodies_name_the_problem(self):
        for body, fragment in (
                ({'url': 'https://h/x'}, 'md5'),
                ({'md5': self.MD5}, 'url'),
                ({'url': 'https://h/x', 'md5': self.MD5, 'extra': 1},
                 'extra'),
                ({'url': 'https:///x', 'md5': self.MD5}, 'host'),
                ({'url': 'https://h/x', 'md5': self.MD5,
                  'location_type': 'external', 'backend': 'fs'},
                 'backend'),
                ({'url': 'https://h/\r\nX: y', 'md5': self.MD5},
                 'control'),
                ({'url': 'https://h/x', 'md5': self.MD5, 'sha1': 'g' * 40},
                 'sha1'),
                (['https://h/x'], 'JSON object')):
            exc = self.assertRaises(exception.BadRequest,
                                    blobs.parse_location, body)
            self.assertIn(fragment, exc.msg)


class TestDiscardAbandoned(base.TestCase):
    def test_partial_data_goes_through_the_store(self):
        discard = self.useFixture(fixtures.MockPatch(
            'glare.store.api.discard_partial')).mock
        blobs.discard_abandoned('upload-1', 'fs')
        discard.assert_called_once_with(blobs.CONF, 'upload-1', 'fs')

    def test_nothing_written_nothing_to_remove(self):
        discard = self.useFixture(fixtures.MockPatch(
            'glare.store.api.discard_partial')).mock
        blobs.discard_abandoned('upload-1', None)
        discard.assert_not_called()

    def test_store_failure_does_not_block_the_upload(self):
        self.useFixture(fixtures.MockPatch(
            'glare.store.api.discard_partial',
            side_effect=exception.StoreError(action='delete',
                                             reason='disk gone')))
        blobs.discard_abandoned('upload-1', 'fs')
