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

"""Virtual machine images."""

import copy

from glare import exception
from glare.objects import base
from glare.objects import fields as f
from glare.objects import validators as v

CONTAINER_FORMATS = ['ami', 'ari', 'aki', 'bare', 'ovf', 'ova', 'docker',
                     'compressed']
DISK_FORMATS = ['ami', 'ari', 'aki', 'vhd', 'vhdx', 'vmdk', 'raw', 'qcow2',
                'vdi', 'iso', 'ploop']


# What an image's owner may correct once it is active, as Glance allows
# for its images, for clients of microversion 1.2 (version 1.1 of the
# type): how to boot it, not what it is. Its data, digests, disk and
# container format, name and version never change.
DESCRIPTIVE = {'mutable_since': '1.1'}


def _descriptive_copy(field):
    field = copy.copy(field)
    field.mutable_since = DESCRIPTIVE['mutable_since']
    return field


class Image(base.BaseArtifact):
    # 1.1: descriptive properties mutable once active; activation needs
    # the image's data. 1.2: the version lifecycle fields, visibility
    # shared or community; what clients of microversion 1.2 see (1.1 was
    # never shown alone: both came with it).
    VERSION = '1.2'
    API_VERSIONS = (('1.0', '1.0'), ('1.2', '1.2'))

    # One version of an image exists once per disk format: ubuntu 1.0 as
    # qcow2, raw and vmdk are three artifacts of one group, and
    # "?name=ubuntu&version=latest&disk_format=qcow2" finds one of them
    # (see "Formats of an image" in doc/source/types.rst).
    identity_fields = ('disk_format',)

    fields = {
        'container_format': f.String(
            validators=[v.AllowedValues(CONTAINER_FORMATS)],
            required_on_activate=True,
            description='Image container format.'),
        'disk_format': f.String(
            validators=[v.AllowedValues(DISK_FORMATS)],
            required_on_activate=True,
            description='Image disk format.'),
        'min_ram': f.Integer(
            validators=[v.MinNumberSize(0)], **DESCRIPTIVE,
            description='Minimal RAM (MiB) to boot the image.'),
        'min_disk': f.Integer(
            validators=[v.MinNumberSize(0)], **DESCRIPTIVE,
            description='Minimal disk (GiB) to boot the image.'),
        'kernel_id': f.String(
            validators=[v.UUID()], **DESCRIPTIVE,
            description='ID of the kernel image used to boot an AMI-style '
                        'image.'),
        'ramdisk_id': f.String(
            validators=[v.UUID()], **DESCRIPTIVE,
            description='ID of the ramdisk image used to boot an AMI-style '
                        'image.'),
        # Informational: any string, as in Glare.
        'instance_uuid': f.String(
            **DESCRIPTIVE,
            description='ID of the instance this image was created from.'),
        'architecture': f.String(
            **DESCRIPTIVE,
            description='CPU architecture the image needs, e.g. x86_64.'),
        'os_distro': f.String(
            **DESCRIPTIVE,
            description='Common name of the OS distribution, e.g. ubuntu.'),
        'os_version': f.String(
            **DESCRIPTIVE, description='Version of the OS distribution.'),
        'image': f.Blob(max_blob_size=1024 ** 4,
                        description='The image data.'),
        # hw_* and other hints for the scheduler live here.
        'metadata': _descriptive_copy(base.BaseArtifact.field('metadata')),
    }

    @classmethod
    def get_type_name(cls):
        return 'images'

    @classmethod
    def get_display_type_name(cls):
        return 'Images'

    @classmethod
    def pre_activate_hook(cls, context, artifact):
        # Glance makes an image usable only with its data; Glare did not,
        # and its clients (microversions 1.0, 1.1) keep that.
        if cls.version_seen_by(context) != '1.0' and not artifact.image:
            raise exception.RequiredOnActivate(name='image')
