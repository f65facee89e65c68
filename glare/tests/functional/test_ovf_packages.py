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

"""Use case: an OVF descriptor and its disks, one artifact (ovf_packages).

The tests build real OVA archives (descriptor, manifest, disks) with the
standard library's tarfile, hostile ones included, and upload them
through the API; every refusal must leave nothing behind: no blob, no
metadata, no stored file.
"""

import hashlib
import os
import tarfile

import fixtures

from glare.artifact_types import all as all_type
from glare.artifact_types import images
from glare.artifact_types import ovf_packages
from glare.tests.functional import base
from glare.tests.ovf_samples import descriptor
from glare.tests.ovf_samples import DISKS
from glare.tests.ovf_samples import good_ova
from glare.tests.ovf_samples import manifest
from glare.tests.ovf_samples import ova
from glare.tests.ovf_samples import OVF_NS


class OvfTestCase(base.ApiTestCase):
    types = {'images': images.Image, 'all': all_type.All,
             'ovf_packages': ovf_packages.OVFPackage}

    def setUp(self):
        super().setUp()
        self.store_dir = os.path.join(self.conf_fixture.state_dir, 'blobs',
                                      'fs')
        self.art = self.create('ovf_packages', name='appliance')
        self.url = '/artifacts/ovf_packages/%s' % self.art['id']

    def put(self, path, data, content_type='application/octet-stream'):
        return self.app.put(self.url + '/' + path, data, headers={
            'X-Auth-Token': base.MEMBER, 'Content-Type': content_type},
            status='*')

    def stored_files(self):
        if not os.path.isdir(self.store_dir):
            return []
        return sorted(os.listdir(self.store_dir))

    def assertNothingKept(self, resp, *fragments):
        self.assertError(resp, 400, *fragments)
        art = self.get(self.url).json
        self.assertEqual(self.art, art)
        self.assertEqual([], self.stored_files())


