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

"""A real ``glare-api`` process for tests that need the whole service.

``GlareServer`` starts the ``glare-api`` installed beside the running
interpreter (the tox virtualenv) with a generated configuration file, its
own state directory and a free loopback port, waits until ``/healthcheck``
answers and stops the process group on clean-up. What the server printed
is kept in ``log_path``; ``ServerTestCase`` attaches it to a failing test.
"""

import configparser
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request

import fixtures
import testtools
from testtools import content

START_TIMEOUT = 60
STOP_TIMEOUT = 20
# gunicorn's words when the port was taken between choosing and binding.
_PORT_TAKEN = 'Connection in use'
_START_ATTEMPTS = 3


def glare_api_path():
    """``glare-api`` of the virtualenv running the tests."""
    path = os.path.join(os.path.dirname(sys.executable), 'glare-api')
    if not os.access(path, os.X_OK):
        raise RuntimeError(
            'glare-api is not installed next to %s; install glare into '
            'the virtualenv running the tests.' % sys.executable)
    return path


def free_port(host='127.0.0.1'):
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((host, 0))
        return sock.getsockname()[1]


def write_config(path, options=None, sections=None):
    """Write an oslo.config file.

    ``options`` go to ``[DEFAULT]``; ``sections`` maps other group names
    to their options. Lists are written comma-separated, booleans as
    ``true``/``false``.
    """
    parser = configparser.ConfigParser(interpolation=None)
    groups = {'DEFAULT': options or {}}
    groups.update(sections or {})
    for group, values in groups.items():
        if group != 'DEFAULT':
            parser.add_section(group)
        for key, value in values.items():
            parser.set(group, key, _config_value(value))
    with open(path, 'w') as stream:
        parser.write(stream)
    return path


def _config_value(value):
    if isinstance(value, bool):
        return 'true' if value else 'false'
    if isinstance(value, (list, tuple)):
        return ','.join(str(item) for item in value)
    return str(value)


def run_glare_api(config_path, timeout=60, env=None):
    """Run ``glare-api --config-file config_path`` to its end.

    For configurations that must stop the service at start-up; a process
    still running at ``timeout`` is killed and ``TimeoutExpired`` raised.
    """
    return subprocess.run([glare_api_path(), '--config-file', config_path],
                          stdin=subprocess.DEVNULL, capture_output=True,
                          text=True, timeout=timeout, env=env)


class GlareServer(fixtures.Fixture):
    """A ``glare-api`` process serving on a free loopback port.

    :param options: ``[DEFAULT]`` options, e.g. ``{'workers': 2}``; the
        fixture sets ``state_dir``, ``bind_host`` and ``bind_port`` unless
        given.
    :param sections: other option groups, ``{'group': {key: value}}``.
    :param env: extra environment variables for the process.
    """

    def __init__(self, options=None, sections=None, env=None,
                 start_timeout=START_TIMEOUT):
        super().__init__()
        self.options = dict(options or {})
        self.sections = dict(sections or {})
        self.env = dict(env or {})
        self.start_timeout = start_timeout
        self.process = None
        self.url = None

    def _setUp(self):
        self.base_dir = self.useFixture(fixtures.TempDir()).path
        self.state_dir = os.path.join(self.base_dir, 'state')
        self.config_path = os.path.join(self.base_dir, 'glare.conf')
        self.log_path = os.path.join(self.base_dir, 'glare-api.log')
        self.addDetail('glare-api.log', content.content_from_file(
            self.log_path, buffer_now=False))
        for attempt in range(_START_ATTEMPTS):
            options = {'state_dir': self.state_dir,
                       'bind_host': '127.0.0.1'}
            options.update(self.options)
            options.setdefault('bind_port', free_port())
            write_config(self.config_path, options, self.sections)
            host = options['bind_host']
            if host in ('0.0.0.0', '::'):
                host = '127.0.0.1'
            self.url = 'http://%s:%s' % (
                '[%s]' % host if ':' in host else host, options['bind_port'])
            self._start()
            try:
                self._wait_until_healthy()
                return
            except _PortTaken:
                self._stop()
                if 'bind_port' in self.options or \
                        attempt + 1 == _START_ATTEMPTS:
                    raise RuntimeError(self._failure('its port was taken'))

    def _start(self):
        env = dict(os.environ)
        # Nothing of the user's own state: the temporary directory only.
        env['XDG_STATE_HOME'] = os.path.join(self.base_dir, 'xdg-state')
        # gunicorn's control socket goes there rather than ~/.gunicorn,
        # where servers of parallel tests would replace each other's.
        env['XDG_RUNTIME_DIR'] = self.base_dir
        env.update(self.env)
        with open(self.log_path, 'ab') as log:
            # A session of its own: the workers can be signalled as a
            # group and never outlive the test run.
            self.process = subprocess.Popen(
                [glare_api_path(), '--config-file', self.config_path],
                stdin=subprocess.DEVNULL, stdout=log,
                stderr=subprocess.STDOUT, env=env, cwd=self.base_dir,
                start_new_session=True)
        self.addCleanup(self._stop)

    def _wait_until_healthy(self):
        deadline = time.monotonic() + self.start_timeout
        while True:
            if self.process.poll() is not None:
                if _PORT_TAKEN in self.log_text():
                    raise _PortTaken()
                raise RuntimeError(self._failure(
                    'it exited with %s' % self.process.returncode))
            try:
                with urllib.request.urlopen(self.url + '/healthcheck',
                                            timeout=2) as resp:
                    if resp.status == 200:
                        return
            except (urllib.error.URLError, OSError):
                pass
            if time.monotonic() > deadline:
                raise RuntimeError(self._failure(
                    '/healthcheck did not answer within %ss' %
                    self.start_timeout))
            time.sleep(0.1)

    def _failure(self, reason):
        return 'glare-api did not start: %s. Its output:\n%s' % (
            reason, self.log_text())

    def _stop(self):
        process, self.process = self.process, None
        if process is None:
            return
        if process.poll() is None:
            process.terminate()
            try:
                process.wait(STOP_TIMEOUT)
            except subprocess.TimeoutExpired:
                self._kill_group(process.pid)
                process.wait(STOP_TIMEOUT)
        # Workers of a master that died hard would be left behind.
        self._kill_group(process.pid)

    @staticmethod
    def _kill_group(pgid):
        try:
            os.killpg(pgid, signal.SIGKILL)
        except (ProcessLookupError, PermissionError):
            pass

    def log_text(self):
        """Everything the server printed so far."""
        try:
            with open(self.log_path, errors='replace') as log:
                return log.read()
        except FileNotFoundError:
            return ''

    def log_length(self):
        return len(self.log_text().splitlines())

    def logged(self, *fragments, since=0, count=1, timeout=10):
        """Log lines after line ``since`` holding every fragment.

        A worker writes its access log line just after answering, so wait
        (up to ``timeout`` s) until ``count`` of them are there.
        """
        deadline = time.monotonic() + timeout
        while True:
            lines = [line for line in self.log_text().splitlines()[since:]
                     if all(f in line for f in fragments)]
            if len(lines) >= count or time.monotonic() > deadline:
                return lines
            time.sleep(0.1)


