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