class TestOva(OvfTestCase):
    def test_ova_unpacks_into_descriptor_manifest_and_disks(self):
        data = good_ova()
        resp = self.put('ova', data)
        self.assertEqual(200, resp.status_int, resp.text)
        art = resp.json
        self.assertIsNone(art['ova'])
        self.assertEqual(['disk1.vmdk', 'disk2.vmdk'], sorted(art['disks']))
        for name, content in DISKS.items():
            blob = art['disks'][name]
            self.assertEqual(hashlib.sha256(content).hexdigest(),
                             blob['sha256'])
            self.assertEqual(content, self.get(blob['url']).body)
        self.assertEqual(descriptor(),
                         self.get(art['descriptor']['url']).body)
        self.assertIn(b'SHA256(disk1.vmdk)=',
                      self.get(art['manifest']['url']).body)
        # Metadata read from the descriptor.
        self.assertEqual('1.x', art['ovf_version'])
        self.assertEqual(('Appliance', 'ACME', '2.1'), (
            art['product'], art['vendor'], art['product_version']))
        self.assertEqual(['vm-1'], art['virtual_systems'])
        self.assertEqual(['disk1.vmdk', 'disk2.vmdk'], art['files'])
        self.assertEqual({'vmdisk0': 'disk1.vmdk', 'vmdisk1': 'disk2.vmdk'},
                         art['disk_files'])
        self.assertEqual({'vmdisk0': 4 * 2 ** 30, 'vmdisk1': 8 * 2 ** 30},
                         art['disk_capacities'])
        self.assertIn('streamOptimized', art['disk_formats']['vmdisk0'])
        # The one-to-many relation is complete: it activates.
        self.assertEqual('active', self.set_status(
            art, 'active', type_name='ovf_packages')['status'])
        # Listing by what the descriptor said.
        listed = self.get('/artifacts/ovf_packages?vendor=ACME').json
        self.assertEqual([art['id']], [a['id'] for a in
                                       listed['artifacts']])

    def test_sha1_manifest_and_no_manifest_are_accepted(self):
        resp = self.put('ova', good_ova(algorithm='SHA1'))
        self.assertEqual(200, resp.status_int, resp.text)
        other = self.create('ovf_packages', name='bare')
        members = [('a.ovf', descriptor())] + list(DISKS.items())
        resp = self.app.put(
            '/artifacts/ovf_packages/%s/ova' % other['id'], ova(members),
            headers={'X-Auth-Token': base.MEMBER}, status='*')
        self.assertEqual(200, resp.status_int, resp.text)
        self.assertIsNone(resp.json['manifest'])

    def test_manifest_mismatch_keeps_nothing(self):
        self.assertNothingKept(self.put('ova', good_ova(wrong='disk2.vmdk')),
                               'disk2.vmdk does not match its SHA256 digest')

    def test_manifest_without_an_entry_keeps_nothing(self):
        members = [('a.ovf', descriptor())] + list(DISKS.items())
        mf = manifest(members[:2])
        self.assertNothingKept(
            self.put('ova', ova(members[:1] + [('a.mf', mf)] + members[1:])),
            'no digest for disk2.vmdk')

    def test_invalid_ovf_xml_keeps_nothing(self):
        for ovf_data, fragment in (
                (b'<Envelope><oops></Envelope>', 'not well-formed XML'),
                (b'<Other xmlns="%s"/>' % OVF_NS.encode(), 'Envelope'),
                (b'<!DOCTYPE x [<!ENTITY a "aaaa">]><Envelope '
                 b'xmlns="%s">&a;</Envelope>' % OVF_NS.encode(),
                 'forbidden XML features')):
            members = [('a.ovf', ovf_data)] + list(DISKS.items())
            self.assertNothingKept(self.put('ova', ova(members)), fragment)

    def test_reference_to_a_missing_file_keeps_nothing(self):
        members = [('a.ovf', descriptor())] + list(DISKS.items())[:1]
        self.assertNothingKept(self.put('ova', ova(members)),
                               'references disk2.vmdk, which is not in '
                               'the OVA')

    def test_unreferenced_member_keeps_nothing(self):
        members = [('a.ovf', descriptor()), ('extra.bin', b'x')]
        self.assertNothingKept(self.put('ova', ova(members)),
                               'extra.bin is not a file the descriptor')

    def test_descriptor_must_come_first(self):
        members = list(DISKS.items()) + [('a.ovf', descriptor())]
        self.assertNothingKept(self.put('ova', ova(members)),
                               'must be the first member')

    def test_unsafe_member_paths_and_links_keep_nothing(self):
        for name in ('../evil.vmdk', '/etc/evil.vmdk', 'a/../../b.vmdk'):
            ovf_data = descriptor(files=('disk1.vmdk',))
            members = [('a.ovf', ovf_data), (name, b'evil')]
            self.assertNothingKept(self.put('ova', ova(members)), name)
        for kind in (tarfile.SYMTYPE, tarfile.LNKTYPE):
            link = tarfile.TarInfo('disk1.vmdk')
            link.type = kind
            link.linkname = '/etc/passwd'
            ovf_data = descriptor(files=('disk1.vmdk',))
            self.assertNothingKept(
                self.put('ova', ova([('a.ovf', ovf_data)],
                                    extra=[(link, None)])),
                'disk1.vmdk is a link')
        device = tarfile.TarInfo('disk1.vmdk')
        device.type = tarfile.CHRTYPE
        self.assertNothingKept(
            self.put('ova', ova([('a.ovf', descriptor(files=(
                'disk1.vmdk',)))], extra=[(device, None)])),
            'not a plain file')

    def test_descriptor_referencing_an_unsafe_path_is_refused(self):
        ovf_data = descriptor(files=('../../etc/passwd',))
        self.assertNothingKept(self.put('ova', ova([('a.ovf', ovf_data)])),
                               '../../etc/passwd')

    def test_archive_expanding_beyond_the_limits_keeps_nothing(self):
        field = ovf_packages.OVFPackage.attributes['disks']
        self.useFixture(fixtures.MockPatchObject(field, 'max_folder_size',
                                                 1500))
        disks = {'disk1.vmdk': b'a' * 1000, 'disk2.vmdk': b'b' * 1000}
        self.assertNothingKept(self.put('ova', good_ova(disks=disks)),
                               'expands beyond the size limits')

    def test_huge_pax_header_is_refused_before_it_is_read(self):
        info = tarfile.TarInfo('disk1.vmdk')
        info.size = 3
        info.pax_headers = {'comment': 'x' * 100000}
        resp = self.put('ova', ova([('a.ovf', descriptor(
            files=('disk1.vmdk',)))], extra=[(info, b'abc')]))
        self.assertNothingKept(resp, 'extended header')

    def test_truncated_archive_keeps_nothing(self):
        data = good_ova()
        cut = data.index(DISKS['disk2.vmdk'][:20]) + 100
        self.assertNothingKept(self.put('ova', data[:cut]),
                               'damaged in member disk2.vmdk')

    def test_not_a_tar_archive(self):
        self.assertNothingKept(self.put('ova', b'just some bytes' * 100),
                               'not a tar archive')

    def test_content_md5_of_the_ova_is_checked(self):
        data = good_ova()
        resp = self.app.put(self.url + '/ova', data, headers={
            'X-Auth-Token': base.MEMBER,
            'Content-MD5': hashlib.md5(b'other').hexdigest()}, status='*')
        self.assertNothingKept(resp, 'Content-MD5')

    def test_failed_reupload_keeps_the_previous_package(self):
        first = self.put('ova', good_ova()).json
        files = self.stored_files()
        resp = self.put('ova', good_ova(wrong='disk1.vmdk'))
        self.assertError(resp, 400, 'disk1.vmdk does not match')
        self.assertEqual(first, self.get(self.url).json)
        self.assertEqual(files, self.stored_files())

    def test_reupload_replaces_the_whole_package(self):
        first = self.put('ova', good_ova()).json
        old_files = self.stored_files()
        self.assertEqual(4, len(old_files))  # descriptor, manifest, disks
        new_disks = {'disk1.vmdk': b'new first disk', 'disk3.vmdk': b'third'}
        new_ovf = descriptor(files=sorted(new_disks), product='Next')
        # A failing re-upload removes nothing of the first package.
        resp = self.put('ova', good_ova(wrong='disk3.vmdk', disks=new_disks,
                                        ovf=new_ovf))
        self.assertError(resp, 400, 'disk3.vmdk does not match')
        self.assertEqual(first, self.get(self.url).json)
        self.assertEqual(old_files, self.stored_files())
        # One without a manifest, referencing disk1 and disk3 only.
        members = [('next.ovf', new_ovf)] + list(new_disks.items())
        resp = self.put('ova', ova(members))
        self.assertEqual(200, resp.status_int, resp.text)
        art = resp.json
        self.assertEqual(['disk1.vmdk', 'disk3.vmdk'], sorted(art['disks']))
        self.assertEqual(['disk1.vmdk', 'disk3.vmdk'], art['files'])
        self.assertEqual('Next', art['product'])
        self.assertIsNone(art['manifest'])
        for name, content in new_disks.items():
            self.assertEqual(content,
                             self.get(art['disks'][name]['url']).body)
        self.assertEqual(404, self.get(
            first['disks']['disk2.vmdk']['url']).status_int)
        # The store holds the new package only: no old file is left.
        self.assertEqual(3, len(self.stored_files()))
        self.assertEqual(set(), set(old_files) & set(self.stored_files()))
        self.assertEqual('active', self.set_status(
            art, 'active', type_name='ovf_packages')['status'])


