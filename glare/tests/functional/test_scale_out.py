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

"""Several ``glare-api`` processes on one PostgreSQL database and one store.

As an operator scales out: separate OS processes (as on separate hosts)
with the same ``[database] connection`` and the same filesystem store
directory. Clients alternate between the processes, in parallel, and the
tests check that nothing is lost, duplicated or left inconsistent:
racing creates, JSON-patches, uploads, lifecycle changes and quota
checks. ``TestCrashedUpload`` kills a process in the middle of an upload
and shows its claim on the blob expiring.
"""

import concurrent.futures
import hashlib
import os
import signal
import socket
import subprocess
import sys
import threading
import time
import uuid

import fixtures
import requests
import testtools
from testtools import content

from glare.tests import base as test_base
from glare.tests import databases
from glare.tests.functional import server

ADMIN = {'X-Auth-Token': 'admin:admin:admin'}
QUOTA_VERSION = {'OpenStack-API-Version': 'artifact 1.1'}
TIMEOUT = 60
POLL_TIMEOUT = 20


def member(project):
    return {'X-Auth-Token': 'user-%s:%s:member' % (project, project)}


def run_db_manage(config_path, *args):
    """``glare-db-manage --config-file config_path args``, to its end."""
    command = os.path.join(os.path.dirname(sys.executable),
                           'glare-db-manage')
    return subprocess.run([command, '--config-file', config_path] +
                          list(args), stdin=subprocess.DEVNULL,
                          capture_output=True, text=True, timeout=120)


class Deployment(fixtures.Fixture):
    """A fresh database, migrated by ``glare-db-manage``.

    PostgreSQL unless ``backend`` says otherwise (``glare.tests.databases``).
    ``start_server`` adds ``glare-api`` processes sharing it and one store
    directory.
    """

    def __init__(self, options=None, backend=databases.POSTGRESQL,
                 sections=None):
        super().__init__()
        self.options = dict(options or {})
        self.backend = backend
        self.sections = dict(sections or {})

    def _setUp(self):
        # The database helpers read [database] options of the global CONF.
        self.useFixture(test_base.ConfFixture())
        self.database = self.useFixture(
            databases.FreshDatabase(self.backend))
        self.connection = self.database.url.render_as_string(
            hide_password=False)
        work = self.useFixture(fixtures.TempDir()).path
        self.store_dir = os.path.join(work, 'shared-store')
        os.makedirs(self.store_dir)
        config = server.write_config(
            os.path.join(work, 'glare.conf'), {'state_dir': work},
            {'database': {'connection': self.connection}})
        result = run_db_manage(config, 'upgrade')
        if result.returncode:
            raise RuntimeError('glare-db-manage upgrade failed:\n%s%s' % (
                result.stdout, result.stderr))
        self.servers = []

    def start_server(self, **options):
        values = dict(self.options, **options)
        glare = server.GlareServer(values, dict(self.sections, **{
            'database': {'connection': self.connection},
            'fs': {'filesystem_store_datadir': self.store_dir}}))
        # Not useFixture: a test may kill a server and clean it up early.
        glare.setUp()
        self.addCleanup(glare.cleanUp)
        self.servers.append(glare)
        return glare

    def stored_files(self):
        return sorted(os.listdir(self.store_dir))


