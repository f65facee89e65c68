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

"""``openstack artifact …`` (glare's own plugin) against a real glare-api.

python-openstackclient comes from PyPI and glare's client from
``client/``, both installed into one virtualenv that is never glare's nor
python-glareclient's (both clients register the ``artifact`` command
group). The virtualenv is cached under ``$XDG_CACHE_HOME/glare-tests``
(or ``GLARE_TEST_OSC_VENV``), named after a hash of the client's files,
so a change to the client builds a fresh one.

The scenarios are written once (``OpenStackClientScenarios``) against
``auth_args(persona)``; ``TestOpenStackClientDevAuth`` runs them with
glare's trusted development tokens and ``--os-endpoint``,
``TestOpenStackClientKeystone`` with passwords of a real Keystone and no
endpoint: the plugin finds glare in the catalog (service type
``artifact``). The personas: ``admin`` (a cloud admin), ``member`` and
``other`` (members of two other projects).
"""

import fcntl
import hashlib
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
import uuid

import fixtures
from testtools import content

from glare.tests.functional import faulty_proxy
from glare.tests.functional import server
from glare.tests.functional import test_keystone
from glare.tests.functional import web_source
from glare.tests import keystone as ks
from glare_client import client as sdk

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.dirname(
    os.path.abspath(__file__)))))
CLIENT_DIR = os.path.join(ROOT, 'client')
INSTALL_TIMEOUT = 900
COMMAND_TIMEOUT = 120
# Unused cached virtualenvs of older client versions go after this long.
STALE_AFTER = 3 * 24 * 3600
TOKENS = {'admin': 'admin:admin:admin',
          'member': 'user1:project1:member',
          'other': 'user2:project2:member'}
# The same personas among the users of the keystone seed: user, project,
# password.
KEYSTONE_USERS = {'admin': ('admin', 'admin', ks.ADMIN_PASSWORD),
                  'member': ('demo_member', 'demo', ks.PASSWORD),
                  'other': ('alt_member', 'alt', ks.PASSWORD)}
CLIENT_ENV_PREFIXES = ('OS_', 'GLARECLIENT_')
MiB = 1024 * 1024
QCOW2_MAGIC = b'QFI\xfb'
# Bytes no text decoding survives: NUL, CR LF, invalid UTF-8.
BINARY = b'\x00\x01\r\n\xff\xfe\x80' + bytes(range(256)) * 40 + b'\r\n'


def client_hash():
    """A hash of every file the client distribution is built from."""
    digest = hashlib.sha256()
    for directory, subdirs, files in os.walk(CLIENT_DIR):
        subdirs[:] = sorted(d for d in subdirs if d != '__pycache__'
                            and not d.endswith('.egg-info')
                            and d != 'build')
        for name in sorted(files):
            if name.endswith(('.pyc', '.pyo')):
                continue
            path = os.path.join(directory, name)
            digest.update(os.path.relpath(path, CLIENT_DIR).encode())
            with open(path, 'rb') as stream:
                digest.update(stream.read())
    return digest.hexdigest()[:12]


class OpenStackClientVenv(fixtures.Fixture):
    """python-openstackclient + glare's client, built once per version."""

    def __init__(self, path=None):
        super().__init__()
        cache = os.environ.get('XDG_CACHE_HOME') or os.path.join(
            os.path.expanduser('~'), '.cache')
        self.cache_dir = os.path.join(cache, 'glare-tests')
        self.path = path or os.environ.get('GLARE_TEST_OSC_VENV') or \
            os.path.join(self.cache_dir, 'osc-venv-%s-py%d.%d' % (
                (client_hash(),) + sys.version_info[:2]))
        self.built_now = False

    def _setUp(self):
        os.makedirs(os.path.dirname(self.path), exist_ok=True)
        marker = os.path.join(self.path, 'glare-tests-installed')
        with open(self.path + '.lock', 'w') as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)
            try:
                if not os.path.exists(marker):
                    self._build()
                    self.built_now = True
                    with open(marker, 'w') as stream:
                        stream.write('python-openstackclient + %s\n' %
                                     CLIENT_DIR)
                os.utime(marker)
            finally:
                fcntl.flock(lock, fcntl.LOCK_UN)
        if self.built_now:
            self._remove_stale()
        self.openstack = os.path.join(self.path, 'bin', 'openstack')

    def _build(self):
        shutil.rmtree(self.path, ignore_errors=True)
        self._call([sys.executable, '-m', 'venv', self.path])
        # A copy, not an editable install: the virtualenv is named after
        # the files it was built from. Built from a clean copy, so that
        # a stale build/ of an earlier version adds nothing.
        with tempfile.TemporaryDirectory() as scratch:
            source = os.path.join(scratch, 'client')
            shutil.copytree(CLIENT_DIR, source, ignore=shutil.ignore_patterns(
                'build', '*.egg-info', '__pycache__'))
            self._call([os.path.join(self.path, 'bin', 'python'), '-m',
                        'pip', 'install', '--quiet',
                        '--disable-pip-version-check',
                        'python-openstackclient', source])

    def _remove_stale(self):
        prefix = os.path.join(self.cache_dir, 'osc-venv-')
        for name in os.listdir(self.cache_dir):
            path = os.path.join(self.cache_dir, name)
            if not path.startswith(prefix) or path == self.path or \
                    path.endswith('.lock'):
                continue
            marker = os.path.join(path, 'glare-tests-installed')
            try:
                age = time.time() - os.path.getmtime(marker)
            except OSError:
                continue
            if age > STALE_AFTER:
                shutil.rmtree(path, ignore_errors=True)

    @staticmethod
    def _call(command):
        result = subprocess.run(command, stdin=subprocess.DEVNULL,
                                capture_output=True, text=True,
                                timeout=INSTALL_TIMEOUT)
        if result.returncode:
            raise RuntimeError('%s failed (%s):\n%s%s' % (
                ' '.join(command), result.returncode, result.stdout,
                result.stderr))