class TestDescriptorAndDisks(OvfTestCase):
    def test_descriptor_then_disks_one_by_one(self):
        resp = self.put('descriptor', descriptor(), 'application/xml')
        self.assertEqual(200, resp.status_int, resp.text)
        self.assertEqual(['disk1.vmdk', 'disk2.vmdk'], resp.json['files'])
        # Activation needs every referenced disk.
        resp = self.patch(self.url, [{'op': 'replace', 'path': '/status',
                                      'value': 'active'}])
        self.assertError(resp, 400, 'disk1.vmdk', 'has no data')
        resp = self.put('disks/unknown.vmdk', b'x')
        self.assertError(resp, 400, 'unknown.vmdk is not a file the '
                                    'descriptor references')
        for name, data in DISKS.items():
            resp = self.put('disks/' + name, data)
            self.assertEqual(200, resp.status_int, resp.text)
        art = self.set_status(resp.json, 'active', type_name='ovf_packages')
        self.assertEqual('active', art['status'])

    def test_only_referenced_disks_may_be_locations(self):
        self.put('descriptor', descriptor(files=('disk1.vmdk',)))

        def location(path):
            return self.put(path, '{"url": "https://example.invalid/d", '
                                  '"md5": "%s"}' % ('a' * 32),
                            'application/vnd+openstack.glare-custom-'
                            'location+json')
        self.assertError(location('descriptor'), 400, 'must be uploaded')
        self.assertError(location('ova'), 400, 'must be uploaded')
        self.assertError(location('disks/other.vmdk'), 400,
                         'not a file the descriptor references')
        resp = location('disks/disk1.vmdk')
        self.assertEqual(200, resp.status_int, resp.text)
        self.assertTrue(resp.json['disks']['disk1.vmdk']['external'])
        self.assertEqual('active', self.set_status(
            resp.json, 'active', type_name='ovf_packages')['status'])

    def test_disks_before_the_descriptor_are_refused(self):
        resp = self.put('disks/disk1.vmdk', b'data')
        self.assertNothingKept(resp, 'upload the descriptor first')

    def test_invalid_descriptor_upload_keeps_nothing(self):
        self.assertNothingKept(self.put('descriptor', b'<not xml'),
                               'not well-formed XML')

    def test_disks_as_links_to_images(self):
        self.put('descriptor', descriptor())
        image = self.create('images', name='disk-image',
                            disk_format='vmdk', container_format='bare')
        links = {'disk1.vmdk': '/artifacts/images/%s' % image['id'],
                 'disk2.vmdk': '/artifacts/images/%s' % image['id']}
        art = self.update(self.art, [{'op': 'add', 'path': '/disk_images',
                                      'value': links}],
                          type_name='ovf_packages')
        self.assertEqual(links, art['disk_images'])
        self.assertEqual('active', self.set_status(
            art, 'active', type_name='ovf_packages')['status'])

    def test_disk_links_must_name_referenced_files_and_images(self):
        self.put('descriptor', descriptor())
        image = self.create('images', name='disk-image')
        resp = self.patch(self.url, [{'op': 'add', 'path': '/disk_images',
                                      'value': {'other.vmdk':
                                                '/artifacts/images/%s' %
                                                image['id']}}])
        self.assertError(resp, 400, 'other.vmdk is not a file')
        secret_link = {'disk1.vmdk': '/artifacts/secrets/%s' % image['id']}
        resp = self.patch(self.url, [{'op': 'add', 'path': '/disk_images',
                                      'value': secret_link}])
        self.assertError(resp, 400, 'disk_images', 'images artifact')
        other = self.create('images', name='theirs', token=base.OTHER)
        resp = self.patch(self.url, [{'op': 'add', 'path': '/disk_images',
                                      'value': {'disk1.vmdk':
                                                '/artifacts/images/%s' %
                                                other['id']}}])
        self.assertError(resp, 400, 'Field disk_images links to',
                         'cannot read')

    def test_metadata_fields_are_read_only(self):
        resp = self.patch(self.url, [{'op': 'replace', 'path': '/vendor',
                                      'value': 'me'}])
        self.assertEqual(403, resp.status_int)