class ScaleOutTestCase(testtools.TestCase):
    """Two ``glare-api`` processes per class, one database, one store."""

    server_options = {'threads': 8}
    # Configuration sections besides [database] and [fs].
    server_sections = {}
    backend = databases.POSTGRESQL

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.deployment = Deployment(cls.server_options, cls.backend,
                                    cls.server_sections)
        cls.deployment.setUp()
        try:
            cls.servers = [cls.deployment.start_server() for _ in range(2)]
        except BaseException:
            cls.deployment.cleanUp()
            raise

    @classmethod
    def tearDownClass(cls):
        cls.deployment.cleanUp()
        super().tearDownClass()

    def setUp(self):
        super().setUp()
        self.addOnException(self._attach_logs)

    def _attach_logs(self, exc_info):
        for n, glare in enumerate(self.servers):
            self.addDetail('glare-api-%d.log' % n,
                           content.text_content(glare.log_text()))

    def url(self, n, path):
        """``path`` on server ``n`` (any integer: servers alternate)."""
        return self.servers[n % len(self.servers)].url + path

    def in_parallel(self, function, count):
        """``function(0..count-1)`` in ``count`` threads, released at once."""
        start = threading.Barrier(count, timeout=TIMEOUT)

        def run(n):
            start.wait()
            return function(n)

        with concurrent.futures.ThreadPoolExecutor(count) as pool:
            return list(pool.map(run, range(count)))

    def create(self, n=0, headers=ADMIN, **body):
        body.setdefault('name', 'art-%s' % uuid.uuid4().hex)
        resp = requests.post(self.url(n, '/artifacts/images'), json=body,
                             headers=headers, timeout=TIMEOUT)
        self.assertEqual(201, resp.status_code, resp.text)
        return resp.json()

    def show(self, n, art_id, headers=ADMIN):
        resp = requests.get(self.url(n, '/artifacts/images/' + art_id),
                            headers=headers, timeout=TIMEOUT)
        self.assertEqual(200, resp.status_code, resp.text)
        return resp.json()

    def patch(self, n, art_id, ops, headers=ADMIN):
        return requests.patch(
            self.url(n, '/artifacts/images/' + art_id), json=ops,
            headers=dict(headers, **{
                'Content-Type': 'application/json-patch+json'}),
            timeout=TIMEOUT)

    def assert_same_everywhere(self, art_id):
        """Every server shows the same artifact; returns it."""
        shown = [self.show(n, art_id) for n in range(len(self.servers))]
        for other in shown[1:]:
            self.assertEqual(shown[0], other)
        return shown[0]


