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

"""The ovf_packages type's hooks, without a database or a store."""

import hashlib
import io

from glare.artifact_types import ovf
from glare.artifact_types import ovf_packages
from glare import context
from glare.tests import base
from glare.tests import ovf_samples as samples

P = ovf_packages.OVFPackage


class FakeWriter:
    """Keeps what a hook writes in memory (the engine's writer streams)."""

    def __init__(self):
        self.blobs = {}

    def write(self, field_name, key, stream, content_type=None, size=None):
        data = stream.read()
        self.blobs[(field_name, key)] = data
        return {'sha1': hashlib.sha1(data).hexdigest(),
                'sha256': hashlib.sha256(data).hexdigest()}


def _artifact():
    ctx = context.RequestContext(user_id='u', project_id='p')
    return P.new(ctx, {'name': 'pkg'})


class TestHooks(base.TestCase):
    def test_ova_is_unpacked_and_described(self):
        art, writer = _artifact(), FakeWriter()
        result = P.pre_upload_hook(None, art, 'ova', None,
                                   io.BytesIO(samples.good_ova()), writer)
        self.assertIsNone(result)
        self.assertEqual({('descriptor', None), ('manifest', None),
                          ('disks', 'disk1.vmdk'), ('disks', 'disk2.vmdk')},
                         set(writer.blobs))
        self.assertEqual(samples.DISKS['disk2.vmdk'],
                         writer.blobs[('disks', 'disk2.vmdk')])
        self.assertEqual('ACME', art.vendor)
        self.assertEqual(['disk1.vmdk', 'disk2.vmdk'], art.files)

    def test_descriptor_upload_describes(self):
        art = _artifact()
        stream = P.pre_upload_hook(None, art, 'descriptor', None,
                                   io.BytesIO(samples.descriptor()), None)
        self.assertEqual(samples.descriptor(), stream.read())
        self.assertEqual({'vmdisk0': 'disk1.vmdk', 'vmdisk1': 'disk2.vmdk'},
                         art.disk_files)

    def test_disks_must_be_referenced(self):
        art = _artifact()
        exc = self.assertRaises(ovf.OvfError, P.pre_upload_hook, None, art,
                                'disks', 'a.vmdk', io.BytesIO(b''), None)
        self.assertIn('upload the descriptor first', str(exc))
        art.files = ['a.vmdk']
        body = io.BytesIO(b'd')
        self.assertIs(body, P.pre_upload_hook(None, art, 'disks', 'a.vmdk',
                                              body, None))

    def test_activation_needs_every_file(self):
        art = _artifact()
        art.files = ['a.vmdk', 'b.vmdk']
        art.disks = {'a.vmdk': {'status': 'active'}}
        exc = self.assertRaises(ovf.OvfError, P.pre_activate_hook, None,
                                art)
        self.assertIn('File b.vmdk referenced by the descriptor has no '
                      'data', str(exc))
        art.disk_images = {'b.vmdk': '/artifacts/images/1'}
        P.pre_activate_hook(None, art)

    def test_disk_images_name_referenced_files(self):
        art = _artifact()
        art.files = ['a.vmdk']
        art.disk_images = {'z.vmdk': '/artifacts/images/1'}
        exc = self.assertRaises(ovf.OvfError, P.pre_update_hook, None, art,
                                ['disk_images'])
        self.assertIn('disk_images/z.vmdk is not a file', str(exc))
        P.pre_update_hook(None, art, ['description'])

    def test_locations_only_for_referenced_disks(self):
        art = _artifact()
        art.files = ['a.vmdk']
        for field, key in (('descriptor', None), ('ova', None),
                           ('disks', 'b.vmdk')):
            self.assertRaises(ovf.OvfError, P.pre_add_location_hook, None,
                              art, field, key, 'https://h/x')
        P.pre_add_location_hook(None, art, 'disks', 'a.vmdk', 'https://h/x')
