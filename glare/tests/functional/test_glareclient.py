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

"""python-glareclient 0.5.3's ``glare`` CLI against a real glare-api.

The client is installed the way a user installs it, from PyPI into a
virtualenv of its own (never glare's), once: the virtualenv is cached
under ``$XDG_CACHE_HOME/glare-tests`` (or ``GLARE_TEST_GLARECLIENT_VENV``)
and reused by later runs. Each test runs ``glare`` commands as a user
types them and checks what the user sees (the JSON the CLI prints, its
exit code, its error message) and what the server then holds.

Known bugs of the client on Python 3, whatever the server does, are
avoided: ``list --limit N`` below the number of artifacts (StopIteration
inside a generator), ``download`` and uploads from stdin.
"""

import ast
import hashlib
import json
import os
import subprocess
import uuid

import fixtures
import requests
from testtools import content

from glare.tests.functional import server
from glare.tests import murano_samples
from glare.tests import ovf_samples
from glare.tests import venvs

CLIENT_VERSION = '0.5.3'
ADMIN = 'admin:admin:admin'
MEMBER = 'user1:project1:member'
OTHER = 'user2:project2:member'
COMMAND_TIMEOUT = 120
# The client's configuration comes from these too; a user's own must not
# leak into the tests.
_CLIENT_ENV_PREFIXES = ('OS_', 'KEYCLOAK_', 'OPENID_', 'GLARECLIENT_')
_CLIENT_ENV_NAMES = ('AUTH_TOKEN',)


def client_env():
    """The environment to run the client in: none of the user's config."""
    return {k: v for k, v in os.environ.items()
            if not k.startswith(_CLIENT_ENV_PREFIXES)
            and k not in _CLIENT_ENV_NAMES}


def glareclient_venv(version=CLIENT_VERSION):
    """python-glareclient from PyPI, in a kept virtualenv of its own."""
    return venvs.CachedVenv(
        'glareclient-venv-%s' % version,
        ['python-glareclient==%s' % version],
        env_var='GLARE_TEST_GLARECLIENT_VENV')