class TestScaleOut(ScaleOutTestCase):
    RACERS = 12

    def test_servers_are_separate_processes_on_postgresql(self):
        pids = {glare.process.pid for glare in self.servers}
        self.assertEqual(2, len(pids))
        self.assertNotIn(os.getpid(), pids)
        for glare in self.servers:
            with open(glare.config_path) as config:
                self.assertIn(self.deployment.connection, config.read())

    def test_racing_creates_of_one_name_and_version_make_one(self):
        name = 'race-%s' % uuid.uuid4().hex

        def create(n):
            resp = requests.post(
                self.url(n, '/artifacts/images'),
                json={'name': name, 'version': '1.0'}, headers=ADMIN,
                timeout=TIMEOUT)
            return resp.status_code

        statuses = self.in_parallel(create, self.RACERS)
        self.assertEqual([201] + [409] * (self.RACERS - 1), sorted(statuses))
        for n in range(len(self.servers)):
            listed = requests.get(
                self.url(n, '/artifacts/images?name=%s' % name),
                headers=ADMIN, timeout=TIMEOUT).json()['artifacts']
            self.assertEqual(['1.0.0'], [a['version'] for a in listed])

    def test_concurrent_json_patches_are_all_applied(self):
        art = self.create(tags=['original'])

        def add(n):
            resp = self.patch(n, art['id'], [
                {'op': 'add', 'path': '/tags/-', 'value': 'tag-%d' % n},
                {'op': 'add', 'path': '/metadata/key-%d' % n,
                 'value': 'value-%d' % n}])
            return resp.status_code, resp.text

        results = self.in_parallel(add, self.RACERS)
        self.assertEqual([200] * self.RACERS,
                         [status for status, _ in results], results)
        final = self.assert_same_everywhere(art['id'])
        self.assertEqual(
            sorted(['original'] + ['tag-%d' % n for n in range(self.RACERS)]),
            sorted(final['tags']))
        self.assertEqual({'key-%d' % n: 'value-%d' % n
                          for n in range(self.RACERS)}, final['metadata'])

    def test_concurrent_uploads_to_one_blob_have_one_winner(self):
        art = self.create()
        before = set(self.deployment.stored_files())
        racers = 6
        started = threading.Barrier(racers, timeout=TIMEOUT)
        bodies = [os.urandom(256 * 1024) + bytes([n]) for n in range(racers)]

        def body(data):
            yield data[:1024]
            # Every upload has reached its server before any can finish.
            started.wait()
            time.sleep(0.5)
            yield data[1024:]

        def upload(n):
            resp = requests.put(
                self.url(n, '/artifacts/images/%s/image' % art['id']),
                data=body(bodies[n]), headers=ADMIN, timeout=TIMEOUT)
            return resp.status_code, resp.text

        with concurrent.futures.ThreadPoolExecutor(racers) as pool:
            results = list(pool.map(upload, range(racers)))
        statuses = [status for status, _ in results]
        self.assertEqual([200] + [409] * (racers - 1), sorted(statuses),
                         results)
        winner = bodies[statuses.index(200)]
        for n in range(len(self.servers)):
            got = requests.get(
                self.url(n, '/artifacts/images/%s/image' % art['id']),
                headers=ADMIN, timeout=TIMEOUT)
            self.assertEqual(hashlib.sha256(winner).hexdigest(),
                             hashlib.sha256(got.content).hexdigest())
        blob = self.assert_same_everywhere(art['id'])['image']
        self.assertEqual(('active', len(winner)),
                         (blob['status'], blob['size']))
        # The losers left no data behind in the shared store.
        self.assertEqual(1, len(set(self.deployment.stored_files()) -
                                before))

    def test_racing_lifecycle_transitions_end_in_a_valid_state(self):
        art = self.create(container_format='bare', disk_format='raw')

        def activate(n):
            return self.patch(n, art['id'], [
                {'op': 'replace', 'path': '/status',
                 'value': 'active'}]).status_code

        # Activating one draft from everywhere at once: it activates once.
        self.assertEqual([200] * self.RACERS,
                         self.in_parallel(activate, self.RACERS))
        active = self.assert_same_everywhere(art['id'])
        self.assertEqual('active', active['status'])
        self.assertIsNotNone(active['activated_at'])

        def flip(n):
            status = ('deactivated', 'active')[n % 2]
            resp = self.patch(n // 2, art['id'], [
                {'op': 'replace', 'path': '/status', 'value': status}])
            return status, resp.status_code

        results = self.in_parallel(flip, self.RACERS)
        # Each request either applied its transition, found it already
        # done, or (400) found the artifact moved elsewhere meanwhile.
        self.assertEqual(set(), {status for _, status in results} -
                         {200, 400, 409}, results)
        final = self.assert_same_everywhere(art['id'])
        self.assertIn(final['status'], ('active', 'deactivated'))
        self.assertEqual(active['activated_at'], final['activated_at'])
        # And it still moves on from wherever it ended.
        following = 'active' if final['status'] == 'deactivated' \
            else 'deactivated'
        resp = self.patch(1, art['id'], [
            {'op': 'replace', 'path': '/status', 'value': following}])
        self.assertEqual(200, resp.status_code, resp.text)
        self.assertEqual(following, resp.json()['status'])

    def test_count_quota_holds_across_servers(self):
        project = 'quota-%s' % uuid.uuid4().hex[:12]
        limit = 4
        resp = requests.put(
            self.url(0, '/quotas'), headers=dict(ADMIN, **QUOTA_VERSION),
            json=[{'project_id': project, 'project_quotas': [
                {'quota_name': 'max_artifact_number', 'quota_value': limit}]}],
            timeout=TIMEOUT)
        self.assertEqual(200, resp.status_code, resp.text)

        def create(n):
            resp = requests.post(
                self.url(n, '/artifacts/images'), headers=member(project),
                json={'name': 'q-%d' % n}, timeout=TIMEOUT)
            return resp.status_code

        statuses = self.in_parallel(create, self.RACERS)
        self.assertEqual([201] * limit + [403] * (self.RACERS - limit),
                         sorted(statuses))
        for n in range(len(self.servers)):
            listed = requests.get(self.url(n, '/artifacts/images'),
                                  headers=member(project),
                                  timeout=TIMEOUT).json()['artifacts']
            self.assertEqual(limit, len(listed))
            usage = requests.get(
                self.url(n, '/project-quotas'),
                headers=dict(member(project), **QUOTA_VERSION),
                timeout=TIMEOUT).json()[0]['project_usage']
            self.assertIn({'quota_name': 'max_artifact_number',
                           'quota_value': limit}, usage)

    def test_activation_waits_for_an_upload_on_another_server(self):
        art = self.create(container_format='bare', disk_format='raw')
        released = threading.Event()
        saving = threading.Event()

        def body():
            yield b'x' * 1024
            saving.set()
            released.wait(TIMEOUT)
            yield b'y' * 1024

        with concurrent.futures.ThreadPoolExecutor(1) as pool:
            upload = pool.submit(
                requests.put,
                self.url(0, '/artifacts/images/%s/image' % art['id']),
                data=body(), headers=ADMIN, timeout=TIMEOUT)
            try:
                saving.wait(TIMEOUT)
                server.wait_until(
                    lambda: (self.show(1, art['id'])['image'] or {}).get(
                        'status') == 'saving', 'the upload', POLL_TIMEOUT)
                resp = self.patch(1, art['id'], [
                    {'op': 'replace', 'path': '/status', 'value': 'active'}])
                self.assertEqual(409, resp.status_code, resp.text)
            finally:
                released.set()
            self.assertEqual(200, upload.result().status_code)
        resp = self.patch(1, art['id'], [
            {'op': 'replace', 'path': '/status', 'value': 'active'}])
        self.assertEqual(200, resp.status_code, resp.text)
        self.assertEqual(2048, resp.json()['image']['size'])


