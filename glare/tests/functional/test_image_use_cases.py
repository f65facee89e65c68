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

"""Use cases: versions of an image, and formats of an image.

Versions: a chain of SemVer versions under one name; the latest by name
alone, an exact version, all versions; id and version on every read.
Formats: the same image as qcow2, raw and vmdk is a group without order
(``disk_format`` is part of an image's identity), and "the latest ubuntu
as qcow2" is one request.
"""

from glare.tests.functional import base


class ImageTestCase(base.ApiTestCase):
    def image(self, version, disk_format='qcow2', name='ubuntu',
              token=base.MEMBER, data=b'disk'):
        art = self.create(name=name, version=version,
                          disk_format=disk_format,
                          container_format='bare', token=token)
        url = '/artifacts/images/%s/image' % art['id']
        resp = self.app.put(url, data + disk_format.encode(), headers={
            'X-Auth-Token': token,
            'Content-Type': 'application/octet-stream'})
        return self.set_status(resp.json, 'active', token=token)

    def listed(self, query, token=base.MEMBER):
        resp = self.get('/artifacts/images?' + query, token=token)
        self.assertEqual(200, resp.status_int, resp.text)
        return resp.json['artifacts']


class TestVersions(ImageTestCase):
    def test_a_chain_of_versions_under_one_name(self):
        for version in ('1.0.0', '1.2.0', '1.10.0', '2.0.0-rc.1', '2.0.0'):
            self.image(version)
        self.image('9.0.0', name='debian')
        latest = self.listed('name=ubuntu&version=latest')
        self.assertEqual([('ubuntu', '2.0.0')],
                         [(a['name'], a['version']) for a in latest])
        # An exact version, also given in short form.
        exact = self.listed('name=ubuntu&version=1.10')
        self.assertEqual(['1.10.0'], [a['version'] for a in exact])
        everything = self.listed('name=ubuntu&sort=version:asc')
        self.assertEqual(['1.0.0', '1.2.0', '1.10.0', '2.0.0-rc.1', '2.0.0'],
                         [a['version'] for a in everything])
        ranged = self.listed('name=ubuntu&version=gte:1.2&version=lt:2'
                             '&sort=version:asc')
        self.assertEqual(['1.2.0', '1.10.0', '2.0.0-rc.1'],
                         [a['version'] for a in ranged])

    def test_id_and_version_on_every_read(self):
        art = self.image('3.1.4')
        shown = self.get('/artifacts/images/%s' % art['id']).json
        listed = self.listed('name=ubuntu')[0]
        all_view = self.get('/artifacts/all?name=ubuntu').json['artifacts'][0]
        for read in (art, shown, listed, all_view):
            self.assertEqual((art['id'], '3.1.4'),
                             (read['id'], read['version']))

    def test_a_version_exists_once(self):
        self.image('1.0.0')
        resp = self.post('/artifacts/images', {
            'name': 'ubuntu', 'version': '1.0', 'disk_format': 'qcow2'})
        self.assertError(resp, 409, 'ubuntu', '1.0.0')


class TestFormats(ImageTestCase):
    def test_one_version_in_several_formats(self):
        ids = {fmt: self.image('1.0', fmt)['id']
               for fmt in ('qcow2', 'raw', 'vmdk')}
        newer = self.image('1.1', 'qcow2')
        # The whole group of 1.0: no order between its members.
        group = self.listed('name=ubuntu&version=1.0')
        self.assertEqual(ids, {a['disk_format']: a['id'] for a in group})
        # The latest ubuntu as qcow2, in one request, with its data URL.
        (latest,) = self.listed('name=ubuntu&version=latest'
                                '&disk_format=qcow2')
        self.assertEqual((newer['id'], '1.1.0'),
                         (latest['id'], latest['version']))
        self.assertEqual(b'diskqcow2', self.get(latest['image']['url']).body)
        # The latest raw one is still 1.0.
        (raw,) = self.listed('name=ubuntu&version=latest&disk_format=raw')
        self.assertEqual(ids['raw'], raw['id'])
        # Without a format, the latest version's whole group.
        self.assertEqual([newer['id']],
                         [a['id'] for a in self.listed(
                             'name=ubuntu&version=latest')])

    def test_a_version_exists_once_per_format(self):
        self.image('1.0', 'raw')
        resp = self.post('/artifacts/images', {
            'name': 'ubuntu', 'version': '1.0', 'disk_format': 'raw'})
        # The message names the identity fields' values too.
        self.assertError(resp, 409, 'ubuntu', '1.0.0 and disk_format raw')
        # Changing a draft's format into a taken one is refused too.
        draft = self.create(name='ubuntu', version='1.0',
                            disk_format='vmdk')
        resp = self.patch('/artifacts/images/%s' % draft['id'], [
            {'op': 'replace', 'path': '/disk_format', 'value': 'raw'}])
        self.assertError(resp, 409, 'ubuntu', 'disk_format raw')
        # So is a version change into a taken identity.
        later = self.create(name='ubuntu', version='1.1', disk_format='raw')
        resp = self.patch('/artifacts/images/%s' % later['id'], [
            {'op': 'replace', 'path': '/version', 'value': '1.0'}])
        self.assertError(resp, 409, '1.0.0 and disk_format raw')
        # An image without a format is unique as such.
        self.create(name='bare', version='1.0')
        resp = self.post('/artifacts/images', {'name': 'bare',
                                               'version': '1.0'})
        self.assertError(resp, 409, '1.0.0 and no disk_format')
        moved = self.update(draft, [{'op': 'replace', 'path': '/disk_format',
                                     'value': 'qcow2'}])
        self.assertEqual('qcow2', moved['disk_format'])

    def test_public_formats_are_unique_across_projects(self):
        art = self.image('1.0', 'raw', token=base.OTHER)
        self.update(art, [{'op': 'replace', 'path': '/visibility',
                           'value': 'public'}], token=base.ADMIN)
        mine = self.image('1.0', 'raw')
        resp = self.patch('/artifacts/images/%s' % mine['id'], [
            {'op': 'replace', 'path': '/visibility', 'value': 'public'}],
            token=base.ADMIN)
        self.assertError(resp, 409, 'ubuntu', 'disk_format raw',
                         'cloud (public artifacts)')
        # Another format of the same version may be published.
        other = self.image('1.0', 'vmdk')
        self.update(other, [{'op': 'replace', 'path': '/visibility',
                             'value': 'public'}], token=base.ADMIN)
        self.assertEqual({'raw', 'vmdk'}, {a['disk_format'] for a in
                                           self.listed(
                                               'name=ubuntu&version=1.0'
                                               '&visibility=public')})
