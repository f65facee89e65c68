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

"""The images type, as a user creating an image sees it."""

from glare.artifact_types import images
from glare import exception
from glare.tests import base

KERNEL = '0b4ef9a8-2f3c-4a57-9d5e-0c1f2a3b4c5d'


class TestImage(base.TestCase):
    def test_names(self):
        self.assertEqual('images', images.Image.get_type_name())
        self.assertEqual('Images', images.Image.get_display_type_name())
        self.assertFalse(images.Image.read_only)

    def test_formats_are_checked(self):
        self.assertEqual('qcow2',
                         images.Image.coerce_field('disk_format', 'qcow2'))
        exc = self.assertRaises(exception.InvalidInput,
                                images.Image.coerce_field,
                                'container_format', 'zip')
        self.assertIn('container_format', exc.msg)

    def test_sizes_are_non_negative(self):
        self.assertEqual(0, images.Image.coerce_field('min_ram', 0))
        exc = self.assertRaises(exception.InvalidInput,
                                images.Image.coerce_field, 'min_disk', -1)
        self.assertIn('min_disk: must be at least 0', exc.msg)

    def test_ids_must_be_uuids(self):
        self.assertEqual(KERNEL,
                         images.Image.coerce_field('kernel_id', KERNEL))
        exc = self.assertRaises(exception.InvalidInput,
                                images.Image.coerce_field, 'ramdisk_id',
                                'vmlinuz')
        self.assertIn('ramdisk_id: must be a UUID', exc.msg)

    def test_formats_are_needed_for_activation(self):
        required = {name for name, field in images.Image.attributes.items()
                    if field.required_on_activate}
        self.assertEqual({'container_format', 'disk_format'}, required)

    def test_image_data_is_a_blob(self):
        self.assertEqual(['image'], images.Image.blob_fields())
        self.assertEqual(1024 ** 4,
                         images.Image.field('image').max_blob_size)