class TestCrashedUpload(testtools.TestCase):
    """A process killed mid-upload costs seconds, and leaves nothing."""

    # The other hosts' claims wait this long; a dead process of this host
    # loses its claims at once.
    STALL_TIMEOUT = 30

    def setUp(self):
        super().setUp()
        self.deployment = self.useFixture(Deployment(
            {'blob_upload_stall_timeout': self.STALL_TIMEOUT}))
        self.addOnException(self._attach_logs)

    def _attach_logs(self, exc_info):
        for n, glare in enumerate(self.deployment.servers):
            self.addDetail('glare-api-%d.log' % n,
                           content.text_content(glare.log_text()))

    def _start_partial_upload(self, glare, path, total, sent):
        host, port = glare.url[len('http://'):].rsplit(':', 1)
        sock = socket.create_connection((host, int(port)), timeout=TIMEOUT)
        self.addCleanup(sock.close)
        sock.sendall((
            'PUT %s HTTP/1.1\r\nHost: %s:%s\r\n'
            'X-Auth-Token: admin:admin:admin\r\n'
            'Content-Type: application/octet-stream\r\n'
            'Content-Length: %d\r\n\r\n' % (path, host, port,
                                            total)).encode())
        sock.sendall(os.urandom(sent))
        return sock

    def test_a_killed_uploads_blob_is_free_again_at_once(self):
        doomed = self.deployment.start_server()
        ids = {name: requests.post(
            doomed.url + '/artifacts/images',
            json={'name': name, 'container_format': 'bare',
                  'disk_format': 'raw'}, headers=ADMIN,
            timeout=TIMEOUT).json()['id']
            for name in ('reuploaded', 'abandoned', 'deleted')}
        paths = {name: '/artifacts/images/%s/image' % art_id
                 for name, art_id in ids.items()}

        def image(glare, name):
            resp = requests.get(glare.url + '/artifacts/images/' +
                                ids[name], headers=ADMIN, timeout=TIMEOUT)
            return resp.json()['image'] if resp.status_code == 200 else None

        earlier = os.urandom(100 * 1024)
        resp = requests.put(doomed.url + paths['reuploaded'], data=earlier,
                            headers=ADMIN, timeout=TIMEOUT)
        self.assertEqual(200, resp.status_code, resp.text)
        for n, name in enumerate(('reuploaded', 'abandoned', 'deleted')):
            self._start_partial_upload(doomed, paths[name], 8 * 1024 * 1024,
                                       1024 * 1024)
            server.wait_until(
                lambda: (image(doomed, name) or {}).get('status') ==
                'saving' and len(self.deployment.stored_files()) == n + 2,
                'upload of %s' % name, POLL_TIMEOUT)
        # While new data is on its way, the earlier data is served.
        got = requests.get(doomed.url + paths['reuploaded'], headers=ADMIN,
                           timeout=TIMEOUT)
        self.assertEqual((200, earlier), (got.status_code, got.content))
        kept = self.deployment.stored_files()

        # The whole process group, as when its host goes down.
        os.killpg(doomed.process.pid, signal.SIGKILL)
        doomed.process.wait(TIMEOUT)
        killed_at = time.monotonic()
        survivor = self.deployment.start_server()
        got = requests.get(survivor.url + paths['reuploaded'], headers=ADMIN,
                           timeout=TIMEOUT)
        self.assertEqual((200, earlier), (got.status_code, got.content))

        # Uploading again takes over the dead process's claim at once.
        data = os.urandom(300 * 1024)
        resp = requests.put(survivor.url + paths['reuploaded'], data=data,
                            headers=ADMIN, timeout=TIMEOUT)
        self.assertEqual(200, resp.status_code, resp.text)
        self.assertLess(time.monotonic() - killed_at, self.STALL_TIMEOUT)
        blob = image(survivor, 'reuploaded')
        self.assertEqual(('active', len(data),
                          hashlib.sha256(data).hexdigest()),
                         (blob['status'], blob['size'], blob['sha256']))
        got = requests.get(survivor.url + paths['reuploaded'], headers=ADMIN,
                           timeout=TIMEOUT)
        self.assertEqual(data, got.content)
        # Its partial data and the earlier data it replaced are gone.
        self.assertEqual(2, len(set(kept) -
                                set(self.deployment.stored_files())))

        # Deleting an artifact whose upload died leaves nothing behind.
        resp = requests.delete(survivor.url + '/artifacts/images/' +
                               ids['deleted'], headers=ADMIN,
                               timeout=TIMEOUT)
        self.assertEqual(204, resp.status_code, resp.text)
        # Nobody uploads the abandoned one again: glare-scrubber frees it.
        self.assertEqual('saving', image(survivor, 'abandoned')['status'])
        result = subprocess.run(
            [os.path.join(os.path.dirname(sys.executable), 'glare-scrubber'),
             '--config-file', survivor.config_path],
            stdin=subprocess.DEVNULL, capture_output=True, text=True,
            timeout=TIMEOUT)
        self.assertEqual(0, result.returncode, result.stderr)
        self.assertIsNone(image(survivor, 'abandoned'))
        self.assertEqual(1, len(self.deployment.stored_files()))
        self.assertNotIn(self.deployment.stored_files()[0], kept)
        resp = requests.patch(
            survivor.url + '/artifacts/images/' + ids['abandoned'],
            json=[{'op': 'replace', 'path': '/status', 'value': 'active'}],
            headers=dict(ADMIN, **{
                'Content-Type': 'application/json-patch+json'}),
            timeout=TIMEOUT)
        self.assertEqual(200, resp.status_code, resp.text)
