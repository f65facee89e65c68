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

"""OVF packages: one descriptor and the disk files it references.

The ``.ovf`` descriptor goes in ``descriptor``, each file it references
in the ``disks`` folder under the name the descriptor's References give
it (or, for a disk, as a link to an ``images`` artifact in
``disk_images``). Uploading an ``.ova`` archive to ``ova`` unpacks it into
those fields, checking its manifest; the archive itself is not kept.
What the descriptor says (OVF version, product, vendor, version, virtual
systems, disks) fills the system fields. Activation needs every
referenced file.
"""

import io

from glare.artifact_types import documents
from glare.artifact_types import ovf
from glare.objects import base
from glare.objects import fields as f

TiB = 1024 ** 4


class OVFPackage(base.BaseArtifact):
    # 1.2 (microversion 1.2): the version lifecycle fields; visibility
    # may be shared or community.
    VERSION = '1.2'
    API_VERSIONS = (('1.0', '1.0'), ('1.2', '1.2'))

    fields = {
        'ova': f.Blob(max_blob_size=TiB,
                      description='Upload an OVA archive here: it is '
                                  'unpacked into descriptor, manifest and '
                                  'disks (its manifest checked) and not '
                                  'kept as a whole, so this blob stays '
                                  'empty.'),
        'descriptor': f.Blob(max_blob_size=ovf.DESCRIPTOR_MAX,
                             required_on_activate=True,
                             description='The OVF descriptor (.ovf XML).'),
        'manifest': f.Blob(max_blob_size=ovf.MANIFEST_MAX,
                           description='The manifest (.mf) of the OVA, '
                                       'as packaged.'),
        'disks': f.Folder(max_blob_size=TiB, max_folder_size=TiB,
                          description='The files the descriptor '
                                      'references, by their file name.'),
        'disk_images': f.Dict(
            f.Link(type_name='images'),
            description='Referenced files kept as images artifacts '
                        'instead, by file name.'),
        'ovf_version': f.String(system=True,
                                description='OVF major version of the '
                                            'descriptor (1.x or 2.x).'),
        'product': f.String(system=True, description='Product name from '
                                                     'the ProductSection.'),
        'vendor': f.String(system=True, description='Vendor from the '
                                                    'ProductSection.'),
        'product_version': f.String(system=True,
                                    description='Product version from '
                                                'the ProductSection.'),
        'virtual_systems': f.List(f.String, system=True,
                                  description='Ids of the virtual '
                                              'systems described.'),
        'files': f.List(f.String, system=True,
                        description='File names in the References '
                                    'section: what activation needs.'),
        'disk_files': f.Dict(f.String, system=True,
                             description='File of each disk, by disk '
                                         'id.'),
        'disk_capacities': f.Dict(f.Integer, system=True,
                                  description='Capacity in bytes of each '
                                              'disk, by disk id.'),
        'disk_formats': f.Dict(f.String, system=True,
                               description='Format URI of each disk, by '
                                           'disk id.'),
    }

    @classmethod
    def get_type_name(cls):
        return 'ovf_packages'

    @classmethod
    def get_display_type_name(cls):
        return 'OVF Packages'

    # -- hooks ---------------------------------------------------------------

    @classmethod
    def pre_upload_hook(cls, context, artifact, field_name, key, stream,
                        writer):
        if field_name == 'ova':
            _unpack(artifact, stream, writer)
            return None
        if field_name == 'descriptor':
            data = documents.read_all(stream, ovf.DESCRIPTOR_MAX,
                                      'OVF descriptor')
            _describe(artifact, ovf.parse_descriptor(data))
            return io.BytesIO(data)
        if field_name == 'manifest':
            data = documents.read_all(stream, ovf.MANIFEST_MAX, 'manifest')
            ovf.parse_manifest(data)
            return io.BytesIO(data)
        if field_name == 'disks' and key not in (artifact.files or ()):
            raise ovf.OvfError(
                'disks/%s is not a file the descriptor references%s.' % (
                    key, '' if artifact.files else
                    ' (upload the descriptor first)'))
        return stream

    @classmethod
    def pre_add_location_hook(cls, context, artifact, field_name, key,
                              url):
        # Only disks may live elsewhere: the descriptor and the archive
        # must be read to be trusted.
        if field_name != 'disks':
            raise ovf.OvfError('Blob %s must be uploaded so glare can '
                               'read it; only disks may be locations.' %
                               field_name)
        if key not in (artifact.files or ()):
            raise ovf.OvfError('disks/%s is not a file the descriptor '
                               'references.' % key)

    @classmethod
    def pre_update_hook(cls, context, artifact, changed):
        if 'disk_images' in changed:
            unknown = sorted(set(artifact.disk_images or ()) -
                             set(artifact.files or ()))
            if unknown:
                raise ovf.OvfError(
                    'disk_images/%s is not a file the descriptor '
                    'references%s.' % (unknown[0], '' if artifact.files
                                       else ' (upload the descriptor '
                                            'first)'))

    @classmethod
    def pre_activate_hook(cls, context, artifact):
        disks = artifact.disks or {}
        linked = artifact.disk_images or {}
        for name in artifact.files or ():
            if name not in disks and name not in linked:
                raise ovf.OvfError(
                    'File %s referenced by the descriptor has no data: '
                    'upload it to disks/%s or link an image in '
                    'disk_images.' % (name, name))


