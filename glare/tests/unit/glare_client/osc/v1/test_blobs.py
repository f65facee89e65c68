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

import io

import fixtures
import testtools

from glare.tests.unit.glare_client.osc import v1 as helpers
from glare_client import exceptions
from glare_client.osc.v1 import blobs

SCHEMA = {'properties': {
    'image': {'glareType': 'Blob'}, 'name': {'glareType': 'String'}}}


class TestBlobCommands(testtools.TestCase):
    def test_every_option_is_documented(self):
        for command in (blobs.UploadBlob, blobs.DownloadBlob,
                        blobs.AddLocation, blobs.RemoveLocation):
            self.assertEqual([], helpers.undocumented_options(command),
                             command.__name__)

    def test_blob_field_defaults_to_the_only_blob(self):
        glare = helpers.FakeGlare(schema=SCHEMA)
        _cmd, args = helpers.parse(blobs.DownloadBlob, ['images', 'x'])
        self.assertEqual('image', blobs.blob_field(glare, args))
        _cmd, args = helpers.parse(blobs.DownloadBlob, [
            'images', 'x', '--blob-property', 'files/a/b.yaml'])
        self.assertEqual('files/a/b.yaml', blobs.blob_field(glare, args))

    def test_blob_field_must_be_chosen_among_several(self):
        glare = helpers.FakeGlare(schema={'properties': {
            'a': {'glareType': 'Blob'}, 'b': {'glareType': 'Blob'}}})
        _cmd, args = helpers.parse(blobs.UploadBlob, ['t', 'x'])
        error = self.assertRaises(exceptions.ClientError, blobs.blob_field,
                                  glare, args)
        self.assertIn('a, b', str(error))
        self.assertIn('--blob-property', str(error))

    def test_location_needs_url_and_md5(self):
        self.useFixture(fixtures.MonkeyPatch('sys.stderr', io.StringIO()))
        self.assertRaises(SystemExit, helpers.parse, blobs.AddLocation,
                          ['images', 'x', '--url', 'http://e/x'])
        _cmd, args = helpers.parse(blobs.AddLocation, [
            'images', 'x', '--url', 'http://e/x', '--md5', 'm'])
        self.assertEqual(('http://e/x', 'm', None),
                         (args.url, args.md5, args.sha256))
