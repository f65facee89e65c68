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

from glare.api import microversion
from glare.tests.functional import faulty_proxy
from glare.tests.functional import server
from glare.tests.functional import test_keystone
from glare.tests import keystone as ks
from glare_client import client
from glare_client import exceptions
from glare_client import retries
from glare_client import versions

ADMIN = 'admin:admin:admin'
MEMBER = 'user1:project1:member'
OTHER = 'user2:project2:member'
# What a client negotiates with this server by default.
NEGOTIATED = min(versions.CLIENT_MAX, microversion.max_version())
MiB = 1024 * 1024


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
        self.assertEqual(NEGOTIATED, self.glare.api_version)
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

    def active(self, name, version, **fields):
        fields.setdefault('disk_format', 'raw')
        art = self.glare.create('images', name=name, version=version,
                                container_format='bare', **fields)
        self.glare.upload('images', art['id'], 'image', b'data')
        return self.glare.activate('images', art['id'])

    def test_get_by_name(self):
        name = self.prefix + 'named:with:colons'
        first = self.glare.create('images', name=name, version='1.0')
        latest = self.glare.create('images', name=name, version='2.0')
        self.assertEqual(latest['id'], self.glare.get_by_name(
            'images', name, include_drafts=True)['id'])
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
        error = self.assertRaises(exceptions.AmbiguousName,
                                  self.glare.get_by_name, 'images', name,
                                  include_drafts=True)
        self.assertIn('owner project1', str(error))

    def test_a_name_stands_for_its_newest_release(self):
        name = self.prefix + 'cirros'
        release = self.active(name, '0.6.2')
        self.active(name, '0.6.1')
        candidate = self.active(name, '0.6.3-rc.1')
        draft = self.glare.create('images', name=name, version='0.7.0')
        self.assertEqual(release['id'],
                         self.glare.get_by_name('images', name)['id'])
        self.assertEqual(candidate['id'], self.glare.get_by_name(
            'images', name, include_prereleases=True)['id'])
        self.assertEqual(draft['id'], self.glare.get_by_name(
            'images', name, include_drafts=True)['id'])
        self.assertEqual(draft['id'], self.glare.get_by_name(
            'images', name, statuses=['drafted'])['id'])
        # A pinned version whatever its status.
        self.assertEqual(candidate['id'], self.glare.get_by_name(
            'images', name, '0.6.3-rc.1')['id'])
        # REST version=latest keeps Glare's meaning: the highest of all.
        self.assertEqual([draft['id']], [art['id'] for art in self.glare.list(
            'images', filters={'name': name, 'version': 'latest'})])

        only_drafts = self.prefix + 'unreleased'
        self.glare.create('images', name=only_drafts, version='1.0-rc.1')
        error = self.assertRaises(exceptions.NameNotFound,
                                  self.glare.get_by_name, 'images',
                                  only_drafts)
        self.assertIn('not found among active releases', str(error))
        self.assertIn('1.0.0-rc.1 (drafted, pre-release)', str(error))

    def test_images_of_one_version_in_several_formats(self):
        name = self.prefix + 'formats'
        raw = self.active(name, '1.0')
        self.active(name, '1.0', disk_format='iso')
        error = self.assertRaises(exceptions.AmbiguousName,
                                  self.glare.get_by_name, 'images', name)
        self.assertIn('disk_format iso', str(error))
        self.assertIn('disk_format raw', str(error))
        self.assertEqual(raw['id'], self.glare.get_by_name(
            'images', name, filters={'disk_format': 'raw'})['id'])

    def test_versions_stored_in_another_form_are_noticed(self):
        notices = []
        glare = client.Client.with_token(self.url, ADMIN,
                                         on_notice=notices.append)
        art = glare.create('images', name=self.prefix + 'ubuntu',
                           version='22.04.3')
        self.assertEqual('22.4.3', art['version'])
        glare.update('images', art['id'], {'version': '24.04'})
        glare.update('images', art['id'], {'version': '24.4.1'})
        self.assertEqual(['version 22.04.3 was stored as 22.4.3 (SemVer)',
                          'version 24.04 was stored as 24.4.0 (SemVer)'],
                         notices)

    def test_create_with_data(self):
        data = os.urandom(MiB + 5)
        art = self.glare.create_with_data(
            'images', {'name': self.prefix + 'one-step',
                       'disk_format': 'qcow2', 'container_format': 'bare'},
            io.BytesIO(data), activate=True)
        self.assertEqual(('active', hashlib.sha256(data).hexdigest()),
                         (art['status'], art['image']['sha256']))
        # The upload fails (not a Heat template): nothing is left.
        name = self.prefix + 'not-a-template'
        error = self.assertRaises(
            exceptions.IncompleteArtifact, self.glare.create_with_data,
            'heat_templates', {'name': name}, b'\x00 not yaml {',
            activate=True)
        self.assertEqual(('upload', True), (error.stage, error.deleted))
        self.assertIsInstance(error.cause, exceptions.BadRequest)
        self.assertEqual([], list(self.glare.list(
            'heat_templates', filters={'name': name})))

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
        # The SDK speaks 1.2: an image is activated with its data.
        error = self.assertRaises(exceptions.Forbidden, self.glare.activate,
                                  'images', art['id'])
        self.assertIn('image', error.message)
        self.glare.upload('images', art['id'], 'image', b'disk')
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