def _describe(artifact, descriptor):
    artifact.ovf_version = descriptor.ovf_version
    artifact.product = descriptor.product
    artifact.vendor = descriptor.vendor
    artifact.product_version = descriptor.product_version
    artifact.virtual_systems = descriptor.virtual_systems
    artifact.files = descriptor.files
    disks = descriptor.disks
    artifact.disk_files = {i: d['file'] for i, d in disks.items()
                           if d['file']}
    artifact.disk_capacities = {i: d['capacity'] for i, d in disks.items()
                                if d['capacity'] is not None}
    artifact.disk_formats = {i: d['format'] for i, d in disks.items()
                             if d['format']}


def _unpack(artifact, stream, writer):
    """Store an OVA's members through ``writer``; check it all."""
    disks_field = artifact.attributes['disks']
    descriptor = manifest = None
    digests, expanded = {}, 0
    for name, size, member in ovf.members(stream):
        if descriptor is None:
            if not name.endswith('.ovf'):
                raise ovf.OvfError('The OVF descriptor (.ovf) must be the '
                                   'first member of an OVA, not %s.' % name)
            data = documents.read_all(member, ovf.DESCRIPTOR_MAX,
                                      'OVF descriptor')
            descriptor = ovf.parse_descriptor(data)
            digests[name] = writer.write('descriptor', None,
                                         io.BytesIO(data), 'application/xml',
                                         size=len(data))
            # The archive replaces the whole package: files of an earlier
            # one that this descriptor does not reference go with it.
            for old in sorted(set(artifact.disks or ()) -
                              set(descriptor.files)):
                writer.remove('disks', old)
        elif name.endswith('.mf') and name not in descriptor.files:
            if manifest is not None:
                raise ovf.OvfError('The OVA has two manifests.')
            data = documents.read_all(member, ovf.MANIFEST_MAX, 'manifest')
            manifest = ovf.parse_manifest(data)
            writer.write('manifest', None, io.BytesIO(data), 'text/plain',
                         size=len(data))
        elif name.endswith('.cert') and name not in descriptor.files:
            continue  # a signature glare does not check; not kept
        elif name not in descriptor.files:
            raise ovf.OvfError('Archive member %s is not a file the '
                               'descriptor references.' % name)
        else:
            expanded += size
            if size > disks_field.max_blob_size or \
                    expanded > disks_field.max_folder_size:
                raise ovf.OvfError(
                    'The archive expands beyond the size limits: %s '
                    'brings its files to %d bytes; a file may have %d and '
                    'all of them %d.' % (name, expanded,
                                         disks_field.max_blob_size,
                                         disks_field.max_folder_size))
            digests[name] = writer.write('disks', name, member,
                                         size=size)
    if descriptor is None:
        raise ovf.OvfError('The OVA holds no OVF descriptor.')
    missing = [name for name in descriptor.files if name not in digests]
    if missing:
        raise ovf.OvfError('The descriptor references %s, which is not in '
                           'the OVA.' % missing[0])
    if manifest is not None:
        ovf.verify_manifest(manifest, digests)
    elif artifact.manifest:
        writer.remove('manifest')  # it describes an earlier archive
    _describe(artifact, descriptor)
