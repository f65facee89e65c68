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

"""``openstack artifact upload|download|import|location|remove-location``.
"""

import argparse
import contextlib
import os
import sys
import time

from cliff import command
from keystoneauth1 import exceptions as ks_exceptions

from glare_client import client
from glare_client import exceptions
from glare_client.osc import progress
from glare_client.osc.v1 import common
from glare_client import sizes


def add_blob_argument(parser):
    parser.add_argument(
        '--blob-property', '-p', metavar='<BLOB_PROPERTY>',
        help='Blob field, or <folder>/<key> for a file of a folder field '
             '(default: the type\'s main blob, its first blob field, e.g. '
             'image for images).')


def blob_field(glare, parsed_args):
    """The ``--blob-property``, or the type's main blob field."""
    if parsed_args.blob_property:
        return parsed_args.blob_property
    return main_blob(glare.schema(parsed_args.type_name), parsed_args)


def main_blob(schema, parsed_args):
    """The type's first blob field; an error naming the way out if none."""
    blob = client.main_blob_of(schema)
    if blob is None:
        raise exceptions.ClientError(
            'Type %s has no blob field; name a file of a folder field '
            'with --blob-property <folder>/<key>.' % parsed_args.type_name)
    return blob


def add_progress_argument(parser):
    parser.add_argument(
        '--progress', action='store_true',
        help='Show the progress (bytes, rate, time left) on stderr even '
             'when it is not a terminal (on a terminal it is always '
             'shown).')


@contextlib.contextmanager
def progress_bar(parsed_args):
    """A progress bar when wanted (else None), finished at the end."""
    bar = progress.ProgressBar() if progress.wanted(
        parsed_args.progress) else None
    try:
        yield bar
    finally:
        if bar is not None:
            bar.finish()


@contextlib.contextmanager
def input_file(path):
    """The binary stream to upload: the file, or standard input.

    ``-`` or no file at all means standard input.
    """
    if path and path != '-':
        with open(path, 'rb') as source:
            yield source
        return
    if sys.stdin.isatty():
        raise exceptions.ClientError(
            'Give the data with --file <FILE> or on standard input.')
    yield sys.stdin.buffer


def _chunk_size(text):
    try:
        size = sizes.parse(text)
    except ValueError as error:
        raise argparse.ArgumentTypeError(str(error))
    if size < 1:
        raise argparse.ArgumentTypeError('A chunk holds at least one byte.')
    return size


