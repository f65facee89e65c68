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

"""Database and blob store faults cost seconds, never a 500 (issue 19).

PostgreSQL restarted under load (a TCP proxy cuts and refuses its
connections; the machine's server keeps running for the other tests),
SQLite locked by another process, a blob directory that turns read-only
or immutable, an S3 store that goes away, hangs or drops connections:
each answers 503 with Retry-After and the JSON error body, leaves no
partial data, and glare recovers by itself. The file system faults need
root (bind mounts, chattr), as CI and the development machines have.
"""

import concurrent.futures
import os
import sqlite3
import subprocess
import threading
import time

import boto3
import requests
import sqlalchemy as sa

from glare import context as glare_context
from glare.engine import scrubber
from glare.tests.functional import base
from glare.tests.functional import proxy
from glare.tests.functional import server
from glare.tests.functional import test_blob_s3
from glare.tests.functional import test_blobs

ADMIN = {'X-Auth-Token': 'admin:admin:admin'}
# Seconds within which glare serves again once the database is back.
RECOVERY = 5


def assertUnavailable(test, resp, *fragments):
    """503, Retry-After, and the Glare error body naming the fault."""
    test.assertEqual(503, resp.status_code, resp.text)
    test.assertTrue(resp.headers.get('Retry-After', '').isdigit(),
                    resp.headers)
    test.assertEqual('application/json', resp.headers['Content-Type']
                     .split(';')[0])
    message = resp.json()['error']['message']
    for fragment in fragments:
        test.assertIn(fragment, message)
    test.assertNotIn('Traceback', resp.text)


class TestPostgreSQLRestart(proxy.PostgreSQLServerTestCase):
    """glare-api on PostgreSQL reached through a TCP proxy."""

    server_options = {'workers': 1, 'threads': 8}

    def create(self, name):
        return requests.post(self.url + '/artifacts/images',
                             json={'name': name}, headers=ADMIN,
                             timeout=60)

    def stored_names(self):
        with self.database.engine.connect() as connection:
            return set(connection.execute(sa.text(
                'SELECT name FROM artifacts')).scalars())

    def test_down_then_back_without_a_restart(self):
        self.assertEqual(201, self.create('before-outage').status_code)
        self.proxy.refuse()
        for resp in (self.create('during-outage'),
                     requests.get(self.url + '/artifacts/images',
                                  headers=ADMIN, timeout=60)):
            assertUnavailable(self, resp, 'database', 'try again')
        self.proxy.forward()
        back = time.monotonic()
        server.wait_until(
            lambda: self.create('after-outage').status_code == 201,
            'a create after the database came back', timeout=RECOVERY)
        self.addDetail('recovery seconds', server.content.text_content(
            '%.2f' % (time.monotonic() - back)))
        names = self.stored_names()
        self.assertIn('before-outage', names)
        self.assertIn('after-outage', names)
        self.assertNotIn('during-outage', names)

    def test_restart_under_load(self):
        outcomes = []
        stop = threading.Event()
        lock = threading.Lock()

        def load(worker):
            n = 0
            while not stop.is_set():
                name = 'load-%d-%d' % (worker, n)
                n += 1
                resp = self.create(name)
                with lock:
                    outcomes.append((time.monotonic(), name, resp))

        with concurrent.futures.ThreadPoolExecutor(4) as pool:
            workers = [pool.submit(load, w) for w in range(4)]
            time.sleep(1)
            self.proxy.refuse()
            time.sleep(2)
            self.proxy.forward()
            back = time.monotonic()
            time.sleep(RECOVERY + 1)
            stop.set()
            for worker in workers:
                worker.result()
        statuses = {resp.status_code for _, _, resp in outcomes}
        self.assertEqual({201, 503}, statuses)
        for _, _, resp in outcomes:
            if resp.status_code == 503:
                assertUnavailable(self, resp)
        late_failures = [name for when, name, resp in outcomes
                         if resp.status_code != 201 and
                         when > back + RECOVERY]
        self.assertEqual([], late_failures)
        # Nothing lost, nothing half-written: every 201 is there; a 503
        # whose commit reached the server before the cut may be too.
        names = {name for name in self.stored_names()
                 if name.startswith('load-')}
        created = {name for _, name, resp in outcomes
                   if resp.status_code == 201}
        refused = {name for _, name, resp in outcomes
                   if resp.status_code == 503}
        self.assertEqual(set(), created - names)
        self.assertEqual(set(), names - created - refused)

    def test_a_short_stall_only_delays(self):
        self.proxy.stall()
        threading.Timer(1, self.proxy.forward).start()
        start = time.monotonic()
        resp = self.create('stalled')
        self.assertEqual(201, resp.status_code, resp.text)
        self.assertGreaterEqual(time.monotonic() - start, 0.9)
        self.assertIn('stalled', self.stored_names())