class TestSDKFaults(server.ServerTestCase):
    """The SDK through a proxy that breaks connections and answers 503."""

    def setUp(self):
        super().setUp()
        self.proxy = self.useFixture(faulty_proxy.FaultyProxy(self.url))
        self.slept = []
        self.glare = client.Client.with_token(
            self.proxy.url, ADMIN,
            retries=retries.Retries(attempts=3, sleep=self.slept.append))
        self.prefix = 'sdk-%s-' % uuid.uuid4().hex[:8]

    def test_a_cut_download_goes_on_from_where_it_broke(self):
        data = os.urandom(20 * MiB)
        art = self.glare.create('images', name=self.prefix + 'big')
        self.glare.upload('images', art['id'], 'image', data)
        since = self.server.log_length()
        self.proxy.cut('/image HTTP/1.1', after=5 * MiB)
        path = self.useFixture(fixtures.TempDir()).join('big.img')
        digests = self.glare.download('images', art['id'], 'image', path)
        self.assertEqual([('/image HTTP/1.1', 'cut')], self.proxy.applied)
        with open(path, 'rb') as saved:
            self.assertEqual(data, saved.read())
        self.assertEqual(hashlib.sha256(data).hexdigest(), digests['sha256'])
        # The second request asked for the rest only.
        self.assertTrue(self.server.logged('/image HTTP/1.1" 206',
                                           since=since),
                        self.server.log_text()[-2000:])
        self.assertEqual(1, len(self.slept))

    def test_gateway_errors_are_retried_for_reads_only(self):
        name = self.prefix + 'busy'
        self.glare.create('images', name=name)
        self.proxy.answer('GET /artifacts/images?', 503)
        self.assertEqual([name], [art['name'] for art in self.glare.list(
            'images', filters={'name': name})])
        self.assertEqual(1, len(self.slept))
        # A create is not repeated: the server might have made it.
        self.proxy.answer('POST /artifacts/images', 503)
        error = self.assertRaises(exceptions.ServerError, self.glare.create,
                                  'images', name=self.prefix + 'once')
        self.assertEqual(503, error.status_code)
        self.assertEqual(1, len(self.slept))
        self.assertEqual([], list(self.glare.list(
            'images', filters={'name': self.prefix + 'once'})))


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
        self.assertEqual(NEGOTIATED, member.api_version)
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
        self.assertEqual(art['id'], member.get_by_name(
            'images', name, include_drafts=True)['id'])

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