def _read(path):
    with open(path, 'rb') as stream:
        return stream.read()


class UsesOpenStackClient:
    """Mixed into a test class: the client's virtualenv as ``venv``."""

    @classmethod
    def setUpClass(cls):
        cls.venv = OpenStackClientVenv()
        cls.venv.setUp()
        super().setUpClass()

    @classmethod
    def tearDownClass(cls):
        super().tearDownClass()
        cls.venv.cleanUp()

    @staticmethod
    def client_env(home):
        """The CLI's environment: no clouds.yaml or cache of the user's."""
        env = {k: v for k, v in os.environ.items()
               if not k.startswith(CLIENT_ENV_PREFIXES)}
        env['HOME'] = home
        env.pop('XDG_CONFIG_HOME', None)
        return env


class OpenStackClientScenarios(UsesOpenStackClient):
    """A user's walk through ``openstack artifact``.

    A test class mixes it into a ``ServerTestCase`` (``self.url``,
    ``self.server``) and supplies ``auth_args`` and ``sdk_client``.
    """

    def auth_args(self, persona):
        raise NotImplementedError()

    def sdk_client(self, persona='admin'):
        raise NotImplementedError()

    def project_id(self, persona):
        """The id of the persona's project."""
        raise NotImplementedError()

    def setUp(self):
        super().setUp()
        self.home = self.useFixture(fixtures.TempDir()).path
        self.env = self.client_env(self.home)
        self.prefix = 'osc-%s-' % uuid.uuid4().hex[:8]
        self.glare = self.sdk_client()

    # -- running the CLI ------------------------------------------------------

    def openstack(self, *args, persona='admin', stdin=None, check=None):
        """Run ``openstack artifact <args>``; the CompletedProcess (bytes)."""
        command = [self.venv.openstack] + self.auth_args(persona) + [
            'artifact'] + list(args)
        result = subprocess.run(
            command, input=stdin,
            stdin=subprocess.DEVNULL if stdin is None else None,
            capture_output=True, env=self.env, cwd=self.home,
            timeout=COMMAND_TIMEOUT)
        self.addDetail('openstack artifact %s' % ' '.join(args)[:80],
                       content.text_content(
                           'exit code %s\nstdout:\n%r\nstderr:\n%s' % (
                               result.returncode, result.stdout[:2000],
                               result.stderr.decode(errors='replace'))))
        if check is not None:
            self.assertEqual(check, result.returncode,
                             result.stderr.decode(errors='replace'))
        return result

    def json(self, *args, persona='admin'):
        result = self.openstack(*(args + ('-f', 'json')), persona=persona,
                                check=0)
        return json.loads(result.stdout)

    def fails(self, *args, persona='admin', stdin=None):
        """stderr of a command that must fail cleanly."""
        result = self.openstack(*args, persona=persona, stdin=stdin)
        stderr = result.stderr.decode(errors='replace')
        self.assertEqual(1, result.returncode, stderr)
        self.assertNotIn('Traceback', stderr)
        return stderr

    def create(self, name, persona='admin', **values):
        return self.sdk_client(persona).create('images', name=name, **values)

    # -- stories --------------------------------------------------------------

    def test_help_explains_every_option(self):
        out = self.openstack('upload', '--help', check=0).stdout.decode()
        for option in ('--file', '--blob-property', '--content-type',
                       '--progress', '--artifact-version', '--id'):
            self.assertIn(option, out)
        self.assertIn('standard input', out)

    def test_type_list_and_schema(self):
        served = self.glare.schemas()
        rows = self.json('type-list')
        self.assertEqual(sorted((n, s['version']) for n, s in served.items()),
                         sorted((r['Name'], r['Version']) for r in rows))
        rows = {row['Name']: row for row in self.json('schema', 'image')}
        self.assertEqual(sorted(served['images']['properties']), sorted(rows))
        self.assertEqual('Blob', rows['image']['Glare type'])
        self.assertIn('qcow2', rows['disk_format']['Available values'])
        self.assertTrue(rows['tags']['Mutable'])
        self.assertIn('like', rows['name']['Filters'])

    def test_create_show_update_delete(self):
        name = self.prefix + 'cirros'
        art = self.json('create', 'images', name, '--artifact-version', '1.0',
                        '--property', 'min_ram=64',
                        '--property', 'description=tiny',
                        '--property', 'metadata/os=linux',
                        '--list', 'tags=tiny,test',
                        '--dict', 'metadata=os:linux,arch:x86_64')
        self.assertEqual(
            (name, '1.0.0', 'drafted', 64, 'tiny', ['test', 'tiny'],
             {'os': 'linux', 'arch': 'x86_64'}, None),
            (art['name'], art['version'], art['status'], art['min_ram'],
             art['description'], sorted(art['tags']), art['metadata'],
             art['image']))
        self.assertEqual(art, self.glare.get('images', art['id']))
        newer = self.json('create', 'image', name, '-V', '2.0')
        self.assertEqual(newer['id'], self.json('show', 'images', name,
                                                '--include-drafts')['id'])
        self.assertEqual(art['id'], self.json(
            'show', 'images', name, '--artifact-version', '1.0')['id'])
        self.assertEqual(art['id'], self.json('show', 'images', art['id'],
                                              '--id')['id'])
        value = self.openstack('show', 'images', name, '-V', '1', '-f',
                               'value', '-c', 'min_ram', check=0)
        self.assertEqual(b'64\n', value.stdout)

        updated = self.json('update', 'images', name, '-V', '1.0',
                            '--property', 'os_distro=cirros',
                            '--property', 'metadata/size=small',
                            '--remove-property', 'metadata/arch',
                            '--remove-property', 'description')
        self.assertEqual(('cirros', {'os': 'linux', 'size': 'small'}, None),
                         (updated['os_distro'], updated['metadata'],
                          updated['description']))
        stored = self.glare.get('images', art['id'])
        self.assertEqual(updated['metadata'], stored['metadata'])

        # The server's own message, no traceback; nothing changed.
        stderr = self.fails('update', 'images', art['id'], '--id',
                            '--property', 'disk_format=floppy')
        self.assertIn('HTTP 400', stderr)
        self.assertIn('disk_format', stderr)
        self.assertIsNone(self.glare.get('images', art['id'])['disk_format'])
        stderr = self.fails('create', 'images', name, '-V', '1.0')
        self.assertIn('HTTP 409', stderr)

        result = self.openstack('delete', 'images', name, '-V', '1.0',
                                check=0)
        self.assertEqual(b'', result.stdout)
        stderr = self.fails('show', 'images', art['id'], '--id')
        self.assertIn('HTTP 404', stderr)
        self.assertIn(art['id'], stderr)
        stderr = self.fails('show', 'images', name, '-V', '1.0')
        self.assertIn('name=%s and version=1.0 not found' % name, stderr)

    def test_lifecycle_and_tags(self):
        name = self.prefix + 'ubuntu'
        art = self.create(name, version='22.4', tags=['a'])
        stderr = self.fails('activate', 'images', name)
        self.assertIn('HTTP 403', stderr)
        self.glare.update('images', art['id'], {
            'container_format': 'bare', 'disk_format': 'qcow2'})
        # From microversion 1.2 an image is activated with its data.
        stderr = self.fails('activate', 'images', name)
        self.assertIn('image must be set', stderr)
        self.glare.upload('images', art['id'], 'image', b'disk')
        self.assertEqual('active', self.json('activate', 'images',
                                             name)['status'])
        # An active image's descriptive properties may be corrected; what
        # the image is (its format, name, version, data) may not.
        self.assertEqual(512, self.json('update', 'images', name,
                                        '--property', 'min_ram=512')[
                                            'min_ram'])
        stderr = self.fails('update', 'images', name,
                            '--property', 'disk_format=raw')
        self.assertIn('HTTP 403', stderr)
        self.assertIn('disk_format', stderr)
        self.assertEqual((512, 'qcow2'), (
            self.glare.get('images', art['id'])['min_ram'],
            self.glare.get('images', art['id'])['disk_format']))
        self.assertEqual('deactivated', self.json('deactivate', 'images',
                                                  name)['status'])
        self.assertEqual('active', self.json('reactivate', 'images',
                                             name)['status'])
        self.assertEqual(['a', 'b'], sorted(self.json(
            'add', 'tag', 'images', name, 'b')['tags']))
        self.assertEqual(['b'], self.json('remove', 'tag', 'images',
                                          art['id'], 'a', '--id')['tags'])
        self.assertEqual(['b'], self.glare.get('images', art['id'])['tags'])
        stderr = self.fails('publish', 'images', name, persona='member')
        self.assertIn('not found', stderr)
        public = self.json('publish', 'images', name)
        self.assertEqual(('active', 'public'),
                         (public['status'], public['visibility']))
        # Every project sees it now, by name too.
        self.assertEqual(art['id'], self.json('show', 'images', name,
                                              persona='other')['id'])

    def test_list_filters_sorts_and_pages(self):
        name = self.prefix + 'paged'
        versions = ['1.0', '2.0', '10.0', '2.1', '3.0-beta', '4.0', '5.0']
        ids = {v: self.create(name, version=v)['id'] for v in versions}
        self.create(self.prefix + 'other')
        log_before = len(self.server.log_text().splitlines())
        rows = self.json('list', 'images', '--filter', 'name=' + name,
                         '--sort', 'version:asc', '--page-size', '3')
        self.assertEqual(
            [ids[v] for v in ('1.0', '2.0', '2.1', '3.0-beta', '4.0', '5.0',
                              '10.0')], [row['Id'] for row in rows])
        self.assertEqual({'Id', 'Name', 'Version', 'Owner', 'Visibility',
                          'Status'}, set(rows[0]))
        pages = self.server.logged('GET /artifacts/images?', name,
                                   since=log_before, count=3)
        self.assertEqual(3, len(pages), pages)

        rows = self.json('list', 'images', '--filter', 'name=' + name,
                         '--sort', 'version:asc', '--page-size', '2',
                         '--limit', '5')
        self.assertEqual(['1.0.0', '2.0.0', '2.1.0', '3.0.0-beta', '4.0.0'],
                         [row['Version'] for row in rows])
        rows = self.json('list', 'images', '--filter', 'name=' + name,
                         '--filter', 'version=gte:4.0', '--filter',
                         'version=lt:10.0')
        self.assertEqual(['4.0.0', '5.0.0'],
                         sorted(row['Version'] for row in rows))
        rows = self.json('list', 'all', '--filter', 'name=' + name,
                         '--filter', 'version=latest')
        self.assertEqual([(ids['10.0'], 'images')],
                         [(row['Id'], row['Type name']) for row in rows])
        self.assertEqual([], self.json('list', 'images', '--filter',
                                       'name=' + name, persona='other'))
        stderr = self.fails('list', 'images', '--filter', 'colour=blue')
        self.assertIn('HTTP 400', stderr)
        self.assertIn('colour', stderr)

    def test_upload_and_download(self):
        name = self.prefix + 'data'
        art = self.create(name)
        data = os.urandom(3 * 1024 * 1024 + 17)
        path = os.path.join(self.home, 'disk.img')
        with open(path, 'wb') as stream:
            stream.write(data)
        result = self.openstack('upload', 'images', name, '--file', path,
                                '--progress', '-f', 'json', check=0)
        blob = json.loads(result.stdout)['image']
        self.assertEqual((len(data), hashlib.sha256(data).hexdigest(),
                          'active'),
                         (blob['size'], blob['sha256'], blob['status']))
        self.assertIn(b'100%', result.stderr)

        out = os.path.join(self.home, 'out.img')
        result = self.openstack('download', 'images', name, '--file', out,
                                '--include-drafts', check=0)
        self.assertEqual(b'', result.stderr, 'silent when not a terminal')
        with open(out, 'rb') as stream:
            self.assertEqual(data, stream.read())
        # To standard output, by id.
        result = self.openstack('download', 'images', art['id'], '--id',
                                check=0)
        self.assertEqual(data, result.stdout)

    def test_binary_stdin_upload(self):
        name = self.prefix + 'stdin'
        art = self.create(name)
        result = self.openstack('upload', 'images', name,
                                '--content-type', 'application/x-raw',
                                '-f', 'json', stdin=BINARY, check=0)
        blob = json.loads(result.stdout)['image']
        self.assertEqual((len(BINARY), hashlib.sha256(BINARY).hexdigest(),
                          'application/x-raw'),
                         (blob['size'], blob['sha256'],
                          blob['content_type']))
        self.assertEqual(BINARY, self.openstack(
            'download', 'images', art['id'], '--id', check=0).stdout)

    def test_download_refuses_corrupted_data(self):
        name = self.prefix + 'corrupt'
        art = self.create(name)
        data = b'the real bytes ' * 1000
        self.glare.upload('images', art['id'], 'image', data)
        stored = [os.path.join(d, f) for d, _s, files in
                  os.walk(self.server.state_dir) for f in files
                  if os.path.getsize(os.path.join(d, f)) == len(data)]
        stored = [p for p in stored if _read(p) == data]
        self.assertEqual(1, len(stored), stored)
        with open(stored[0], 'r+b') as stream:
            stream.write(b'THE')  # same size, other bytes
        out_dir = os.path.join(self.home, 'downloads')
        os.mkdir(out_dir)
        out = os.path.join(out_dir, 'image.bin')
        stderr = self.fails('download', 'images', name, '--file', out,
                            '--include-drafts')
        self.assertIn('Checksum mismatch', stderr)
        self.assertEqual([], os.listdir(out_dir), 'no file, not even half')

    def test_locations(self):
        name = self.prefix + 'external'
        art = self.create(name)
        url = 'http://127.0.0.1:9/%s.img' % name
        result = self.openstack('location', 'images', name, '--url', url,
                                '--md5', 'a' * 32, '-f', 'json')
        blob = json.loads(result.stdout or b'{}').get('image') or {}
        if result.returncode or not blob.get('external'):
            self.skipTest('the server does not register external '
                          'locations yet')
        self.assertEqual(url, blob['url'])
        removed = self.json('remove-location', 'images', art['id'], '--id')
        self.assertIsNone(removed['image'])
        self.assertIsNone(self.glare.get('images', art['id'])['image'])

    def test_quotas(self):
        result = self.openstack('quota', 'show', '-f', 'json')
        if result.returncode and b'HTTP 404' in result.stderr:
            self.skipTest('the server has no quota API yet')
        self.assertEqual(0, result.returncode, result.stderr)
        project = 'quota-' + self.prefix
        self.openstack('quota', 'set', project, '--max-artifact-number',
                       '7', '--type', 'images', check=0)
        rows = self.json('quota', 'show', '--project', project)
        self.assertIn({'Quota': 'max_artifact_number:images', 'Value': 7},
                      rows)
        rows = self.json('quota', 'show', '--all')
        self.assertIn({'Project': project,
                       'Quota': 'max_artifact_number:images', 'Value': 7},
                      rows)

    def test_version_lifecycle(self):
        """Consumers, the rebuild list, aliases and retention (1.2)."""
        name = self.prefix + 'ubuntu'
        old = self.release(name, '1.0')
        new = self.release(name, '1.1')
        added = self.json('consumer', 'add', 'images', name, 'vm-1', '-V',
                          '1.0', '--service', 'compute', '--resource-type',
                          'instance')
        self.assertEqual(('vm-1', old['id']), (added['consumer_id'],
                                               added['artifact_id']))
        self.assertEqual(['vm-1'], [c['consumer_id'] for c in self.json(
            'consumer', 'list', 'images', name, '-V', '1.0')])
        rows = self.json('outdated', '--type', 'images', '--name', name)
        self.assertEqual([('vm-1', '1.0.0', '1.1.0', new['id'])], [
            (r['consumer_id'], r['version'], r['newest_version'],
             r['newest_id']) for r in rows])
        self.assertIn('used by 1 consumer(s)', self.fails(
            'delete', 'images', old['id'], '--id'))

        self.json('alias', 'set', 'images', name, 'stable', '-V', '1.0')
        self.json('alias', 'set', 'images', name, 'stable')
        shown = self.json('show', 'images', name, '--alias', 'stable')
        self.assertEqual(new['id'], shown['id'])
        moves = self.json('alias', 'list', 'images', name)
        self.assertEqual([(None, new['id']), (old['id'], new['id']),
                          (None, old['id'])],
                         [(m['from'], m['to']) for m in moves])

        self.json('retention', 'set', 'images', '--keep-last', '1')
        self.assertEqual(1, self.json('retention', 'show', 'images')[
            'keep_last'])
        plan = {r['id']: r for r in
                self.json('retention', 'preview', 'images')}
        self.assertEqual(('keep', 'in use'), (plan[old['id']]['action'],
                                              plan[old['id']]['reasons']))
        self.openstack('consumer', 'remove', 'images', name, 'vm-1', '-V',
                       '1.0', check=0)
        plan = {r['id']: r for r in
                self.json('retention', 'preview', 'images')}
        self.assertEqual('delete', plan[old['id']]['action'])
        result = self.openstack('retention', 'set', 'images',
                                '--keep-last', '-1', check=2)
        self.assertIn(b'not a whole number of 0 or more', result.stderr)

    def test_outdated_lists_every_page(self):
        """More consumers than the server's default page (25)."""
        name = self.prefix + 'many'
        old = self.release(name, '1.0')
        self.release(name, '1.1')
        vms = ['vm-%02d' % n for n in range(27)]
        for vm in vms:
            self.glare.add_consumer('images', old['id'], vm, 'compute',
                                    'instance')
        rows = self.json('outdated', '--name', name)
        self.assertEqual(vms, [r['consumer_id'] for r in rows])

    # -- the everyday CLI (issue 17) ------------------------------------------

    def write(self, name, data):
        path = os.path.join(self.home, name)
        with open(path, 'wb') as stream:
            stream.write(data)
        return path

    def release(self, name, version, data=b'data', persona='admin'):
        """An active image made by the one-step create."""
        return self.json('create', 'images', name, '-V', version, '--file',
                         self.write('%s-%s.img' % (name, version), data),
                         '--activate', persona=persona)

    def test_one_step_create_of_a_50_mib_image(self):
        name = self.prefix + 'fifty'
        data = QCOW2_MAGIC + os.urandom(50 * MiB - len(QCOW2_MAGIC))
        path = self.write('fifty.qcow2', data)
        result = self.openstack('create', 'images', name, '-V', '1.0',
                                '--file', path, '--activate', '--progress',
                                '--property', 'min_ram=256', '-f', 'json',
                                check=0)
        art = json.loads(result.stdout)
        self.assertEqual(
            ('active', 'qcow2', 'bare', 256, len(data),
             hashlib.sha256(data).hexdigest()),
            (art['status'], art['disk_format'], art['container_format'],
             art['min_ram'], art['image']['size'], art['image']['sha256']))
        self.assertEqual(art, self.glare.get('images', art['id']))
        stderr = result.stderr.decode()
        self.assertIn('100%  50.0 MiB / 50.0 MiB', stderr)
        self.assertIn('/s', stderr)
        # It is the newest release of its name now: found by name alone.
        out = os.path.join(self.home, 'fifty.out')
        self.openstack('download', 'images', name, '--file', out, check=0)
        self.assertEqual(hashlib.sha256(data).hexdigest(),
                         hashlib.sha256(_read(out)).hexdigest())

    def test_one_step_create_leaves_nothing_half_made(self):
        # The upload fails: the new draft goes again.
        name = self.prefix + 'not-a-template'
        stderr = self.fails('create', 'heat_templates', name, '--file',
                            self.write('t.yaml', b'\x00 not yaml {'),
                            '--activate')
        self.assertIn('HTTP 400', stderr)
        self.assertIn('was deleted', stderr)
        self.assertEqual([], list(self.glare.list(
            'heat_templates', filters={'name': name})))
        # The activation fails: the data stays, and the user is told
        # what to run next.
        name = self.prefix + 'no-descriptor'
        manifest = b'SHA256(x.ovf)= ' + b'a' * 64 + b'\n'
        stderr = self.fails('create', 'ovf_packages', name, '--file',
                            self.write('x.mf', manifest),
                            '--blob-property', 'manifest', '--activate')
        [art] = self.glare.list('ovf_packages', filters={'name': name})
        self.assertEqual(('drafted', len(manifest)),
                         (art['status'], art['manifest']['size']))
        self.assertIn('HTTP 403', stderr)
        self.assertIn('descriptor', stderr)
        self.assertIn('openstack artifact activate ovf_packages %s --id' %
                      art['id'], stderr)

    def test_quota_set_takes_human_sizes(self):
        project = 'quota-size-' + self.prefix
        self.openstack('quota', 'set', project, '--max-uploaded-data', '1G',
                       '--quota', 'max_uploaded_data:images=500MiB',
                       check=0)
        rows = self.json('quota', 'show', '--project', project)
        self.assertIn({'Quota': 'max_uploaded_data', 'Value': 1024 ** 3},
                      rows)
        self.assertIn({'Quota': 'max_uploaded_data:images',
                       'Value': 500 * MiB}, rows)
        table = self.openstack('quota', 'show', '--project', project,
                               check=0).stdout.decode()
        self.assertRegex(table, r'max_uploaded_data +\| +1\.0 GiB')
        self.assertRegex(table, r'max_uploaded_data:images +\| +500\.0 MiB')
        stderr = self.openstack('quota', 'set', project,
                                '--max-uploaded-data', 'lots').stderr
        self.assertIn(b"'lots' is not a size", stderr)

    def test_list_long(self):
        name = self.prefix + 'long'
        art = self.release(name, '1.0', b'x' * (3 * MiB))
        rows = self.json('list', 'images', '--filter', 'name=' + name,
                         '--long')
        self.assertEqual([{'Id': art['id'], 'Name': name,
                           'Version': '1.0.0', 'Owner': art['owner'],
                           'Visibility': 'private', 'Status': 'active',
                           'Size': 3 * MiB, 'Disk format': 'raw',
                           'Updated at': art['updated_at']}], rows)
        table = self.openstack('list', 'images', '--filter', 'name=' + name,
                               '--long', check=0).stdout.decode()
        self.assertIn('| 3.0 MiB |', table)
        self.assertIn('Disk format', table)

    def test_a_name_stands_for_its_newest_release(self):
        # The cirros case: a drafted release candidate beside the release.
        name = self.prefix + 'cirros'
        release = self.release(name, '0.6.2')
        candidate = self.json('create', 'images', name, '-V', '0.6.3-rc.1')
        tagged = self.json('add', 'tag', 'images', name, 'stable')
        self.assertEqual((release['id'], ['stable']),
                         (tagged['id'], tagged['tags']))
        self.assertEqual([], self.glare.get('images',
                                            candidate['id'])['tags'])
        # Drafts alone do not make a pre-release count, nor the reverse.
        self.assertEqual(release['id'], self.json(
            'show', 'images', name, '--include-drafts')['id'])
        self.assertEqual(release['id'], self.json(
            'show', 'images', name, '--include-prereleases')['id'])
        self.assertEqual(candidate['id'], self.json(
            'show', 'images', name, '--include-drafts',
            '--include-prereleases')['id'])
        self.assertEqual(candidate['id'], self.json(
            'show', 'images', name, '-V', '0.6.3-rc.1')['id'])
        # Commands that work on drafts find the draft.
        self.openstack('upload', 'images', name, stdin=b'rc data', check=0)
        self.assertEqual(7, self.glare.get('images', candidate['id'])[
            'image']['size'])
        # Without a release, the error names what exists and the way out.
        self.glare.delete('images', release['id'])
        stderr = self.fails('show', 'images', name)
        self.assertIn('not found among active releases', stderr)
        self.assertIn('0.6.3-rc.1 (drafted, pre-release)', stderr)
        self.assertIn('--include-prereleases', stderr)
        help_text = ' '.join(self.openstack(
            'show', '--help', check=0).stdout.decode().split())
        self.assertIn('its newest active release', help_text)

    def test_value_json_and_yaml_print_values_not_reprs(self):
        name = self.prefix + 'formats'
        art = self.json('create', 'images', name, '--dict',
                        'metadata=os:linux,arch:x86_64', '--list',
                        'tags=a,b')
        for column, expected in (('metadata', {'os': 'linux',
                                               'arch': 'x86_64'}),
                                 ('tags', ['a', 'b'])):
            out = self.openstack('show', 'images', art['id'], '--id', '-f',
                                 'value', '-c', column, check=0).stdout
            value = json.loads(out)
            self.assertEqual(expected, sorted(value) if column == 'tags'
                             else value)
            self.assertNotIn(b"'", out)
            shown = self.json('show', 'images', art['id'], '--id', '-c',
                              column)
            self.assertEqual(expected, sorted(shown[column])
                             if column == 'tags' else shown[column])
        yaml_out = self.openstack('show', 'images', art['id'], '--id', '-f',
                                  'yaml', '-c', 'metadata',
                                  check=0).stdout.decode()
        self.assertIn('  os: linux', yaml_out)
        table = self.openstack('show', 'images', art['id'], '--id',
                               check=0).stdout.decode()
        self.assertIn('arch=x86_64', table)

    def test_stdin_upload_progress_ends_with_the_real_total(self):
        name = self.prefix + 'piped'
        self.create(name)
        data = os.urandom(3 * MiB)
        result = self.openstack('upload', 'images', name, '--progress',
                                stdin=data, check=0)
        last = result.stderr.decode().strip().splitlines()[-1]
        self.assertIn('3.0 MiB / 3.0 MiB', last)
        self.assertNotIn('64.0 KiB', last)

    def test_sharing_with_another_project(self):
        name = self.prefix + 'golden'
        art = self.release(name, '1.0', persona='member')
        other = self.project_id('other')
        help_text = ' '.join(self.openstack(
            'member', 'set', '--help', check=0).stdout.decode().split())
        self.assertIn('accepted: the artifact appears in your project',
                      help_text)
        self.assertIn('rejected: it stays out of them', help_text)
        stderr = self.fails('member', 'add', 'images', name, other,
                            persona='member')
        self.assertIn('only shared artifacts have members', stderr)
        shared = self.json('set', 'images', name, '--visibility', 'shared',
                           persona='member')
        self.assertEqual('shared', shared['visibility'])
        added = self.json('member', 'add', 'images', name, other,
                          persona='member')
        self.assertEqual((other, 'pending'),
                         (added['Member id'], added['Status']))
        # Pending: not in the other project's list, readable by id.
        listed = {row['Id'] for row in self.json('list', 'images',
                                                 persona='other')}
        self.assertNotIn(art['id'], listed)
        accepted = self.json('member', 'set', 'images', art['id'], '--id',
                             other, '--status', 'accepted', persona='other')
        self.assertEqual('accepted', accepted['Status'])
        listed = {row['Id'] for row in self.json('list', 'images',
                                                 persona='other')}
        self.assertIn(art['id'], listed)
        self.assertEqual([(other, 'accepted')], [
            (row['Member id'], row['Status'])
            for row in self.json('member', 'list', 'images', name,
                                 persona='member')])
        # The member changes nothing of the artifact.
        stderr = self.fails('set', 'images', art['id'], '--id',
                            '--visibility', 'community', persona='other')
        self.assertIn('HTTP 403', stderr)
        self.openstack('member', 'remove', 'images', name, other,
                       persona='member', check=0)
        self.assertEqual([], self.json('member', 'list', 'images', name,
                                       persona='member'))
        self.assertEqual('community', self.json(
            'set', 'images', name, '--visibility', 'community',
            persona='member')['visibility'])
        listed = {row['Id'] for row in self.json(
            'list', 'images', '--filter', 'visibility=community',
            persona='other')}
        self.assertIn(art['id'], listed)

    def test_a_normalised_version_is_noticed(self):
        result = self.openstack('create', 'images', self.prefix + 'ubuntu',
                                '-V', '22.04.3', '-f', 'value', '-c',
                                'version', check=0)
        self.assertEqual(b'22.4.3\n', result.stdout)
        self.assertIn(b'version 22.04.3 was stored as 22.4.3 (SemVer)',
                      result.stderr)
        result = self.openstack('create', 'images', self.prefix + 'plain',
                                '-V', '1.2.3', check=0)
        self.assertNotIn(b'stored as', result.stderr)


