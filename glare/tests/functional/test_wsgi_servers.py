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

"""``glare.wsgi.api:application`` under gunicorn and under uwsgi.

The way doc/source/install.rst deploys it: the WSGI server's own command
line, two worker processes, ``GLARE_CONFIG_FILES`` naming the
configuration. uwsgi is built from its sdist (it compiles against this
Python) into a virtualenv cached under ``$XDG_CACHE_HOME/glare-tests``;
glare comes from the virtualenv running the tests (``--home``).

Each server is checked for what an operator relies on: the
unauthenticated healthcheck and its drain file, request ids, JSON bodies
limited by ``[oslo_middleware] max_request_body_size`` while blob data of
any size streams past that limit, with and without Content-Length.
"""

import concurrent.futures
import fcntl
import hashlib
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request

import fixtures
import requests
import testtools
from testtools import content

from glare.tests.functional import server
from glare.tests.functional import test_scale_out

ADMIN = {'X-Auth-Token': 'admin:admin:admin'}
UWSGI_VERSION = '2.0.31'
INSTALL_TIMEOUT = 900
START_TIMEOUT = 60
# Small, so that a few KiB of JSON exceed it and blobs are far larger.
JSON_LIMIT = 16 * 1024


def _cache_dir():
    cache = os.environ.get('XDG_CACHE_HOME') or os.path.join(
        os.path.expanduser('~'), '.cache')
    return os.path.join(cache, 'glare-tests')


def uwsgi_binary():
    """uwsgi built for this Python in a cached virtualenv; built once."""
    path = os.path.join(_cache_dir(), 'uwsgi-venv-%s-py%d.%d' % (
        (UWSGI_VERSION,) + sys.version_info[:2]))
    os.makedirs(os.path.dirname(path), exist_ok=True)
    marker = os.path.join(path, 'glare-tests-installed')
    with open(path + '.lock', 'w') as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            if not os.path.exists(marker):
                shutil.rmtree(path, ignore_errors=True)
                for command in (
                        [sys.executable, '-m', 'venv', path],
                        [os.path.join(path, 'bin', 'python'), '-m', 'pip',
                         'install', '--quiet', '--disable-pip-version-check',
                         'uwsgi==%s' % UWSGI_VERSION]):
                    result = subprocess.run(
                        command, stdin=subprocess.DEVNULL,
                        capture_output=True, text=True,
                        timeout=INSTALL_TIMEOUT)
                    if result.returncode:
                        raise RuntimeError(
                            'Building uwsgi failed (it compiles from source '
                            'and needs a C compiler and the Python '
                            'headers): %s\n%s%s' % (' '.join(command),
                                                    result.stdout,
                                                    result.stderr))
                with open(marker, 'w') as stream:
                    stream.write('uwsgi==%s\n' % UWSGI_VERSION)
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)
    return os.path.join(path, 'bin', 'uwsgi')