class TestLockedSQLite(base.ApiTestCase):
    """Another process holds the embedded database's lock."""

    def test_locked_database_is_503_then_serves_again(self):
        art = self.create(name='before')
        holder = sqlite3.connect(self.db.path, isolation_level=None)
        self.addCleanup(holder.close)
        holder.execute('BEGIN EXCLUSIVE')
        with concurrent.futures.ThreadPoolExecutor(2) as pool:
            write = pool.submit(self.post, '/artifacts/images',
                                {'name': 'while-locked'})
            read = pool.submit(self.get, '/artifacts/images/%s' % art['id'])
            resp = write.result()
            self.assertEqual(503, resp.status_int, resp.text)
            self.assertEqual('5', resp.headers['Retry-After'])
            self.assertError(resp, 503, 'locked by another process')
            # The write-ahead log lets readers read past a writer's lock.
            self.assertEqual('before', read.result().json['name'])
        holder.execute('ROLLBACK')
        self.assertEqual(200, self.get('/artifacts/images/%s' %
                                       art['id']).status_int)
        self.create(name='after')
        self.assertEqual(['after', 'before'], sorted(
            a['name'] for a in self.get('/artifacts/images').json[
                'artifacts']))


def _require_root(test):
    if os.geteuid() != 0:
        test.fail('File system faults need root (bind mounts, chattr); '
                  'run the functional tests as root, as CI does.')


class TestStoreFaults(test_blobs.BlobTestCase):
    """The filesystem store becomes read-only or immutable."""

    def setUp(self):
        super().setUp()
        _require_root(self)
        os.makedirs(self.store_dir, exist_ok=True)
        self.art = self.create()
        self.url = self.blob_url(self.art, 'image')

    def run_command(self, *command):
        subprocess.run(command, check=True, capture_output=True)

    def read_only(self):
        self.run_command('mount', '--bind', self.store_dir, self.store_dir)
        self.addCleanup(subprocess.run, ['umount', self.store_dir],
                        capture_output=True)
        self.run_command('mount', '-o', 'remount,ro,bind', self.store_dir)
        return lambda: self.run_command('umount', self.store_dir)

    def immutable(self):
        self.run_command('chattr', '+i', self.store_dir)
        self.addCleanup(subprocess.run, ['chattr', '-i', self.store_dir],
                        capture_output=True)
        return lambda: self.run_command('chattr', '-i', self.store_dir)

    def assertStoreUnavailable(self, resp):
        self.assertEqual(503, resp.status_int, resp.text)
        self.assertEqual('60', resp.headers['Retry-After'])
        self.assertError(resp, 503, 'blob store', 'try again later')
        self.assertNotIn('Traceback', resp.text)

    def check_fault(self, fault):
        self.put(self.url, b'old data')
        other = self.create(name='other')
        other_url = self.blob_url(other, 'image')
        self.assertEqual(200, self.put(other_url, b'doomed').status_int)
        files = self.stored_files()
        end = fault()
        # Writing fails and changes nothing; reading still works.
        self.assertStoreUnavailable(self.put(self.url, b'new data'))
        self.assertEqual(b'old data', self.get(self.url).body)
        shown = self.get('/artifacts/images/%s' % self.art['id']).json
        self.assertEqual(('active', 8),
                         (shown['image']['status'], shown['image']['size']))
        self.assertEqual(files, self.stored_files())
        # Deleting an artifact works; its data waits for the store.
        self.assertEqual(204, self.delete('/artifacts/images/%s' %
                                          other['id']).status_int)
        self.assertEqual(files, self.stored_files())
        end()
        # Back to normal without a restart: the upload works, and the
        # scrubber removes what could not be deleted.
        self.assertEqual(200, self.put(self.url, b'new data').status_int)
        self.assertEqual(b'new data', self.get(self.url).body)
        scrubber.scrub(glare_context.get_admin_context())
        self.assertEqual(1, len(self.stored_files()))

    def test_read_only_file_system(self):
        self.check_fault(self.read_only)

    def test_immutable_directory(self):
        self.check_fault(self.immutable)


