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

"""Murano application packages.

An uploaded package is checked before it is stored: it must be a zip
archive whose top level holds ``manifest.yaml``, a YAML mapping naming
at least ``FullName`` and ``Format``. The archive is read where it lies,
never extracted: the request body is spooled (in memory, then in an
anonymous temporary file) up to the blob's size limit, the zip's central
directory is bounded before the standard library's zipfile parses it,
and only the manifest is decompressed, with a bounded read. Archives
that would expand dangerously (zip bombs: a total uncompressed size over
the blob's limit, too many members, extreme compression ratios) or whose
members have unsafe names (absolute paths, ``..``, backslashes, links)
are refused with 400 and nothing is kept.
"""

import stat
import struct
import tempfile
import zipfile
import zlib

from glare.artifact_types import documents
from glare import exception
from glare.objects import base
from glare.objects import fields as f
from glare.objects import validators as v

PACKAGE_MAX = 100 * 1024 ** 2
MANIFEST = 'manifest.yaml'
MANIFEST_MAX = 1024 ** 2
REQUIRED_KEYS = ('FullName', 'Format')
# A package has a few hundred files; ten thousand is already absurd.
MAX_MEMBERS = 10000
# Central directory bytes allowed per member (46 fixed bytes, the name
# and extra fields): bounds what zipfile builds in memory when it opens
# the archive, whatever count the archive claims.
_DIRECTORY_PER_MEMBER = 400
# Text and code compress about 10:1; a member beyond this ratio (and
# larger than RATIO_FLOOR once expanded) is a zip bomb.
MAX_RATIO = 100
RATIO_FLOOR = 1024 ** 2
# Bodies up to this size are spooled in memory, larger ones on disk.
SPOOL_MEMORY = 1024 ** 2

_CHUNK = 64 * 1024
_END = b'PK\x05\x06'
_END_SIZE = 22
_ZIP64_LOCATOR = b'PK\x06\x07'
_ZIP64_LOCATOR_SIZE = 20
_COMMENT_MAX = 0xFFFF
_ENCRYPTED = 0x1


class PackageError(ValueError):
    """A package glare refuses (the upload's 400)."""


class MuranoPackage(base.BaseArtifact):
    # 1.2 (microversion 1.2): the version lifecycle fields; visibility
    # may be shared or community.
    VERSION = '1.2'
    API_VERSIONS = (('1.0', '1.0'), ('1.2', '1.2'))

    fields = {
        'package': f.Blob(max_blob_size=PACKAGE_MAX,
                          description='The package archive (zip with a '
                                      'manifest.yaml).'),
        'type': f.String(default='Application',
                         validators=[v.AllowedValues(['Application',
                                                      'Library'])],
                         description='Package type.'),
        'display_name': f.String(mutable=True, required_on_activate=True,
                                 description='Human-readable name of the '
                                             'package.'),
        'categories': f.List(f.String, mutable=True,
                             description='Categories of the package.'),
        'class_definitions': f.List(f.String, validators=[v.Unique()],
                                    description='Classes the package '
                                                'defines.'),
        'inherits': f.Dict(f.String,
                           description='Classes the package classes '
                                       'inherit from, by class.'),
        'keywords': f.List(f.String, mutable=True,
                           description='Keywords to find the package '
                                       'by.'),
        'dependencies': f.List(
            f.Link(type_name='murano_packages'),
            description='Packages this one needs: links to '
                        'murano_packages artifacts.'),
    }

    @classmethod
    def get_type_name(cls):
        return 'murano_packages'

    @classmethod
    def get_display_type_name(cls):
        return 'Murano packages'

    @classmethod
    def pre_upload_hook(cls, context, artifact, field_name, key, stream,
                        writer):
        limit = artifact.attributes[field_name].max_blob_size
        spool = spool_body(stream, limit)
        try:
            check_package(spool, limit)
            spool.seek(0)
        except BaseException:
            spool.close()
            raise
        return _SpoolReader(spool)


def spool_body(stream, limit):
    """Copy ``stream`` to a temporary file of at most ``limit`` bytes.

    Zip archives are read from their end, which a request body cannot
    do. The spool stays in memory up to SPOOL_MEMORY bytes and rolls
    over to an anonymous (already unlinked) file beyond. More than
    ``limit`` bytes are the client's 413.
    """
    spool = tempfile.SpooledTemporaryFile(max_size=SPOOL_MEMORY,
                                          prefix='glare-murano-')
    size = 0
    try:
        while True:
            chunk = stream.read(_CHUNK)
            if not chunk:
                return spool
            size += len(chunk)
            if size > limit:
                raise exception.RequestEntityTooLarge(
                    'The package is larger than the %d bytes allowed.' %
                    limit)
            spool.write(chunk)
    except BaseException:
        spool.close()
        raise


def check_package(archive_file, limit):
    """Check a seekable zip file; returns its manifest (a dict).

    Raises PackageError naming what is wrong. ``limit`` bounds the total
    uncompressed size of the members.
    """
    _check_directory(archive_file)
    try:
        with zipfile.ZipFile(archive_file) as archive:
            infos = archive.infolist()
            _check_members(infos, limit)
            return _read_manifest(archive, infos)
    except zipfile.BadZipFile as exc:
        raise PackageError('The package is not a valid zip archive: %s.' %
                           str(exc).rstrip('.'))
    except (zlib.error, EOFError) as exc:
        raise PackageError('The package\'s %s is corrupt: %s.' % (
            MANIFEST, exc))
    except NotImplementedError as exc:
        raise PackageError('The package\'s %s cannot be read: %s.' % (
            MANIFEST, str(exc).rstrip('.')))


