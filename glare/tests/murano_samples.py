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

"""Murano packages built by the tests themselves, hostile ones included.

Real zip archives made with the standard library's zipfile: a
``manifest.yaml`` and the package's classes and UI files; the hostile
variants have unsafe member names, no or a bad manifest, or expand far
beyond their size (zip bombs).
"""

import io
import stat
import zipfile

MANIFEST = (b'Format: 1.0\n'
            b'Type: Application\n'
            b'FullName: org.example.App\n'
            b'Name: Example app\n'
            b'Classes:\n'
            b'  org.example.App: App.yaml\n')

CLASS = b'Namespaces:\n  =: org.example\nName: App\n'


def package(members=None, manifest=MANIFEST,
            compression=zipfile.ZIP_DEFLATED):
    """A zip of ``(name, bytes)`` members; manifest.yaml first unless None.

    A member may also be a ``zipfile.ZipInfo`` with its data.
    """
    if members is None:
        members = [('Classes/App.yaml', CLASS),
                   ('UI/ui.yaml', b'Version: 2\nForms: []\n')]
    out = io.BytesIO()
    with zipfile.ZipFile(out, 'w', compression) as archive:
        if manifest is not None:
            archive.writestr(_dated('manifest.yaml', compression), manifest)
        for name, data in members:
            archive.writestr(_dated(name, compression), data)
    return out.getvalue()


def _dated(name, compression):
    """A member of a fixed date: the same package built twice is the same.

    (A name alone takes the clock's time, so two servers sent "the same"
    package a second apart got different bytes and digests.)
    """
    if isinstance(name, zipfile.ZipInfo):
        return name
    info = zipfile.ZipInfo(name, date_time=(2020, 1, 1, 0, 0, 0))
    info.compress_type = compression
    info.external_attr = 0o600 << 16  # as writestr gives a name
    return info


def symlink(name, target):
    """A member that is a symbolic link to ``target``."""
    info = zipfile.ZipInfo(name)
    info.external_attr = (stat.S_IFLNK | 0o777) << 16
    return info, target.encode()


def bomb(size=200 * 1024 ** 2):
    """A package of a few hundred KiB that expands to ``size`` zeros."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, 'w', zipfile.ZIP_DEFLATED) as archive:
        archive.writestr('manifest.yaml', MANIFEST)
        with archive.open('Resources/zeros.bin', 'w',
                          force_zip64=False) as member:
            chunk = bytes(1024 ** 2)
            for _ in range(size // len(chunk)):
                member.write(chunk)
    return out.getvalue()