def wait_until(predicate, what, timeout=20):
    """Poll ``predicate`` until true; fail naming ``what`` after timeout.

    For what a server does just after answering (cleaning up, logging).
    """
    deadline = time.monotonic() + timeout
    while not predicate():
        if time.monotonic() > deadline:
            raise AssertionError('%s did not happen within %ss' % (what,
                                                                   timeout))
        time.sleep(0.05)


def closed_by(sock, deadline):
    """True when the server closes ``sock`` before ``deadline``.

    ``deadline`` is a ``time.monotonic()`` value; whatever the server
    sends meanwhile is read and dropped.
    """
    while True:
        left = deadline - time.monotonic()
        if left <= 0:
            return False
        sock.settimeout(left)
        try:
            if not sock.recv(65536):
                return True
        except socket.timeout:
            return False
        except OSError:
            return True


class _PortTaken(Exception):
    pass


class ServerTestCase(testtools.TestCase):
    """Tests sharing one ``glare-api`` per class.

    Subclasses set ``server_options`` (and ``server_sections``); the server
    is ``self.server``, its URL ``self.url``. A failing test gets the
    server's log among its details.
    """

    server_options = {}
    server_sections = {}

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._class_fixtures = []
        try:
            cls.prepare_class()
            cls.server = cls.use_class_fixture(GlareServer(
                cls.server_options, cls.server_sections))
        except BaseException:
            cls._clean_class_fixtures()
            raise

    @classmethod
    def prepare_class(cls):
        """Start what the server needs, and set its options.

        Subclasses set up other servers here (``use_class_fixture``) and
        point ``server_options`` and ``server_sections`` at them.
        """

    @classmethod
    def use_class_fixture(cls, fixture):
        """Set ``fixture`` up for the class; cleaned up after its tests."""
        fixture.setUp()
        cls._class_fixtures.append(fixture)
        return fixture

    @classmethod
    def _clean_class_fixtures(cls):
        while cls._class_fixtures:
            cls._class_fixtures.pop().cleanUp()

    @classmethod
    def tearDownClass(cls):
        try:
            cls._clean_class_fixtures()
        finally:
            super().tearDownClass()

    def setUp(self):
        super().setUp()
        self.url = self.server.url
        self.addOnException(self._attach_server_log)

    def _attach_server_log(self, exc_info):
        self.addDetail('glare-api.log',
                       content.text_content(self.server.log_text()))
