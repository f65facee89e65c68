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

"""Parsing OVF descriptors and manifests; reading OVA streams safely."""

import hashlib
import io
import tarfile

from glare.artifact_types import ovf
from glare.tests import base
from glare.tests import ovf_samples as samples


class TestDescriptor(base.TestCase):
    def test_what_the_descriptor_says(self):
        d = ovf.parse_descriptor(samples.descriptor())
        self.assertEqual('1.x', d.ovf_version)
        self.assertEqual(['disk1.vmdk', 'disk2.vmdk'], d.files)
        self.assertEqual(['vm-1'], d.virtual_systems)
        self.assertEqual(('Appliance', 'ACME', '2.1'),
                         (d.product, d.vendor, d.product_version))
        self.assertEqual({'file': 'disk2.vmdk', 'capacity': 8 * 2 ** 30,
                          'format': 'http://www.vmware.com/interfaces/'
                                    'specifications/vmdk.html'
                                    '#streamOptimized'},
                         d.disks['vmdisk1'])

    def test_ovf_2(self):
        d = ovf.parse_descriptor(samples.descriptor(
            ns='http://schemas.dmtf.org/ovf/envelope/2'))
        self.assertEqual('2.x', d.ovf_version)

    def test_refusals(self):
        ns = samples.OVF_NS
        for data, fragment in (
                (b'<Envelope', 'not well-formed'),
                (b'<Envelope/>', 'root element must be an Envelope'),
                (b'<?xml version="1.0"?><!DOCTYPE lol [<!ENTITY lol "lol">'
                 b'<!ENTITY lol2 "&lol;&lol;">]><Envelope>&lol2;'
                 b'</Envelope>', 'forbidden XML features'),
                (('<Envelope xmlns="%s" xmlns:ovf="%s"><References>'
                  '<File ovf:href="a"/></References></Envelope>' % (ns, ns))
                 .encode(), 'needs ovf:href and ovf:id'),
                (('<Envelope xmlns="%s" xmlns:ovf="%s"><DiskSection>'
                  '<Disk ovf:diskId="d" ovf:fileRef="nope"/></DiskSection>'
                  '</Envelope>' % (ns, ns)).encode(),
                 'refers to file id nope'),
                (('<Envelope xmlns="%s" xmlns:ovf="%s"><DiskSection>'
                  '<Disk ovf:diskId="d" ovf:capacity="1" '
                  'ovf:capacityAllocationUnits="parsecs"/></DiskSection>'
                  '</Envelope>' % (ns, ns)).encode(), 'capacity units'),
                (samples.descriptor(files=('http://x/y.vmdk',)),
                 'external reference'),
                (samples.descriptor(files=('a.vmdk', 'a.vmdk')),
                 'referenced twice')):
            exc = self.assertRaises(ovf.OvfError, ovf.parse_descriptor, data)
            self.assertIn(fragment, str(exc))

    def test_capacity_units(self):
        for units, expected in ((None, 5), ('byte', 5),
                                ('byte * 2^20', 5 * 2 ** 20),
                                ('byte*1024', 5 * 1024)):
            self.assertEqual(expected, ovf._capacity('d', '5', units))
        self.assertIsNone(ovf._capacity('d', '${size}', None))


class TestManifest(base.TestCase):
    def test_parse_and_verify(self):
        data = b'payload'
        sha1 = hashlib.sha1(data).hexdigest()
        sha256 = hashlib.sha256(data).hexdigest()
        entries = ovf.parse_manifest(
            ('SHA1(a.vmdk)= %s\n\nSHA256(b.ovf) = %s\n' % (
                sha1, sha256.upper())).encode())
        self.assertEqual({'a.vmdk': ('sha1', sha1),
                          'b.ovf': ('sha256', sha256)}, entries)
        digests = {'sha1': sha1, 'sha256': sha256}
        ovf.verify_manifest(entries, {'a.vmdk': digests, 'b.ovf': digests})
        bad = dict(digests, sha1='0' * 40)
        exc = self.assertRaises(ovf.OvfError, ovf.verify_manifest, entries,
                                {'a.vmdk': bad, 'b.ovf': digests})
        self.assertIn('a.vmdk does not match its SHA1 digest', str(exc))
        exc = self.assertRaises(ovf.OvfError, ovf.verify_manifest, entries,
                                {'a.vmdk': digests})
        self.assertIn('lists b.ovf, which is not in the package', str(exc))

    def test_malformed_lines(self):
        for line, fragment in ((b'MD5(a)= 00', 'line 1 is not'),
                               (b'SHA1(a)= abc', 'has 40 hex digits'),
                               (b'SHA1(a)= %s\nSHA1(a)= %s' % (
                                   b'0' * 40, b'0' * 40), 'lists a twice')):
            exc = self.assertRaises(ovf.OvfError, ovf.parse_manifest, line)
            self.assertIn(fragment, str(exc))


class TestMembers(base.TestCase):
    def test_plain_members_stream_in_order(self):
        data = samples.ova([('a.ovf', b'x'), ('dir/b.vmdk', b'yy')])
        seen = [(name, size, member.read()) for name, size, member in
                ovf.members(io.BytesIO(data))]
        self.assertEqual([('a.ovf', 1, b'x'), ('dir/b.vmdk', 2, b'yy')],
                         seen)

    def test_refusals(self):
        link = tarfile.TarInfo('l')
        link.type = tarfile.SYMTYPE
        link.linkname = '../x'
        directory = tarfile.TarInfo('d')
        directory.type = tarfile.DIRTYPE
        for data, fragment in (
                (samples.ova([('../a', b'x')]), '".." segments'),
                (samples.ova([('a', b'x'), ('a', b'y')]), 'appears twice'),
                (samples.ova([], extra=[(link, None)]), 'is a link'),
                (samples.ova([], extra=[(directory, None)]),
                 'not a plain file'),
                (b'\x00' * 10, 'not a tar archive')):
            exc = self.assertRaises(ovf.OvfError, list,
                                    ovf.members(io.BytesIO(data)))
            self.assertIn(fragment, str(exc))
