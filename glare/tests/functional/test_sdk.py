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

"""glare's Python SDK (``client/glare_client``) against a real glare-api."""

import hashlib
import io
import os
import uuid

import fixtures
from keystoneauth1.identity import v3
from keystoneauth1 import session as ks_session

from glare.tests.functional import server
from glare.tests.functional import test_keystone
from glare.tests import keystone as ks
from glare_client import client
from glare_client import exceptions

ADMIN = 'admin:admin:admin'
MEMBER = 'user1:project1:member'
OTHER = 'user2:project2:member'


class TestSDK(server.ServerTestCase):

    def setUp(self):
        super().setUp()
        self.glare = client.Client.with_token(self.url, ADMIN)
        self.prefix = 'sdk-%s-' % uuid.uuid4().hex[:8]

    def requests_logged(self, fragment, since, count=1):
        return self.server.logged(fragment, since=since, count=count)

    def log_length(self):
        return self.server.log_length()

    def test_microversion_negotiation(self):
        self.assertEqual((1, 1), self.glare.api_version)
        self.assertTrue(self.glare.supports('1.1'))
        old = client.Client.with_token(self.url, ADMIN, api_version='1.0')
        self.assertEqual((1, 0), old.api_version)
        error = self.assertRaises(
            exceptions.UnsupportedVersion, old.remove_location, 'images',
            str(uuid.uuid4()), 'image')
        self.assertIn('1.1', str(error))
        future = client.Client.with_token(self.url, ADMIN, api_version='1.99')
        error = self.assertRaises(exceptions.UnsupportedVersion,
                                  future.schemas)
        self.assertIn('1.99 is not offered', str(error))

    def test_list_iterates_over_every_page(self):
        name = self.prefix + 'paged'
        made = [self.glare.create('images', name=name, version='1.%d' % i)
                for i in range(7)]
        since = self.log_length()
        found = list(self.glare.list('images', filters={'name': name},
                                     sort='version:asc', page_size=2))
        self.assertEqual([art['id'] for art in made],
                         [art['id'] for art in found])
        self.assertEqual(4, len(self.requests_logged(name, since, count=4)))
        limited = list(self.glare.list('images', filters=[('name', name)],
                                       sort=['version:desc'], limit=3,
                                       page_size=2))
        self.assertEqual(['1.6.0', '1.5.0', '1.4.0'],
                         [art['version'] for art in limited])
        ranged = self.glare.list('images', filters={
            'name': name, 'version': ['gte:1.2', 'lt:1.4']})
        self.assertEqual(['1.2.0', '1.3.0'],
                         sorted(art['version'] for art in ranged))
        error = self.assertRaises(exceptions.BadRequest, list,
                                  self.glare.list('images',
                                                  sort='colour:asc'))
        self.assertIn('colour', error.message)

    def test_get_by_name(self):
        name = self.prefix + 'named:with:colons'
        first = self.glare.create('images', name=name, version='1.0')
        latest = self.glare.create('images', name=name, version='2.0')
        self.assertEqual(latest['id'],
                         self.glare.get_by_name('images', name)['id'])
        self.assertEqual(first['id'], self.glare.get_by_name(
            'images', name, '1.0')['id'])
        error = self.assertRaises(exceptions.NotFound,
                                  self.glare.get_by_name, 'images', name,
                                  '3.0')
        self.assertIn('version=3.0', str(error))
        # Another project's artifact of the same name and version: the
        # admin sees both and must choose by id.
        client.Client.with_token(self.url, MEMBER).create(
            'images', name=name, version='2.0')
        self.assertRaises(exceptions.AmbiguousName, self.glare.get_by_name,
                          'images', name)

    def test_update_lifecycle_tags_and_errors(self):
        art = self.glare.create('images', {'name': self.prefix + 'x'},
                                metadata={'a': '1', 'b': '2'}, tags=['t1'])
        self.assertRaises(exceptions.Conflict, self.glare.create, 'images',
                          name=self.prefix + 'x')
        art = self.glare.update('images', art['id'], {
            'container_format': 'bare', 'disk_format': 'raw',
            'metadata/c': '3'}, remove=['metadata/a'])
        self.assertEqual({'b': '2', 'c': '3'}, art['metadata'])
        self.assertEqual(['t1', 't2'], sorted(self.glare.add_tag(
            'images', art['id'], 't2')['tags']))
        self.assertEqual(['t2'], self.glare.remove_tag('images', art['id'],
                                                       't1')['tags'])
        self.assertRaises(exceptions.NotFound, self.glare.remove_tag,
                          'images', art['id'], 'nope')
        self.assertEqual('active',
                         self.glare.activate('images', art['id'])['status'])
        error = self.assertRaises(exceptions.Forbidden, self.glare.update,
                                  'images', art['id'], {'disk_format': 'iso'})
        self.assertIn('disk_format', error.message)
        self.assertEqual(403, error.status_code)
        self.assertTrue(error.request_id)
        self.assertEqual('deactivated', self.glare.deactivate(
            'images', art['id'])['status'])
        self.assertEqual('active', self.glare.reactivate(
            'images', art['id'])['status'])
        self.assertEqual('public', self.glare.publish(
            'images', art['id'])['visibility'])
        other = client.Client.with_token(self.url, OTHER)
        self.assertRaises(exceptions.Forbidden, other.delete, 'images',
                          art['id'])
        self.glare.delete('images', art['id'])
        error = self.assertRaises(exceptions.NotFound, self.glare.get,
                                  'images', art['id'])
        self.assertIn(art['id'], error.message)

    def test_upload_streams_and_download_checks(self):
        art = self.glare.create('images', name=self.prefix + 'blob')
        data = os.urandom(1024 * 1024 + 3)
        progress = []
        stored = self.glare.upload(
            'images', art['id'], 'image',
            (data[i:i + 10000] for i in range(0, len(data), 10000)),
            progress=lambda done, total: progress.append((done, total)))
        self.assertEqual((len(data), hashlib.sha256(data).hexdigest()),
                         (stored['image']['size'],
                          stored['image']['sha256']))
        self.assertEqual((len(data), None), progress[-1])

        # A pipe: no size known, sent chunked.
        read_end, write_end = os.pipe()
        with os.fdopen(write_end, 'wb') as writer:
            writer.write(data[:50000])
        with os.fdopen(read_end, 'rb') as pipe:
            stored = self.glare.upload('images', art['id'], 'image', pipe,
                                       content_type='text/plain')
        self.assertEqual((50000, 'text/plain'),
                         (stored['image']['size'],
                          stored['image']['content_type']))

        stream = io.BytesIO()
        digests = self.glare.download('images', art['id'], 'image', stream)
        self.assertEqual(data[:50000], stream.getvalue())
        self.assertEqual(hashlib.sha256(data[:50000]).hexdigest(),
                         digests['sha256'])
        path = self.useFixture(fixtures.TempDir()).join('x.bin')
        self.glare.download('images', art['id'], 'image', path)
        with open(path, 'rb') as saved:
            self.assertEqual(data[:50000], saved.read())
        error = self.assertRaises(exceptions.BadRequest, self.glare.download,
                                  'images', art['id'], 'nosuchblob', path)
        self.assertIn('nosuchblob', error.message)

    def test_schemas(self):
        schemas = self.glare.schemas()
        self.assertIn('images', schemas)
        self.assertEqual(schemas['images'], self.glare.schema('images'))
        self.assertRaises(exceptions.NotFound, self.glare.schema, 'nope')

    def test_quotas(self):
        try:
            mine = self.glare.project_quotas()
        except exceptions.NotFound:
            self.skipTest('the server has no quota API yet')
        self.assertIsInstance(mine, dict)
        project = self.prefix + 'project'
        self.glare.set_quotas(project, {'max_artifact_number': 3})
        self.assertEqual(3, self.glare.project_quotas(project)[
            'max_artifact_number'])
        self.assertEqual(3, self.glare.quotas()[project][
            'max_artifact_number'])