class UploadBlob(common.ArtifactCommand):
    """Upload data into a blob of an artifact, from a file or stdin."""

    target = common.DRAFT

    def get_parser(self, prog_name):
        parser = super().get_parser(prog_name)
        parser.add_argument(
            '--file', metavar='<FILE>',
            help='File to upload; without it (or with -), the bytes come '
                 'from standard input (binary, streamed).')
        add_blob_argument(parser)
        parser.add_argument(
            '--content-type', '-C', metavar='<CONTENT_TYPE>',
            default='application/octet-stream',
            help='Content type stored with the blob (default '
                 'application/octet-stream).')
        parser.add_argument(
            '--resume', action='store_true',
            help='Upload the file in chunks (API 1.2 upload sessions, %d '
                 'MiB each) and go on from where an earlier run of the '
                 'same command on the same file broke off. Data the '
                 'server already holds is not sent again.' % (
                     client.SESSION_CHUNK_SIZE // (1024 * 1024)))
        parser.add_argument(
            '--chunk-size', metavar='<SIZE>', type=_chunk_size,
            help='With --resume, the bytes sent per request: %s. Smaller '
                 'chunks lose less to a broken connection on a poor link '
                 '(default 64MiB).' % sizes.HELP)
        add_progress_argument(parser)
        return parser

    def act(self, glare, artifact, parsed_args):
        if parsed_args.chunk_size and not parsed_args.resume:
            raise exceptions.ClientError(
                '--chunk-size needs --resume: without it the file goes in '
                'one request.')
        blob = blob_field(glare, parsed_args)
        if parsed_args.resume:
            if not parsed_args.file or parsed_args.file == '-':
                raise exceptions.ClientError('--resume needs --file.')
            with progress_bar(parsed_args) as bar:
                try:
                    return glare.upload_file(
                        parsed_args.type_name, artifact['id'], blob,
                        parsed_args.file,
                        content_type=parsed_args.content_type,
                        progress=bar, resume=True,
                        chunk_size=parsed_args.chunk_size or
                        client.SESSION_CHUNK_SIZE)
                except exceptions.TransferInterrupted as error:
                    raise exceptions.ClientError(
                        '%s Run the same command again to go on.' %
                        error) from error
        with input_file(parsed_args.file) as source, \
                progress_bar(parsed_args) as bar:
            return glare.upload(parsed_args.type_name, artifact['id'], blob,
                                source, content_type=parsed_args.content_type,
                                progress=bar)


class DownloadBlob(command.Command):
    """Download a blob, checking its checksum, to a file or stdout."""

    def get_parser(self, prog_name):
        parser = super().get_parser(prog_name)
        common.add_artifact_arguments(parser)
        parser.add_argument(
            '--file', metavar='<FILE>',
            help='File to write. It appears only once every byte arrived '
                 'and matched the server\'s checksum; until then the bytes '
                 'collect in <FILE>.part. Without --file the bytes go to '
                 'standard output.')
        parser.add_argument(
            '--resume', action='store_true',
            help='Continue an interrupted download: keep the bytes in '
                 '<FILE>.part and fetch only the rest (the checksum of the '
                 'whole file is checked). Without it, a download starts '
                 'from the first byte.')
        add_blob_argument(parser)
        add_progress_argument(parser)
        return parser

    def take_action(self, parsed_args):
        glare = self.app.client_manager.artifact
        if parsed_args.resume and not parsed_args.file:
            raise exceptions.ClientError('--resume needs --file.')
        artifact = common.find_artifact(glare, parsed_args)
        blob = blob_field(glare, parsed_args)
        if parsed_args.file:
            destination = parsed_args.file
            if os.path.isdir(destination):
                raise exceptions.ClientError(
                    '%s is a directory; give a file name.' % destination)
        elif sys.stdout.isatty():
            raise exceptions.ClientError(
                'Give a file with --file, or redirect standard output: '
                'blob data is binary.')
        else:
            destination = sys.stdout.buffer
        try:
            with progress_bar(parsed_args) as bar:
                glare.download(parsed_args.type_name, artifact['id'], blob,
                               destination, progress=bar,
                               resume=parsed_args.resume)
        except (exceptions.TransferInterrupted,
                ks_exceptions.ConnectionError) as error:
            if parsed_args.file:
                raise exceptions.ClientError(
                    _interrupted(error, destination)) from error
            raise
        if not parsed_args.file:
            sys.stdout.buffer.flush()


def _interrupted(error, destination):
    """What to do after a download to a file broke off."""
    part = destination + '.part'
    try:
        kept = os.path.getsize(part)
    except OSError:
        return str(error)
    return '%s. %s of it are in %s: run the same command with --resume ' \
        'to fetch the rest.' % (str(error).rstrip('.'), sizes.human(kept),
                                part)


class AddLocation(common.ArtifactCommand):
    """Point a blob at data kept at an external http(s) URL."""

    target = common.DRAFT

    def get_parser(self, prog_name):
        parser = super().get_parser(prog_name)
        parser.add_argument(
            '--url', metavar='<URL>', required=True,
            help='http(s) URL of the data; downloads are redirected '
                 'there.')
        parser.add_argument(
            '--md5', metavar='<MD5>', required=True,
            help='md5 of the data (hex), checked by clients that '
                 'download it.')
        parser.add_argument('--sha1', metavar='<SHA1>',
                            help='sha1 of the data (hex).')
        parser.add_argument('--sha256', metavar='<SHA256>',
                            help='sha256 of the data (hex).')
        add_blob_argument(parser)
        return parser

    def act(self, glare, artifact, parsed_args):
        return glare.set_location(
            parsed_args.type_name, artifact['id'],
            blob_field(glare, parsed_args), parsed_args.url,
            md5=parsed_args.md5, sha1=parsed_args.sha1,
            sha256=parsed_args.sha256)


class RemoveLocation(common.ArtifactCommand):
    """Remove a blob's external location (API microversion 1.1)."""

    target = common.DRAFT

    def get_parser(self, prog_name):
        parser = super().get_parser(prog_name)
        add_blob_argument(parser)
        return parser

    def act(self, glare, artifact, parsed_args):
        return glare.remove_location(parsed_args.type_name, artifact['id'],
                                     blob_field(glare, parsed_args))


class ImportBlob(common.ArtifactCommand):
    """Have the server fetch a blob's data from a URL (API 1.2)."""

    target = common.DRAFT

    def get_parser(self, prog_name):
        parser = super().get_parser(prog_name)
        parser.add_argument(
            '--url', metavar='<URL>', required=True,
            help='http(s) URL the server fetches the data from, within '
                 'the limits its operator set.')
        parser.add_argument(
            '--sha256', metavar='<SHA256>',
            help='sha256 the data must have (hex); otherwise the import '
                 'fails and nothing is kept.')
        parser.add_argument(
            '--wait', action='store_true',
            help='Wait until the import ends and fail with its reason if '
                 'it failed.')
        add_blob_argument(parser)
        return parser

    def act(self, glare, artifact, parsed_args):
        blob = blob_field(glare, parsed_args)
        task = glare.import_blob(parsed_args.type_name, artifact['id'], blob,
                                 parsed_args.url, sha256=parsed_args.sha256)
        if not parsed_args.wait:
            self.app.stderr.write('Import %s started; the blob is saving '
                                  'until it ends.\n' % task['id'])
            return glare.get(parsed_args.type_name, artifact['id'])
        delay = 0.2
        while task['status'] == 'running':
            time.sleep(delay)
            delay = min(delay * 2, 5)
            task = glare.get_import(task['id'])
        if task['status'] != 'succeeded':
            raise exceptions.ClientError('The import from %s failed: %s' % (
                task['url'], task['reason']))
        return glare.get(parsed_args.type_name, artifact['id'])