class TestOpenStackClientDevAuth(OpenStackClientScenarios,
                                 server.ServerTestCase):
    """With glare's trusted tokens and ``--os-endpoint``."""

    def setUp(self):
        super().setUp()
        # Where commands go; a test may put a proxy in between.
        self.endpoint = self.url

    def auth_args(self, persona):
        return ['--os-auth-type', 'admin_token', '--os-token',
                TOKENS[persona], '--os-endpoint', self.endpoint]

    def sdk_client(self, persona='admin'):
        return sdk.Client.with_token(self.url, TOKENS[persona])

    def project_id(self, persona):
        return TOKENS[persona].split(':')[1]

    # Through a proxy that fails on purpose: only with an endpoint given.

    def test_a_cut_download_goes_on_by_itself(self):
        proxy = self.useFixture(faulty_proxy.FaultyProxy(self.url))
        data = os.urandom(20 * MiB)
        art = self.release(self.prefix + 'cut', '1.0', data)
        proxy.cut('/image HTTP/1.1', after=8 * MiB)
        out = os.path.join(self.home, 'cut.img')
        self.endpoint = proxy.url
        since = self.server.log_length()
        self.openstack('download', 'images', art['id'], '--id', '--file',
                       out, check=0)
        self.assertEqual([('/image HTTP/1.1', 'cut')], proxy.applied)
        self.assertEqual(data, _read(out))
        self.assertIn('" 206 ', '\n'.join(self.server.logged(
            'GET /artifacts/images/%s/image ' % art['id'], '" 206 ',
            since=since)))

    def test_a_killed_download_resumes(self):
        proxy = self.useFixture(faulty_proxy.FaultyProxy(self.url))
        data = os.urandom(50 * MiB)
        name = self.prefix + 'resumed'
        art = self.release(name, '1.0', data)
        # The answer stops coming after 20 MiB, as when a link dies; the
        # user gives up and kills the command.
        proxy.stall('/image HTTP/1.1', after=20 * MiB)
        out = os.path.join(self.home, 'resumed.img')
        part = out + '.part'
        self.endpoint = proxy.url
        command = [self.venv.openstack] + self.auth_args('admin') + [
            'artifact', 'download', 'images', name, '--file', out]
        self.endpoint = self.url
        process = subprocess.Popen(command, env=self.env, cwd=self.home,
                                   stdin=subprocess.DEVNULL,
                                   stdout=subprocess.DEVNULL,
                                   stderr=subprocess.DEVNULL)
        try:
            server.wait_until(lambda: os.path.exists(part) and
                              os.path.getsize(part) >= 10 * MiB,
                              'the first 10 MiB', timeout=COMMAND_TIMEOUT)
        finally:
            process.kill()
            process.wait()
        kept = os.path.getsize(part)
        self.assertLessEqual(kept, 20 * MiB)
        self.assertFalse(os.path.exists(out))

        since = self.server.log_length()
        result = self.openstack('download', 'images', name, '--file', out,
                                '--resume', check=0)
        self.assertEqual(b'', result.stderr)
        self.assertEqual(data, _read(out))
        self.assertFalse(os.path.exists(part))
        # Only the missing bytes were sent. The killed download may be
        # logged as a whole answer (the server wrote it all into the
        # proxy), and late, once the proxy lets go: one such line at most.
        path = 'GET /artifacts/images/%s/image ' % art['id']
        [line] = self.server.logged(path, '" 206 ', since=since)
        self.assertIn('" 206 %d ' % (len(data) - kept), line)
        self.assertLessEqual(len(self.server.logged(
            path, '" 200 %d ' % len(data), timeout=0)), 1)

        # A part of other data fails the check of the whole and goes.
        with open(part, 'wb') as stream:
            stream.write(b'\0' * MiB)
        os.unlink(out)
        stderr = self.fails('download', 'images', name, '--file', out,
                            '--resume')
        self.assertIn('Checksum mismatch', stderr)
        self.assertEqual([], [f for f in os.listdir(self.home)
                              if f.startswith('resumed.img')])