class TestS3Faults(server.ServerTestCase):
    """glare-api storing blobs in S3 (moto) through a TCP proxy."""

    @classmethod
    def prepare_class(cls):
        cls.moto = cls.use_class_fixture(test_blob_s3.MotoServer())
        cls.proxy = cls.use_class_fixture(
            proxy.TcpProxy(int(cls.moto.url.rsplit(':', 1)[1])))
        cls.server_options, cls.server_sections = test_blob_s3.s3_config(
            'http://127.0.0.1:%d' % cls.proxy.port)

    def setUp(self):
        super().setUp()
        self.addCleanup(self.proxy.forward)
        resp = requests.post(self.url + '/artifacts/images', headers=ADMIN,
                             json={'name': self.id()}, timeout=30)
        self.assertEqual(201, resp.status_code, resp.text)
        self.art = resp.json()
        self.blob_url = '%s/artifacts/images/%s/image' % (self.url,
                                                          self.art['id'])

    def objects(self):
        """Keys in the bucket, asked of S3 directly (not via the proxy)."""
        s3 = boto3.client('s3', endpoint_url=self.moto.url,
                          region_name='us-east-1', **test_blob_s3.KEYS)
        try:
            listing = s3.list_objects_v2(Bucket=test_blob_s3.BUCKET)
        except s3.exceptions.NoSuchBucket:
            return []
        return sorted(item['Key'] for item in listing.get('Contents', ()))

    def upload(self, data):
        return requests.put(self.blob_url, data=data, headers=ADMIN,
                            timeout=120)

    def blob(self):
        return requests.get('%s/artifacts/images/%s' % (
            self.url, self.art['id']), headers=ADMIN, timeout=30).json()[
                'image']

    def test_unreachable_store_is_503_and_keeps_what_was_there(self):
        self.assertEqual(200, self.upload(b'first').status_code)
        before = self.objects()
        self.proxy.refuse()
        assertUnavailable(self, self.upload(b'second'), 'blob store')
        assertUnavailable(self, requests.get(self.blob_url, headers=ADMIN,
                                             timeout=120), 'blob store')
        self.assertEqual(before, self.objects())
        self.assertEqual(('active', 5), (self.blob()['status'],
                                         self.blob()['size']))
        self.proxy.forward()
        back = time.monotonic()
        self.assertEqual(200, self.upload(b'second').status_code)
        self.assertEqual(b'second', requests.get(
            self.blob_url, headers=ADMIN, timeout=60).content)
        self.assertLess(time.monotonic() - back, RECOVERY)
        # The replaced object went; only the new one is left.
        self.assertEqual(len(before), len(self.objects()))

    def test_a_stalled_store_only_delays(self):
        data = os.urandom(2 * 1024 * 1024)
        self.proxy.stall()
        threading.Timer(2, self.proxy.forward).start()
        start = time.monotonic()
        resp = self.upload(data)
        self.assertEqual(200, resp.status_code, resp.text)
        self.assertGreaterEqual(time.monotonic() - start, 1.9)
        self.assertEqual(data, requests.get(self.blob_url, headers=ADMIN,
                                            timeout=60).content)

    def test_connections_cut_mid_upload_leave_nothing_partial(self):
        data = os.urandom(12 * 1024 * 1024)
        before = self.objects()
        threading.Timer(0.2, self.proxy.cut).start()
        resp = self.upload(data)
        # botocore retries a cut connection; if it gave up, the upload is
        # refused as a whole.
        self.assertIn(resp.status_code, (200, 503), resp.text)
        stored = self.blob()
        if resp.status_code == 200:
            self.assertEqual(len(data), stored['size'])
            self.assertEqual(len(before) + 1, len(self.objects()))
        else:
            self.assertIsNone(stored)
            self.assertEqual(before, self.objects())
