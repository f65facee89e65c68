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

import os

import fixtures
import testtools

from glare_client import disk_formats


class TestDetect(testtools.TestCase):
    def setUp(self):
        super().setUp()
        self.dir = self.useFixture(fixtures.TempDir()).path

    def detect(self, data):
        path = os.path.join(self.dir, 'disk')
        with open(path, 'wb') as stream:
            stream.write(data)
        return disk_formats.detect(path)

    def test_signatures(self):
        pad = b'\0' * 40000
        self.assertEqual('qcow2', self.detect(b'QFI\xfb\0\0\0\3' + pad))
        self.assertEqual('vmdk', self.detect(b'KDMV' + pad))
        self.assertEqual('vmdk', self.detect(b'# Disk DescriptorFile\n'))
        self.assertEqual('vhdx', self.detect(b'vhdxfile' + pad))
        self.assertEqual('vdi', self.detect(
            b'<<< Oracle VM VirtualBox Disk Image >>>\n'.ljust(0x40, b'\0')
            + b'\x7f\x10\xda\xbe' + pad))
        self.assertEqual('iso', self.detect(
            b'\0' * 0x8001 + b'CD001' + pad))
        footer = b'conectix'.ljust(512, b'\0')
        self.assertEqual('vhd', self.detect(pad + footer))
        self.assertEqual('ploop', self.detect(b'WithoutFreeSpace' + pad))

    def test_anything_else_is_raw(self):
        self.assertEqual('raw', self.detect(b''))
        self.assertEqual('raw', self.detect(b'QFI'))
        self.assertEqual('raw', self.detect(os.urandom(0)
                                            + b'\x01' * 70000))