class WSGIServer(fixtures.Fixture):
    """A WSGI server command serving glare, stopped as a process group."""

    def __init__(self, command, env, url, log_path, wait_for_health=True):
        super().__init__()
        self.command = command
        self.env = env
        self.url = url
        self.log_path = log_path
        self.wait_for_health = wait_for_health

    def _setUp(self):
        with open(self.log_path, 'ab') as log:
            self.process = subprocess.Popen(
                self.command, stdin=subprocess.DEVNULL, stdout=log,
                stderr=subprocess.STDOUT, env=self.env,
                start_new_session=True)
        self.addCleanup(self._stop)
        deadline = time.monotonic() + START_TIMEOUT
        while True:
            if self.process.poll() is not None:
                raise RuntimeError('%s exited with %s:\n%s' % (
                    self.command[0], self.process.returncode,
                    self.log_text()))
            try:
                if not self.wait_for_health:
                    host, port = self.url[len('http://'):].split(':')
                    socket.create_connection((host, int(port)), 2).close()
                    return
                with urllib.request.urlopen(self.url + '/healthcheck',
                                            timeout=2) as resp:
                    if resp.status == 200:
                        return
            except (urllib.error.URLError, OSError):
                pass
            if time.monotonic() > deadline:
                raise RuntimeError('%s did not answer within %ss:\n%s' % (
                    self.command[0], START_TIMEOUT, self.log_text()))
            time.sleep(0.1)

    def _stop(self):
        try:
            os.killpg(self.process.pid, signal.SIGTERM)
            self.process.wait(20)
        except subprocess.TimeoutExpired:
            pass
        except ProcessLookupError:
            return
        try:
            os.killpg(self.process.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        self.process.wait(20)

    def log_text(self):
        try:
            with open(self.log_path, errors='replace') as log:
                return log.read()
        except FileNotFoundError:
            return ''


class _WSGIServerTests:
    """What each WSGI server must do; subclasses say how to start it."""

    @classmethod
    def server_command(cls, port):
        raise NotImplementedError

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.work = fixtures.TempDir()
        cls.work.setUp()
        try:
            cls._start()
        except BaseException:
            cls.work.cleanUp()
            raise

    @classmethod
    def _start(cls):
        base = cls.work.path
        cls.drain_file = os.path.join(base, 'drain')
        config = server.write_config(os.path.join(base, 'glare.conf'), {
            'state_dir': os.path.join(base, 'state'),
            # A WSGI deployment chooses its auth; keystone by default.
            'auth_strategy': 'trusted',
            'healthcheck_disable_file': cls.drain_file}, {
            'database': {'connection': 'sqlite:///' + os.path.join(
                base, 'glare.sqlite')},
            'oslo_middleware': {'max_request_body_size': JSON_LIMIT,
                                'enable_proxy_headers_parsing': True}})
        # The database is migrated before the workers start, as in
        # production: glare.wsgi.api only migrates the embedded default.
        result = test_scale_out.run_db_manage(config, 'upgrade')
        if result.returncode:
            raise RuntimeError(result.stdout + result.stderr)
        port = server.free_port()
        env = dict(os.environ, GLARE_CONFIG_FILES=config,
                   XDG_STATE_HOME=os.path.join(base, 'xdg'))
        cls.server = WSGIServer(cls.server_command(port), env,
                                'http://127.0.0.1:%d' % port,
                                os.path.join(base, 'server.log'))
        cls.server.setUp()

    @classmethod
    def tearDownClass(cls):
        try:
            cls.server.cleanUp()
        finally:
            cls.work.cleanUp()
        super().tearDownClass()

    def setUp(self):
        super().setUp()
        self.url = self.server.url
        self.addOnException(lambda exc_info: self.addDetail(
            'server.log', content.text_content(self.server.log_text())))

    def create(self, **body):
        body.setdefault('name', 'wsgi-%d' % time.monotonic_ns())
        resp = requests.post(self.url + '/artifacts/images', json=body,
                             headers=ADMIN, timeout=60)
        self.assertEqual(201, resp.status_code, resp.text)
        return resp.json()

    def test_healthcheck_and_its_drain_file(self):
        resp = requests.get(self.url + '/healthcheck', timeout=30)
        self.assertEqual((200, 'OK'), (resp.status_code, resp.text))
        self.assertTrue(resp.headers['X-OpenStack-Request-ID'].startswith(
            'req-'))
        with open(self.drain_file, 'w'):
            pass
        try:
            resp = requests.get(self.url + '/healthcheck', timeout=30)
            self.assertEqual(503, resp.status_code)
            self.assertIn('DISABLED BY FILE', resp.text)
        finally:
            os.unlink(self.drain_file)
        self.assertEqual(200, requests.get(self.url + '/healthcheck',
                                           timeout=30).status_code)

    def test_a_bad_configuration_stops_start_up(self):
        # keystone, the default, without its section: nothing could be
        # served. The server stops at once, saying why, in one message.
        work = self.useFixture(fixtures.TempDir()).path
        config = server.write_config(os.path.join(work, 'glare.conf'),
                                     {'state_dir': work})
        result = subprocess.run(
            self.server_command(server.free_port()),
            stdin=subprocess.DEVNULL, capture_output=True, text=True,
            timeout=START_TIMEOUT,
            env=dict(os.environ, GLARE_CONFIG_FILES=config))
        output = result.stdout + result.stderr
        self.assertNotEqual(0, result.returncode, output)
        self.assertIn('glare cannot start: auth_strategy = keystone (the '
                      'default) needs a [keystone_authtoken] section',
                      output)
        # No traceback through glare's code (gunicorn may print one of its
        # own while it halts two failing workers at once).
        self.assertIsNone(re.search(r'/glare/[a-z_]+/[a-z_]+\.py"', output),
                          output)

    def test_json_bodies_are_limited(self):
        big = {'name': 'too-big', 'description': 'd' * JSON_LIMIT}
        resp = requests.post(self.url + '/artifacts/images', json=big,
                             headers=ADMIN, timeout=60)
        self.assertEqual(413, resp.status_code, resp.text)
        self.assertIn('max_request_body_size',
                      resp.json()['error']['message'])
        body = ('{"name": "chunked-too-big", "description": "%s"}' % (
            'd' * JSON_LIMIT)).encode()

        def chunks():
            for start in range(0, len(body), 1000):
                yield body[start:start + 1000]

        resp = requests.post(
            self.url + '/artifacts/images', data=chunks(), timeout=60,
            headers=dict(ADMIN, **{'Content-Type': 'application/json'}))
        self.assertEqual(413, resp.status_code, resp.text)
        self.assertEqual(413, resp.json()['code'])
        listed = requests.get(self.url + '/artifacts/images?name=in:'
                              'too-big,chunked-too-big', headers=ADMIN,
                              timeout=60).json()['artifacts']
        self.assertEqual([], listed)
        # Below the limit, chunked JSON is read whole.
        small = b'{"name": "chunked-small", "tags": ["a"]}'
        resp = requests.post(
            self.url + '/artifacts/images', data=iter([small[:10],
                                                       small[10:]]),
            headers=dict(ADMIN, **{'Content-Type': 'application/json'}),
            timeout=60)
        self.assertEqual(201, resp.status_code, resp.text)
        self.assertEqual(['a'], resp.json()['tags'])

    def test_blob_data_streams_past_the_json_limit(self):
        for chunked in (False, True):
            art = self.create()
            data = os.urandom(40 * JSON_LIMIT + 7)
            url = '%s/artifacts/images/%s/image' % (self.url, art['id'])
            if chunked:
                body = (data[i:i + 65536] for i in range(0, len(data),
                                                         65536))
            else:
                body = data
            resp = requests.put(url, data=body, headers=ADMIN, timeout=60)
            self.assertEqual(200, resp.status_code, resp.text)
            self.assertEqual((len(data), hashlib.sha256(data).hexdigest()),
                             (resp.json()['image']['size'],
                              resp.json()['image']['sha256']))
            got = requests.get(url, headers=ADMIN, timeout=60)
            self.assertEqual(data, got.content)

    def test_proxy_headers_reach_the_versions_document(self):
        resp = requests.get(
            self.url + '/versions',
            headers={'X-Forwarded-Proto': 'https',
                     'X-Forwarded-Host': 'glare.example'}, timeout=60)
        self.assertEqual(300, resp.status_code, resp.text)
        self.assertIn('https://glare.example/', resp.text)


class TestGunicorn(_WSGIServerTests, testtools.TestCase):
    worker_class = 'gthread'

    @classmethod
    def server_command(cls, port):
        return [os.path.join(os.path.dirname(sys.executable), 'gunicorn'),
                '--bind', '127.0.0.1:%d' % port, '--workers', '2',
                '--worker-class', cls.worker_class, '--threads', '4',
                '--timeout', '0', '--no-control-socket',
                'glare.wsgi.api:application']

    def test_workers_share_the_embedded_database(self):
        # No configuration: SQLite under state_dir, migrated by the first
        # requests of both workers at once.
        work = self.useFixture(fixtures.TempDir()).path
        config = server.write_config(os.path.join(work, 'glare.conf'),
                                     {'state_dir': work,
                                      'auth_strategy': 'trusted'})
        port = server.free_port()
        # Ready when the port accepts connections: the workers build the
        # application (and migrate) as they boot, at the same time.
        glare = self.useFixture(WSGIServer(
            self.server_command(port),
            dict(os.environ, GLARE_CONFIG_FILES=config),
            'http://127.0.0.1:%d' % port, os.path.join(work, 'server.log'),
            wait_for_health=False))

        # Both workers up.
        deadline = time.monotonic() + START_TIMEOUT
        while glare.log_text().count('Booting worker') < 2:
            self.assertLess(time.monotonic(), deadline, glare.log_text())
            time.sleep(0.1)
        time.sleep(2)

        def first_request(_):
            return requests.get(glare.url + '/artifacts/images',
                                headers=dict(ADMIN, Connection='close'),
                                timeout=60).status_code

        with concurrent.futures.ThreadPoolExecutor(8) as pool:
            self.assertEqual([200] * 8, list(pool.map(first_request,
                                                      range(8))))


class TestGunicornGlareWorker(TestGunicorn):
    """The same with glare's worker, as doc/source/install.rst runs it."""

    worker_class = 'glare.wsgi.worker.Worker'

    def test_server_errors_are_glare_errors(self):
        # Its limits and JSON errors hold under gunicorn's command line.
        resp = requests.get(self.url + '/artifacts/images?name=' +
                            'a' * 9000, headers=ADMIN, timeout=60)
        self.assertEqual(414, resp.status_code)
        self.assertEqual(414, resp.json()['code'])


class TestUwsgi(_WSGIServerTests, testtools.TestCase):
    @classmethod
    def server_command(cls, port):
        return [uwsgi_binary(), '--http-socket', '127.0.0.1:%d' % port,
                '--home', sys.prefix, '--module',
                'glare.wsgi.api:application', '--master', '--processes',
                '2', '--threads', '4', '--need-app', '--die-on-term',
                '--socket-timeout', '300', '--buffer-size', '65535']