class TestGlareClient(server.ServerTestCase):
    """The user's walk through the CLI, one story per test."""

    @classmethod
    def setUpClass(cls):
        cls.client = glareclient_venv()
        cls.client.setUp()
        super().setUpClass()

    @classmethod
    def tearDownClass(cls):
        super().tearDownClass()
        cls.client.cleanUp()

    def setUp(self):
        super().setUp()
        self.env = client_env()
        # Names of this test's artifacts: tests share the server.
        self.prefix = 'cli-%s-' % uuid.uuid4().hex[:8]

    # -- running the CLI ------------------------------------------------------

    def glare(self, *args, token=ADMIN):
        """Run ``glare <args>``; the result keeps rc, stdout, stderr."""
        command = [self.client.bin('glare'), '--os-glare-url', self.url,
                   '--auth-token', token] + list(args)
        result = subprocess.run(command, stdin=subprocess.DEVNULL,
                                capture_output=True, text=True,
                                env=self.env, timeout=COMMAND_TIMEOUT)
        self.addDetail('glare %s' % ' '.join(args), content.text_content(
            'exit code %s\nstdout:\n%s\nstderr:\n%s' % (
                result.returncode, result.stdout, result.stderr)))
        return result

    def glare_json(self, *args, token=ADMIN):
        """Run a command with ``-f json``; it must succeed."""
        result = self.glare(*(args + ('-f', 'json')), token=token)
        self.assertEqual(0, result.returncode, result.stderr)
        return json.loads(result.stdout)

    def glare_artifact(self, *args, token=ADMIN):
        """An artifact as a command prints it: ``{field: value}``."""
        rows = self.glare_json(*args, token=token)
        return {row['Field']: row['Value'] for row in rows}

    def glare_fails(self, *args, token=ADMIN):
        result = self.glare(*args, token=token)
        self.assertEqual(1, result.returncode, result.stdout)
        return result.stderr

    # -- the server's own view ------------------------------------------------

    def api(self, method, path, token=ADMIN, **kwargs):
        return requests.request(method, self.url + path,
                                headers={'X-Auth-Token': token},
                                timeout=30, **kwargs)

    def stored(self, artifact_id, token=ADMIN):
        resp = self.api('GET', '/artifacts/images/%s' % artifact_id,
                        token=token)
        self.assertEqual(200, resp.status_code, resp.text)
        return resp.json()

    def create_by_api(self, token=ADMIN, **values):
        resp = self.api('POST', '/artifacts/images', token=token,
                        json=values)
        self.assertEqual(201, resp.status_code, resp.text)
        return resp.json()

    def access_log_lines(self, *fragments, count=1):
        return self.server.logged(*fragments, count=count)

    # -- stories --------------------------------------------------------------

    def test_type_list_and_schema(self):
        types = self.glare_json('type-list')
        served = self.api('GET', '/schemas').json()['schemas']
        self.assertEqual(
            sorted((name, schema['version'])
                   for name, schema in served.items()),
            sorted((row['Name'], row['Version']) for row in types))
        self.assertIn('images', [row['Name'] for row in types])

        rows = {row['Name']: row for row in
                self.glare_json('schema', 'images')}
        properties = served['images']['properties']
        self.assertEqual(sorted(properties), sorted(rows))
        disk_format = rows['disk_format']
        self.assertEqual('String', disk_format['Glare_type'])
        self.assertIn('qcow2', disk_format['Available_values'])
        self.assertTrue(disk_format['Required'])
        self.assertTrue(rows['tags']['Mutable'])
        self.assertEqual('Integer', rows['min_ram']['Glare_type'])
        self.assertEqual('Blob', rows['image']['Glare_type'])
        self.assertIn('like', rows['name']['Filters'])

    def test_create_show_and_update(self):
        name = self.prefix + 'cirros'
        art = self.glare_artifact(
            'create', 'images', name, '--artifact-version', '1.0',
            '--property', 'container_format=bare',
            '--property', 'min_ram=64',
            '--property', 'description=tiny image',
            '--list', 'tags=tiny,test',
            '--dict', 'metadata=os:linux,arch:x86_64')
        self.assertEqual(
            (name, '1.0.0', 'drafted', 'private', 'bare', 64,
             'tiny image', ['test', 'tiny'],
             {'os': 'linux', 'arch': 'x86_64'}),
            (art['name'], art['version'], art['status'], art['visibility'],
             art['container_format'], art['min_ram'], art['description'],
             sorted(art['tags']), art['metadata']))
        # The CLI prints blobs with pprint: no blob yet is "None".
        self.assertEqual('None', art.pop('image'))
        stored = self.stored(art['id'])
        self.assertEqual(art, {k: stored[k] for k in art})
        art['image'] = 'None'

        newer = self.glare_artifact('create', 'images', name, '-V', '2.0')
        self.assertEqual(newer['id'], self.glare_artifact(
            'show', 'images', name)['id'], 'by name: the latest version')
        self.assertEqual(art, self.glare_artifact(
            'show', 'images', name, '--artifact-version', '1.0'))
        self.assertEqual(art, self.glare_artifact(
            'show', 'images', art['id'], '--id'))

        updated = self.glare_artifact(
            'update', 'images', name, '-V', '1.0',
            '--property', 'os_distro=cirros', '--property', 'min_disk=1',
            '--dict', 'metadata=os:linux,arch:aarch64,size:small')
        self.assertEqual(('cirros', 1, {'os': 'linux', 'arch': 'aarch64',
                                        'size': 'small'}),
                         (updated['os_distro'], updated['min_disk'],
                          updated['metadata']))
        removed = self.glare_artifact(
            'update', 'images', art['id'], '--id',
            '--remove-property', 'os_distro',
            '--remove-property', 'metadata/size')
        self.assertIsNone(removed['os_distro'])
        self.assertEqual({'os': 'linux', 'arch': 'aarch64'},
                         removed['metadata'])
        stored = self.stored(art['id'])
        self.assertEqual((None, 1, {'os': 'linux', 'arch': 'aarch64'}),
                         (stored['os_distro'], stored['min_disk'],
                          stored['metadata']))

        stderr = self.glare_fails('update', 'images', art['id'], '--id',
                                  '--property', 'min_ram=lots')
        self.assertIn('HTTP 400', stderr)
        self.assertEqual(64, self.stored(art['id'])['min_ram'])

    def test_add_and_remove_tags(self):
        name = self.prefix + 'tagged'
        art = self.create_by_api(name=name, tags=['a'])
        tagged = self.glare_artifact('add-tag', 'images', name, 'b')
        self.assertEqual(['a', 'b'], sorted(tagged['tags']))
        again = self.glare_artifact('add-tag', 'images', name, 'b')
        self.assertEqual(['a', 'b'], sorted(again['tags']))
        untagged = self.glare_artifact('remove-tag', 'images', art['id'],
                                       'a', '--id')
        self.assertEqual(['b'], untagged['tags'])
        self.assertEqual(['b'], self.stored(art['id'])['tags'])

    def test_list_filters_sorts_and_pages(self):
        name = self.prefix + 'paged'
        ids = {}
        for version in ('1.0', '2.0', '10.0', '2.1', '3.0-beta'):
            ids[version] = self.create_by_api(
                name=name, version=version,
                tags=['even'] if version in ('2.0', '10.0') else [])['id']
        self.create_by_api(name=self.prefix + 'other')

        rows = self.glare_json('list', 'images', '--filter',
                               'name=' + name, '--sort', 'version:asc',
                               '--page-size', '2')
        self.assertEqual(
            [ids[v] for v in ('1.0', '2.0', '2.1', '3.0-beta', '10.0')],
            [row['Id'] for row in rows])
        self.assertEqual(
            ['1.0.0', '2.0.0', '2.1.0', '3.0.0-beta', '10.0.0'],
            [row['Version'] for row in rows])
        self.assertEqual({'Id', 'Name', 'Version', 'Owner', 'Visibility',
                          'Status'}, set(rows[0]))
        # Three pages of two, each fetched from the "next" link.
        pages = self.access_log_lines('GET /artifacts/images?', name,
                                      count=3)
        self.assertEqual(3, len(pages), '\n'.join(pages))
        self.assertEqual(2, len([p for p in pages if 'marker=' in p]))

        rows = self.glare_json('list', 'images', '--filter',
                               'name=' + name, '--filter',
                               'version=gte:2.1', '--sort', 'version:desc')
        self.assertEqual(['10.0.0', '3.0.0-beta', '2.1.0'],
                         [row['Version'] for row in rows])

        rows = self.glare_json('list', 'images', '--filter',
                               'name=like:' + self.prefix + '%',
                               '--filter', 'tags=even', '--limit', '50',
                               '--page-size', '1')
        self.assertEqual(sorted([ids['2.0'], ids['10.0']]),
                         sorted(row['Id'] for row in rows))

        rows = self.glare_json('list', 'all', '--filter', 'name=' + name,
                               '--filter', 'version=latest')
        self.assertEqual([(ids['10.0'], 'images')],
                         [(row['Id'], row['Type name']) for row in rows])

        stderr = self.glare_fails('list', 'images', '--filter',
                                  'colour=blue')
        self.assertIn('HTTP 400', stderr)
        stderr = self.glare_fails('list', 'images', '--sort', 'colour')
        self.assertIn('HTTP 400', stderr)

    def test_lifecycle(self):
        name = self.prefix + 'ubuntu'
        self.glare_json('create', 'images', name, '-V', '22.4')
        stderr = self.glare_fails('activate', 'images', name)
        self.assertIn('HTTP 403', stderr)

        art = self.glare_artifact(
            'update', 'images', name, '--property', 'container_format=bare',
            '--property', 'disk_format=qcow2')
        active = self.glare_artifact('activate', 'images', name)
        self.assertEqual('active', active['status'])
        self.assertIsNotNone(active['activated_at'])
        stderr = self.glare_fails('update', 'images', name, '--property',
                                  'disk_format=raw')
        self.assertIn('HTTP 403', stderr)
        changed = self.glare_artifact('update', 'images', name,
                                      '--property', 'description=LTS')
        self.assertEqual('LTS', changed['description'])

        self.assertEqual('deactivated', self.glare_artifact(
            'deactivate', 'images', name)['status'])
        self.assertEqual('active', self.glare_artifact(
            'reactivate', 'images', name)['status'])
        public = self.glare_artifact('publish', 'images', name)
        self.assertEqual(('active', 'public'),
                         (public['status'], public['visibility']))
        # Everyone sees a public artifact, by name too.
        self.assertEqual('public', self.stored(art['id'],
                                               token=OTHER)['visibility'])
        self.assertEqual(art['id'], self.glare_artifact(
            'show', 'images', name, token=OTHER)['id'])

        result = self.glare('delete', 'images', name)
        self.assertEqual((0, ''), (result.returncode, result.stdout))
        self.assertEqual(404, self.api(
            'GET', '/artifacts/images/%s' % art['id']).status_code)
        stderr = self.glare_fails('show', 'images', name)
        self.assertIn('Artifact with name=%s and version=latest not found'
                      % name, stderr)

    def test_member_and_other_project(self):
        name = self.prefix + 'private'
        art = self.glare_artifact(
            'create', 'images', name, '--property', 'container_format=bare',
            '--property', 'disk_format=raw', token=MEMBER)
        self.assertEqual('project1', art['owner'])
        self.assertEqual('active', self.glare_artifact(
            'activate', 'images', name, token=MEMBER)['status'])
        stderr = self.glare_fails('publish', 'images', name, token=MEMBER)
        self.assertIn('HTTP 403', stderr)
        self.assertEqual('private', self.stored(art['id'])['visibility'])

        stderr = self.glare_fails('show', 'images', name, token=OTHER)
        self.assertIn('not found', stderr)
        stderr = self.glare_fails('show', 'images', art['id'], '--id',
                                  token=OTHER)
        self.assertIn('HTTP 404', stderr)
        self.assertEqual([], self.glare_json(
            'list', 'images', '--filter', 'name=' + name, token=OTHER))
        self.assertEqual([art['id']], [row['Id'] for row in self.glare_json(
            'list', 'images', '--filter', 'name=' + name, token=MEMBER)])

    def test_bad_token_is_refused(self):
        stderr = self.glare_fails('list', 'images', token='not-a-token')
        self.assertIn('Authentication failed', stderr)

    def test_blob_upload_show_and_curl_download(self):
        name = self.prefix + 'disk'
        art = self.create_by_api(name=name)
        data = os.urandom(2 * 1024 * 1024 + 11)
        path = os.path.join(self.useFixture(fixtures.TempDir()).path,
                            'disk.img')
        with open(path, 'wb') as stream:
            stream.write(data)
        blob = self.glare_json('upload', 'images', name, '--file', path,
                               '--content-type', 'application/x-qemu-disk')
        expected = {'size': len(data), 'status': 'active',
                    'external': False,
                    'md5': hashlib.md5(data).hexdigest(),
                    'sha256': hashlib.sha256(data).hexdigest(),
                    'content_type': 'application/x-qemu-disk'}
        self.assertEqual(expected, {k: blob[k] for k in expected})
        # show prints the blob with pprint.
        shown = ast.literal_eval(self.glare_artifact(
            'show', 'images', name)['image'])
        self.assertEqual(dict(expected, url='/artifacts/images/%s/image' %
                              art['id'], sha1=hashlib.sha1(data).hexdigest()),
                         shown)
        # The client's own download is broken on Python 3; curl is not.
        target = path + '.back'
        result = subprocess.run(
            ['curl', '-sS', '-f', '-o', target, '-H',
             'X-Auth-Token: ' + ADMIN,
             '%s/artifacts/images/%s/image' % (self.url, art['id'])],
            capture_output=True, timeout=COMMAND_TIMEOUT)
        self.assertEqual(0, result.returncode, result.stderr)
        with open(target, 'rb') as stream:
            self.assertEqual(data, stream.read())

    def test_every_type_create_upload_activate(self):
        files = self.useFixture(fixtures.TempDir()).path

        def upload(type_name, name, field, data):
            path = os.path.join(files, uuid.uuid4().hex)
            with open(path, 'wb') as stream:
                stream.write(data)
            blob = self.glare_json('upload', type_name, name, '--file',
                                   path, '--blob-property', field)
            self.assertEqual((len(data), 'active'),
                             (blob['size'], blob['status']))

        name = self.prefix + 'typed'
        uploads = {
            'heat_templates': [('template', b'heat_template_version: '
                                            b'2018-08-31\n')],
            'heat_environments': [('environment', b'parameters: {}\n')],
            'tosca_templates': [('template', b'tosca_definitions_version: '
                                             b'tosca_simple_yaml_1_3\n')],
            'murano_packages': [('package', murano_samples.package())],
            'secrets': [('payload', b'c2VjcmV0')],
            'ovf_packages': [('descriptor', ovf_samples.descriptor())] + [
                ('disks/' + disk, data)
                for disk, data in ovf_samples.DISKS.items()],
        }
        # What each type needs set before activation, besides its blobs.
        properties = {'tosca_templates': ['template_format=yaml'],
                      'murano_packages': ['display_name=App']}
        for type_name, blobs in uploads.items():
            args = []
            for prop in properties.get(type_name, []):
                args += ['--property', prop]
            art = self.glare_artifact('create', type_name, name, *args)
            self.assertEqual('drafted', art['status'])
            for field, data in blobs:
                upload(type_name, name, field, data)
            active = self.glare_artifact('activate', type_name, name)
            self.assertEqual('active', active['status'], type_name)
        # A template the type's upload hook refuses is the client's error.
        self.glare_json('create', 'heat_templates', name + '-bad')
        path = os.path.join(files, 'bad.yaml')
        with open(path, 'wb') as stream:
            stream.write(b'resources: {}\n')
        stderr = self.glare_fails('upload', 'heat_templates', name + '-bad',
                                  '--file', path, '--blob-property',
                                  'template')
        self.assertIn('HTTP 400', stderr)

    def test_external_location(self):
        name = self.prefix + 'remote'
        art = self.create_by_api(name=name)
        url = 'https://images.example.com/%s.qcow2' % name
        md5 = hashlib.md5(name.encode()).hexdigest()
        blob = self.glare_json('location', 'images', name, '--url', url,
                               '--md5', md5)
        self.assertEqual((url, True, md5, 'active'),
                         (blob['url'], blob['external'], blob['md5'],
                          blob['status']))
        self.assertEqual(blob['url'], self.stored(art['id'])['image']['url'])
        redirect = self.api('GET', '/artifacts/images/%s/image' % art['id'],
                            allow_redirects=False)
        self.assertEqual((301, url), (redirect.status_code,
                                      redirect.headers['Location']))
        stderr = self.glare_fails('location', 'images', name, '--url',
                                  url + '2', '--md5', md5)
        self.assertIn('HTTP 409', stderr)
        # Without --md5 the client sends "md5": null, which Glare took.
        no_md5 = self.create_by_api(name=name + '-nomd5')
        blob = self.glare_json('location', 'images', no_md5['name'],
                               '--url', url)
        self.assertEqual((url, None), (blob['url'], blob['md5']))
        # Glare's "invalid location" for a URL that is not http(s).
        local = self.create_by_api(name=name + '-local')
        stderr = self.glare_fails('location', 'images', local['name'],
                                  '--url', 'file:///etc/passwd', '--md5',
                                  md5)
        self.assertIn('HTTP 400', stderr)
        self.assertIsNone(self.stored(local['id'])['image'])

        # The client sends no microversion; removing an external location
        # works under 1.0 for it. The client then exits 1 on its own
        # Python 3 bug, whatever the server says: the server state is
        # what counts.
        self.glare('remove-location', 'images', name)
        self.assertIsNone(self.stored(art['id'])['image'])

    def test_locations_of_a_heat_template(self):
        name = self.prefix + 'stack'
        art = self.glare_artifact('create', 'heat_templates', name)
        md5 = hashlib.md5(name.encode()).hexdigest()
        for blob_property, url in (
                ('template', 'https://templates.example.com/stack.yaml'),
                ('nested_templates/net.yaml',
                 'https://templates.example.com/net.yaml')):
            blob = self.glare_json('location', 'heat_templates', name,
                                   '--url', url, '--md5', md5,
                                   '--blob-property', blob_property)
            self.assertEqual((url, True), (blob['url'], blob['external']))
        self.assertEqual('active', self.glare_artifact(
            'activate', 'heat_templates', name)['status'])
        stored = self.api('GET', '/artifacts/heat_templates/%s' %
                          art['id']).json()
        self.assertEqual(
            ['https://templates.example.com/net.yaml'],
            [b['url'] for b in stored['nested_templates'].values()])
        redirect = self.api(
            'GET', '/artifacts/heat_templates/%s/template' % art['id'],
            allow_redirects=False)
        self.assertEqual((301, 'https://templates.example.com/stack.yaml',
                          md5),
                         (redirect.status_code, redirect.headers['Location'],
                          redirect.headers['Content-MD5']))