class TestOpenStackClientTransfers(UsesOpenStackClient,
                                   server.ServerTestCase):
    """``upload --resume`` and ``import --url`` (API 1.2), the real CLI.

    The server may import from loopback (the test's web server), as an
    operator allows a local mirror; every other non-public address stays
    refused.
    """

    server_sections = {'blob_import': {'allowed_networks': '127.0.0.1/32',
                                       'allowed_ports': '1-65535'}}
    CHUNK = 512 * 1024

    def setUp(self):
        super().setUp()
        self.home = self.useFixture(fixtures.TempDir()).path
        self.env = self.client_env(self.home)
        # Where the CLI keeps the state of resumable uploads.
        self.env['XDG_CACHE_HOME'] = os.path.join(self.home, 'cache')
        self.glare = sdk.Client.with_token(self.url, TOKENS['admin'])
        self.proxy = self.useFixture(faulty_proxy.FaultyProxy(self.url))

    def command(self, endpoint, *args):
        return [self.venv.openstack, '--os-auth-type', 'admin_token',
                '--os-token', TOKENS['admin'], '--os-endpoint', endpoint,
                'artifact'] + list(args)

    def openstack(self, *args, endpoint=None):
        result = subprocess.run(
            self.command(endpoint or self.url, *args),
            stdin=subprocess.DEVNULL, capture_output=True, env=self.env,
            cwd=self.home, timeout=COMMAND_TIMEOUT)
        stderr = result.stderr.decode(errors='replace')
        self.addDetail('openstack artifact %s' % ' '.join(args)[:80],
                       content.text_content('exit code %s\nstdout:\n%r\n'
                                            'stderr:\n%s' % (
                                                result.returncode,
                                                result.stdout[:2000],
                                                stderr)))
        return result.returncode, result.stdout, stderr

    def image(self):
        return self.glare.create('images', {
            'name': 'cli-transfer-%s' % uuid.uuid4().hex[:8]})

    def write(self, data):
        path = os.path.join(self.home, uuid.uuid4().hex + '.img')
        with open(path, 'wb') as stream:
            stream.write(data)
        return path

    def patches(self, since, status='" 202 ', count=1, timeout=10):
        """Chunks the server took since log line ``since``."""
        return self.server.logged('"PATCH /upload-sessions/', status,
                                  since=since, count=count,
                                  timeout=timeout)

    def upload_args(self, art, path):
        return ('upload', 'images', art['id'], '--id', '--file', path,
                '--resume', '--chunk-size', '512KiB', '-f', 'json')

    def test_a_killed_upload_resumes_with_resume(self):
        data = os.urandom(8 * self.CHUNK + 1000)  # 9 chunks
        path = self.write(data)
        art = self.image()
        # The answer to the fourth chunk never comes (the chunk itself
        # lands): the user gives up and kills the command.
        self.proxy.stall('Content-Range: %d-' % (3 * self.CHUNK), after=0)
        since = self.server.log_length()
        process = subprocess.Popen(
            self.command(self.proxy.url, *self.upload_args(art, path)),
            env=self.env, cwd=self.home, stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            self.assertEqual(4, len(self.patches(since, count=4,
                                                 timeout=COMMAND_TIMEOUT)))
            server.wait_until(lambda: self.proxy.applied, 'the stall')
        finally:
            process.kill()
            process.wait()
        # Half a file is no blob.
        blob = self.glare.get('images', art['id'])['image']
        self.assertTrue(blob is None or blob['status'] != 'active', blob)

        since = self.server.log_length()
        code, out, stderr = self.openstack(*self.upload_args(art, path))
        self.assertEqual(0, code, stderr)
        blob = json.loads(out)['image']
        self.assertEqual((hashlib.sha256(data).hexdigest(), len(data),
                          'active'),
                         (blob['sha256'], blob['size'], blob['status']))
        self.assertEqual(data, b''.join(self.glare.open_blob(
            'images', art['id'], 'image')))
        # Only the five chunks the server lacked were sent again.
        self.assertEqual(5, len(self.patches(since, count=6, timeout=1)))
        self.assertEqual([], os.listdir(os.path.join(
            self.env['XDG_CACHE_HOME'], 'glare-client', 'uploads')))

    def test_a_dropped_connection_goes_on_by_itself(self):
        data = os.urandom(4 * self.CHUNK)
        art = self.image()
        # The server takes the second chunk but the connection breaks
        # before its answer arrives.
        self.proxy.cut('Content-Range: %d-' % self.CHUNK, after=0)
        since = self.server.log_length()
        code, out, stderr = self.openstack(
            *self.upload_args(art, self.write(data)),
            endpoint=self.proxy.url)
        self.assertEqual(0, code, stderr)
        self.assertEqual([('Content-Range: %d-' % self.CHUNK, 'cut')],
                         self.proxy.applied)
        self.assertEqual(hashlib.sha256(data).hexdigest(),
                         json.loads(out)['image']['sha256'])
        # The client asked where to go on: no chunk went twice.
        self.assertEqual(4, len(self.patches(since, count=5, timeout=1)))

    def test_import_from_a_url_waits_until_the_blob_is_active(self):
        source = self.useFixture(
            web_source.DataServer(os.urandom(3 * MiB))).server
        art = self.image()
        sha256 = hashlib.sha256(source.data).hexdigest()
        code, out, stderr = self.openstack(
            'import', 'images', art['id'], '--id', '--url',
            'http://127.0.0.1:%d/disk.img' % source.server_port,
            '--sha256', sha256, '--wait', '-f', 'json')
        self.assertEqual(0, code, stderr)
        blob = json.loads(out)['image']
        self.assertEqual((sha256, len(source.data), 'active'),
                         (blob['sha256'], blob['size'], blob['status']))
        self.assertEqual(source.data, b''.join(self.glare.open_blob(
            'images', art['id'], 'image')))

    def test_a_refused_import_url_is_a_clear_error(self):
        art = self.image()
        # The cloud's metadata service: the classic SSRF target.
        for url, why in (
                ('http://169.254.169.254/latest/meta-data/',
                 'a private, loopback, link-local'),
                ('http://10.1.2.3/disk.img', 'a private, loopback'),
                ('file:///etc/passwd', "scheme 'file' is not allowed")):
            code, out, stderr = self.openstack(
                'import', 'images', art['id'], '--id', '--url', url,
                '--wait')
            self.assertEqual(1, code, stderr)
            self.assertNotIn('Traceback', stderr)
            self.assertIn(why, stderr)
            self.assertIn(url.split('/')[2] or url, stderr)
        # Nothing was started: the blob is still empty.
        self.assertIsNone(self.glare.get('images', art['id'])['image'])


class TestOpenStackClientKeystone(OpenStackClientScenarios,
                                  server.ServerTestCase):
    """With Keystone passwords; glare found in the catalog.

    One glare-api with ``auth_strategy = keystone``, registered as the
    ``artifact`` service of the shared Keystone once it serves; no command
    is given an endpoint.
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

    def auth_args(self, persona):
        user, project, password = KEYSTONE_USERS[persona]
        return ['--os-auth-url', self.keystone.url,
                '--os-username', user, '--os-password', password,
                '--os-project-name', project,
                '--os-user-domain-name', 'Default',
                '--os-project-domain-name', 'Default',
                '--os-identity-api-version', '3']

    def sdk_client(self, persona='admin'):
        user, project, password = KEYSTONE_USERS[persona]
        return sdk.Client(self.keystone.session(user, project, password))

    def project_id(self, persona):
        return self.keystone.projects[KEYSTONE_USERS[persona][1]]

    def test_the_endpoint_comes_from_the_catalog(self):
        session = self.keystone.session(*KEYSTONE_USERS['member'])
        self.assertEqual(self.url, sdk.Client(session).adapter.get_endpoint(
        ).rstrip('/'))
        # Nothing but the catalog told the CLI where glare is.
        args = self.auth_args('member')
        self.assertFalse([arg for arg in args if 'endpoint' in arg
                          or arg.endswith(self.url)], args)
        art = self.json('create', 'images', self.prefix + 'mine',
                        persona='member')
        self.assertEqual(self.keystone.projects['demo'], art['owner'])
