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

"""Images as clients of microversion 1.2 find them, and 1.0 as before.

From 1.2 an owner corrects an active image's descriptive properties
(how to boot it) as Glance allows, an image is activated only with its
data, and a version stored in a normalised form is reported. Clients of
1.0 and 1.1 see Glare's behaviour unchanged.
"""

from glare.tests.functional import base

V10 = {'OpenStack-API-Version': 'artifact 1.0'}
V12 = {'OpenStack-API-Version': 'artifact 1.2'}
IMAGES = '/artifacts/images'


def _replace(path, value):
    return [{'op': 'replace', 'path': path, 'value': value}]


class TestImagesAtMicroversions(base.ApiTestCase):
    def active_image(self):
        art = self.create(name='cirros', disk_format='qcow2',
                          container_format='bare')
        resp = self.app.put('%s/%s/image' % (IMAGES, art['id']), b'data',
                            headers={'X-Auth-Token': base.MEMBER,
                                     'Content-Type':
                                     'application/octet-stream'})
        self.assertEqual(200, resp.status_int, resp.text)
        return self.set_status(art, 'active')

    def url(self, art):
        return '%s/%s' % (IMAGES, art['id'])

    def test_descriptive_properties_change_once_active_from_1_2(self):
        art = self.active_image()
        resp = self.patch(self.url(art), _replace('/min_ram', 512),
                          headers=V10)
        self.assertError(resp, 403, 'min_ram')
        for path, value in (('/min_ram', 512), ('/os_distro', 'cirros'),
                            ('/metadata', {'hw_disk_bus': 'scsi'})):
            resp = self.patch(self.url(art), _replace(path, value),
                              headers=V12)
            self.assertEqual(200, resp.status_int, resp.text)
        shown = self.get(self.url(art)).json
        self.assertEqual((512, 'cirros', {'hw_disk_bus': 'scsi'}),
                         (shown['min_ram'], shown['os_distro'],
                          shown['metadata']))
        # What the image is stays as it was activated.
        for path, value in (('/disk_format', 'raw'), ('/name', 'other'),
                            ('/version', '2.0')):
            resp = self.patch(self.url(art), _replace(path, value),
                              headers=V12)
            self.assertError(resp, 403, path[1:])

    def test_schemas_tell_each_client_what_it_may_change(self):
        old = self.get('/schemas/images', headers=V10).json
        new = self.get('/schemas/images', headers=V12).json
        old, new = old['schemas']['images'], new['schemas']['images']
        self.assertEqual(('1.0', '1.2'), (old['version'], new['version']))
        self.assertFalse(old['properties']['min_ram']['mutable'])
        self.assertTrue(new['properties']['min_ram']['mutable'])
        self.assertFalse(new['properties']['disk_format']['mutable'])

    def test_an_image_is_activated_with_its_data_from_1_2(self):
        empty = self.create(name='empty', disk_format='raw',
                            container_format='bare')
        resp = self.patch(self.url(empty), _replace('/status', 'active'),
                          headers=V12)
        self.assertError(resp, 403, 'image')
        self.assertEqual('drafted', self.get(self.url(empty)).json['status'])
        # As Glare, a 1.0 client may still activate an image without data.
        resp = self.patch(self.url(empty), _replace('/status', 'active'),
                          headers=V10)
        self.assertEqual(200, resp.status_int, resp.text)

    def test_a_normalised_version_is_reported_from_1_2(self):
        resp = self.post(IMAGES, {'name': 'ubuntu', 'version': '22.04.3'},
                         headers=V12)
        self.assertEqual(201, resp.status_int, resp.text)
        self.assertEqual('22.4.3', resp.json['version'])
        self.assertEqual('22.04.3',
                         resp.headers['X-Openstack-Glare-Version-Given'])
        resp = self.patch(self.url(resp.json), _replace('/version', 24.04),
                          headers=V12)
        self.assertEqual(('24.4.0', '24.04'), (
            resp.json['version'],
            resp.headers['X-Openstack-Glare-Version-Given']))
        resp = self.post(IMAGES, {'name': 'ubuntu', 'version': '22.04.3'},
                         headers=V10)
        self.assertEqual(201, resp.status_int, resp.text)
        self.assertNotIn('X-Openstack-Glare-Version-Given', resp.headers)
        resp = self.post(IMAGES, {'name': 'plain', 'version': '1.2.3'},
                         headers=V12)
        self.assertNotIn('X-Openstack-Glare-Version-Given', resp.headers)
