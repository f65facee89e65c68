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
from glare_client.osc.v1 import common

SCHEMA = {'properties': {
    'image': {'glareType': 'Blob'}, 'name': {'glareType': 'String'}}}


class TestBlobCommands(testtools.TestCase):
    def test_every_option_is_documented(self):
        for command in (blobs.UploadBlob, blobs.DownloadBlob,
                        blobs.AddLocation, blobs.RemoveLocation,
                        blobs.ImportBlob):
            self.assertEqual([], helpers.undocumented_options(command),
                             command.__name__)

    def test_blob_field_defaults_to_the_only_blob(self):
        glare = helpers.FakeGlare(schema=SCHEMA)
        _cmd, args = helpers.parse(blobs.DownloadBlob, ['images', 'x'])
        self.assertEqual('image', blobs.blob_field(glare, args))
        _cmd, args = helpers.parse(blobs.DownloadBlob, [
            'images', 'x', '--blob-property', 'files/a/b.yaml'])
        self.assertEqual('files/a/b.yaml', blobs.blob_field(glare, args))

    def test_blob_field_defaults_to_the_first_of_several(self):
        glare = helpers.FakeGlare(schema={'properties': {
            'ova': {'glareType': 'Blob'}, 'disks': {'glareType': 'Folder'},
            'descriptor': {'glareType': 'Blob'}}})
        _cmd, args = helpers.parse(blobs.UploadBlob, ['t', 'x'])
        self.assertEqual('ova', blobs.blob_field(glare, args))

    def test_a_type_without_blob_needs_a_folder_key(self):
        glare = helpers.FakeGlare(schema={'properties': {
            'files': {'glareType': 'Folder'}}})
        _cmd, args = helpers.parse(blobs.UploadBlob, ['t', 'x'])
        error = self.assertRaises(exceptions.ClientError, blobs.blob_field,
                                  glare, args)
        self.assertIn('--blob-property <folder>/<key>', str(error))

    def test_upload_and_locations_work_on_drafts(self):
        for command in (blobs.UploadBlob, blobs.AddLocation,
                        blobs.RemoveLocation):
            self.assertIs(common.DRAFT, command.target)
            self.assertNotIn('--include-drafts', command(
                helpers.FakeApp(None), None).get_parser('x').format_help())

    def test_chunk_size_takes_sizes(self):
        _cmd, args = helpers.parse(blobs.UploadBlob, [
            'images', 'x', '--file', 'f', '--resume', '--chunk-size',
            '512KiB'])
        self.assertEqual(512 * 1024, args.chunk_size)
        glare = helpers.FakeGlare(schema=SCHEMA)
        cmd, args = helpers.parse(blobs.UploadBlob, [
            'images', 'x', '--chunk-size', '1MiB'], glare)
        error = self.assertRaises(exceptions.ClientError, cmd.act, glare,
                                  {'id': 'x'}, args)
        self.assertIn('--chunk-size needs --resume', str(error))
        self.assertEqual([], glare.calls)
        stderr = self.useFixture(fixtures.StringStream('stderr'))
        self.useFixture(fixtures.MonkeyPatch('sys.stderr', stderr.stream))
        for bad in ('0', 'big', '-1'):
            self.assertRaises(SystemExit, helpers.parse, blobs.UploadBlob, [
                'images', 'x', '--chunk-size', bad])
        self.assertIn('is not a size', stderr.getDetails()[
            'stderr'].as_text())

    def test_resume_needs_a_file(self):
        glare = helpers.FakeGlare(schema=SCHEMA)
        cmd, args = helpers.parse(blobs.DownloadBlob,
                                  ['images', 'x', '--resume'], glare)
        error = self.assertRaises(exceptions.ClientError, cmd.take_action,
                                  args)
        self.assertIn('--file', str(error))
        self.assertEqual([], glare.calls)

    def test_an_interrupted_download_says_how_to_resume(self):
        out = self.useFixture(fixtures.TempDir()).join('disk.img')
        with open(out + '.part', 'wb') as stream:
            stream.write(b'x' * 2048)

        class Glare(helpers.FakeGlare):
            def download(self, *args, **kwargs):
                self.calls.append(('download', kwargs['resume']))
                raise exceptions.TransferInterrupted(
                    'The download stopped after 2.0 KiB: reset.')

        glare = Glare([{'id': 'a1', 'name': 'x'}], schema=SCHEMA)
        cmd, args = helpers.parse(blobs.DownloadBlob, [
            'images', 'x', '--file', out, '--resume'], glare)
        error = self.assertRaises(exceptions.ClientError, cmd.take_action,
                                  args)
        self.assertEqual(('download', True), glare.calls[-1])
        self.assertEqual(
            'The download stopped after 2.0 KiB: reset. 2.0 KiB of it are '
            'in %s.part: run the same command with --resume to fetch the '
            'rest.' % out, str(error))

    def test_input_file(self):
        path = self.useFixture(fixtures.TempDir()).join('f')
        with open(path, 'wb') as stream:
            stream.write(b'data')
        with blobs.input_file(path) as source:
            self.assertEqual(b'data', source.read())
        self.assertTrue(source.closed)

        class Terminal(io.StringIO):
            def isatty(self):
                return True

        self.useFixture(fixtures.MonkeyPatch('sys.stdin', Terminal()))
        for path in (None, '-'):
            with testtools.ExpectedException(exceptions.ClientError,
                                             '.*standard input'):
                with blobs.input_file(path):
                    pass

    def test_location_needs_url_and_md5(self):
        self.useFixture(fixtures.MonkeyPatch('sys.stderr', io.StringIO()))
        self.assertRaises(SystemExit, helpers.parse, blobs.AddLocation,
                          ['images', 'x', '--url', 'http://e/x'])
        _cmd, args = helpers.parse(blobs.AddLocation, [
            'images', 'x', '--url', 'http://e/x', '--md5', 'm'])
        self.assertEqual(('http://e/x', 'm', None),
                         (args.url, args.md5, args.sha256))