def _check_directory(archive_file):
    """Bound the central directory before zipfile reads it.

    zipfile builds an object per central directory entry, however many
    the archive's end record claims, so a small archive of empty entries
    could take a lot of memory. ZIP64 archives (over 65535 members or
    4 GiB) are more than any package needs and are refused.
    """
    size = archive_file.seek(0, 2)
    tail_size = min(size, _END_SIZE + _COMMENT_MAX)
    archive_file.seek(size - tail_size)
    tail = archive_file.read(tail_size)
    # No archive comment is the usual case; search for one otherwise.
    at = len(tail) - _END_SIZE
    if at < 0 or tail[at:at + 4] != _END:
        at = tail.rfind(_END)
    if at < 0 or len(tail) - at < _END_SIZE:
        raise PackageError('The package is not a zip archive (it has no '
                           'end of central directory record).')
    (_, _, _, _, members, directory_size, _, _) = struct.unpack(
        '<4s4H2LH', tail[at:at + _END_SIZE])
    locator = at - _ZIP64_LOCATOR_SIZE
    if members == 0xFFFF or directory_size == 0xFFFFFFFF or (
            locator >= 0 and tail[locator:locator + 4] == _ZIP64_LOCATOR):
        raise PackageError('The package is a ZIP64 archive; packages have '
                           'at most %d members and need no ZIP64.' %
                           MAX_MEMBERS)
    if members > MAX_MEMBERS or \
            directory_size > MAX_MEMBERS * _DIRECTORY_PER_MEMBER:
        raise PackageError(
            'The package has too many members (%d, a central directory '
            'of %d bytes); at most %d are allowed.' % (
                members, directory_size, MAX_MEMBERS))
    archive_file.seek(0)


def _check_members(infos, limit):
    if len(infos) > MAX_MEMBERS:
        raise PackageError('The package has %d members; at most %d are '
                           'allowed.' % (len(infos), MAX_MEMBERS))
    names, total = set(), 0
    for info in infos:
        name = info.filename
        _check_name(name)
        if name in names:
            raise PackageError('Package member %r appears twice.' % name)
        names.add(name)
        if info.flag_bits & _ENCRYPTED:
            raise PackageError('Package member %r is encrypted; packages '
                               'must not be.' % name)
        if stat.S_ISLNK(info.external_attr >> 16):
            raise PackageError('Package member %r is a symbolic link; '
                               'packages hold plain files only.' % name)
        total += info.file_size
        if total > limit:
            raise PackageError(
                'The package expands beyond the %d bytes allowed (zip '
                'bomb?): its members reach %d bytes at %r.' % (
                    limit, total, name))
        if info.file_size > RATIO_FLOOR and \
                info.file_size > MAX_RATIO * max(info.compress_size, 1):
            raise PackageError(
                'Package member %r expands from %d to %d bytes, more than '
                '%d times (zip bomb?).' % (name, info.compress_size,
                                           info.file_size, MAX_RATIO))


def _check_name(name):
    """A member name is a relative path that stays inside the package."""
    segments = name.replace('\\', '/').split('/')
    if name.startswith(('/', '\\')) or (len(name) > 1 and name[1] == ':'):
        raise PackageError('Package member %r has an absolute path; '
                           'members must be relative.' % name)
    if '..' in segments:
        raise PackageError('Package member %r has a ".." path segment; '
                           'members must stay inside the package.' % name)
    if '\\' in name or any(ord(c) < 32 for c in name):
        raise PackageError('Package member %r has backslashes or control '
                           'characters in its path.' % name)


def _read_manifest(archive, infos):
    info = next((i for i in infos if i.filename == MANIFEST), None)
    if info is None:
        raise PackageError('The package has no %s at its top level.' %
                           MANIFEST)
    if info.file_size > MANIFEST_MAX:
        raise PackageError('The package\'s %s is larger than the %d bytes '
                           'allowed.' % (MANIFEST, MANIFEST_MAX))
    with archive.open(info) as member:
        data = member.read(MANIFEST_MAX + 1)
    if len(data) > MANIFEST_MAX:
        raise PackageError('The package\'s %s is larger than the %d bytes '
                           'allowed.' % (MANIFEST, MANIFEST_MAX))
    manifest = documents.load_yaml_mapping(data, 'package %s' % MANIFEST)
    missing = [name for name in REQUIRED_KEYS
               if manifest.get(name) in (None, '')]
    if missing:
        raise PackageError('The package\'s %s needs %s.' % (
            MANIFEST, ' and '.join(missing)))
    if not isinstance(manifest['FullName'], str):
        raise PackageError('FullName in the package\'s %s must be a '
                           'string.' % MANIFEST)
    return manifest


class _SpoolReader:
    """The checked package, read back for the store; closed at its end."""

    def __init__(self, spool):
        self._spool = spool

    def read(self, size=-1):
        if self._spool.closed:
            return b''
        chunk = self._spool.read(size)
        if not chunk:
            self._spool.close()
        return chunk
