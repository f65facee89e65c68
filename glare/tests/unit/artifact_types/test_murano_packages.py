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

"""The murano_packages type as a package author sees it."""

import io
import warnings
import zipfile

from glare.artifact_types import murano_packages
from glare import exception
from glare.tests import base
from glare.tests import murano_samples

M = murano_packages.MuranoPackage


class TestMuranoPackage(base.TestCase):
    def test_fields(self):
        self.assertEqual('murano_packages', M.get_type_name())
        self.assertEqual('Application', M.field('type').default)
        self.assertEqual('LinkList', M.field('dependencies').glare_type)

    def test_values_are_checked(self):
        exc = self.assertRaises(exception.InvalidInput, M.coerce_field,
                                'type', 'Plugin')
        self.assertIn('type', exc.msg)
        exc = self.assertRaises(exception.InvalidInput, M.coerce_field,
                                'class_definitions', ['a', 'a'])
        self.assertIn('must not contain duplicates', exc.msg)
        exc = self.assertRaises(exception.InvalidInput, M.coerce_field,
                                'dependencies', ['/artifacts/images/1'])
        self.assertIn('must link to a murano_packages', exc.msg)


class TestPackageChecks(base.TestCase):
    """check_package reads a zip in place; what it refuses, and why."""

    def check(self, data, limit=murano_packages.PACKAGE_MAX):
        return murano_packages.check_package(io.BytesIO(data), limit)

    def assertRefused(self, data, *fragments, limit=M.attributes[
            'package'].max_blob_size):
        exc = self.assertRaises(ValueError, self.check, data, limit)
        for fragment in fragments:
            self.assertIn(fragment, str(exc))

    def test_a_good_package_yields_its_manifest(self):
        manifest = self.check(murano_samples.package())
        self.assertEqual(('org.example.App', 1.0),
                         (manifest['FullName'], manifest['Format']))

    def test_total_size_is_bounded_by_the_limit(self):
        data = murano_samples.package([('a', b'x' * 2000)])
        self.assertRefused(data, 'expands beyond the 1000 bytes', limit=1000)

    def test_duplicates_encrypted_members_and_zip64(self):
        with warnings.catch_warnings():
            warnings.simplefilter('ignore')
            twice = murano_samples.package([('a', b'1'), ('a', b'2')])
        self.assertRefused(twice, "'a' appears twice")
        data = bytearray(murano_samples.package([('secret', b'x')]))
        # Set the "encrypted" flag of the member in the central directory.
        at = data.rfind(b'PK\x01\x02')
        data[at + 8] |= 1
        self.assertRefused(bytes(data), "'secret' is encrypted")
        # An end record whose member count says "see the ZIP64 record".
        data = bytearray(murano_samples.package())
        at = data.rfind(b'PK\x05\x06')
        data[at + 10:at + 12] = b'\xff\xff'
        self.assertRefused(bytes(data), 'ZIP64')

    def test_the_manifest_read_is_bounded(self):
        big = b'FullName: a\nFormat: 1\n#' + b'x' * (
            murano_packages.MANIFEST_MAX)
        self.assertRefused(murano_samples.package(
            manifest=big, compression=zipfile.ZIP_STORED),
            'manifest.yaml is larger than')

    def test_spool_is_bounded_and_read_back_whole(self):
        exc = self.assertRaises(exception.RequestEntityTooLarge,
                                murano_packages.spool_body,
                                io.BytesIO(b'x' * 11), 10)
        self.assertIn('10 bytes', exc.msg)
        data = b'y' * (murano_packages.SPOOL_MEMORY + 5)
        spool = murano_packages.spool_body(io.BytesIO(data), len(data))
        self.assertTrue(spool._rolled)  # beyond memory: on disk
        spool.seek(0)
        reader = murano_packages._SpoolReader(spool)
        self.assertEqual(data, reader.read(-1))
        self.assertEqual(b'', reader.read(10))
        self.assertTrue(spool.closed)