class TestSDKKeystone(server.ServerTestCase):
    """The SDK over a keystoneauth1 password session, glare from the catalog.

    One glare-api with ``auth_strategy = keystone``, registered as the
    ``artifact`` service of the shared Keystone once it serves.
    """

    @classmethod
    def setUpClass(cls):
        cls.keystone = ks.shared_server()
        cls.server_options, cls.server_sections = \
            test_keystone.glare_options(cls.keystone, cache_tokens=True)
        super().setUpClass()
        cls.service_id = cls.keystone.register_service(cls.server.url)

    @classmethod
    def tearDownClass(cls):
        cls.keystone.unregister_service(cls.service_id)
        super().tearDownClass()

    def client(self, user, project, password=ks.PASSWORD):
        # What an application does: a password plugin, names not ids,
        # and no endpoint anywhere.
        auth = v3.Password(auth_url=self.keystone.url, username=user,
                           password=password, project_name=project,
                           user_domain_name='Default',
                           project_domain_name='Default')
        return client.Client(ks_session.Session(auth=auth))

    def test_password_session_finds_glare_in_the_catalog(self):
        member = self.client('demo_member', 'demo')
        self.assertEqual(self.url, member.adapter.get_endpoint().rstrip('/'))
        self.assertEqual((1, 1), member.api_version)
        name = 'sdk-ks-%s' % uuid.uuid4().hex[:8]
        art = member.create('images', name=name, version='1.0')
        self.assertEqual(self.keystone.projects['demo'], art['owner'])
        data = os.urandom(200000)
        stored = member.upload('images', art['id'], 'image', data)
        self.assertEqual(hashlib.sha256(data).hexdigest(),
                         stored['image']['sha256'])
        stream = io.BytesIO()
        member.download('images', art['id'], 'image', stream)
        self.assertEqual(data, stream.getvalue())
        self.assertEqual(art['id'], member.get_by_name('images', name)['id'])

        # Keystone's project boundaries hold through the SDK too.
        reader = self.client('demo_reader', 'demo')
        self.assertEqual([art['id']], [a['id'] for a in reader.list(
            'images', filters={'name': name})])
        error = self.assertRaises(exceptions.Forbidden, reader.update,
                                  'images', art['id'], {'min_ram': 1})
        self.assertEqual(403, error.status_code)
        other = self.client('alt_member', 'alt')
        self.assertEqual([], list(other.list('images',
                                             filters={'name': name})))
        self.assertRaises(exceptions.NotFound, other.get, 'images',
                          art['id'])
        admin = self.client('admin', 'admin', ks.ADMIN_PASSWORD)
        self.assertEqual(art['id'], admin.get('images', art['id'])['id'])
        member.delete('images', art['id'])
        self.assertRaises(exceptions.NotFound, admin.get, 'images',
                          art['id'])
