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

"""The original Glare 5.0.1 on loopback: the reference server.

Existing Glare clients expect the API to answer as Glare 5.0.1 did, so
the differential tests send the same requests to it and to glare, the
migration tests import its database, and the benchmark measures it as
the same-run baseline. It is installed from PyPI into a virtualenv of
its own, once (cached under ``$XDG_CACHE_HOME/glare-tests``, or
``GLARE_TEST_GLARE501_VENV``), pinned by ``tools/glare501/constraints.txt``.

``Glare501Server`` runs it the way a small deployment did: its own
``glare-api`` (one forked eventlet worker), a SQLite database (or the
``connection`` given) and a file store in a throw-away directory, and
Glare's trusted development auth (``X-Auth-Token: user:project:roles``).

Run ``python -m glare.tests.glare501`` to start one by hand.
"""

import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request

import fixtures

from glare.tests import venvs

VERSION = '5.0.1'
COMMAND_TIMEOUT = 300
START_TIMEOUT = 60
STOP_TIMEOUT = 15

# Every type Glare 5.0.1 ships; ``all`` is its read-only view.
TYPES = ('images', 'heat_templates', 'heat_environments', 'tosca_templates',
         'murano_packages', 'secrets', 'all')

_ROOT = os.path.dirname(os.path.dirname(os.path.dirname(
    os.path.abspath(__file__))))
CONSTRAINTS = os.path.join(_ROOT, 'tools', 'glare501', 'constraints.txt')

# Glare 5.0.1 builds its pipeline with paste. ``flavor`` in glare.conf
# picks one: trusted tokens (what python-glareclient sends with
# --auth-token) or identity headers.
_PASTE = '''[pipeline:glare-api]
pipeline = faultwrapper healthcheck versionnegotiation trustedauth api

[pipeline:glare-api-noauth]
pipeline = faultwrapper healthcheck versionnegotiation context api

[app:api]
paste.app_factory = glare.api.v1.router:API.factory

[filter:faultwrapper]
paste.filter_factory = {mw}.fault:GlareFaultWrapperFilter.factory

[filter:healthcheck]
paste.filter_factory = oslo_middleware:Healthcheck.factory
backends = disable_by_file
disable_by_file_path = {dir}/healthcheck_disable

[filter:versionnegotiation]
paste.filter_factory = {mw}.version_negotiation:{negotiation}.factory

[filter:trustedauth]
paste.filter_factory = {mw}.context:TrustedAuthMiddleware.factory

[filter:context]
paste.filter_factory = {mw}.context:ContextMiddleware.factory
'''


# The MySQL driver of a Glare 5.0.1 on MariaDB, of its time. Not in the
# constraints: the plain virtualenv, which other tests share, keeps what
# it was built with.
PYMYSQL = 'PyMySQL==1.0.2'


def glare501_venv(mysql=False):
    """Glare 5.0.1 and its pinned dependencies, in a kept virtualenv.

    ``mysql``: one of its own with a MySQL driver too.
    """
    if mysql:
        return venvs.CachedVenv(
            'glare-%s-mysql' % VERSION,
            ['setuptools', 'glare==%s' % VERSION, PYMYSQL],
            env_var='GLARE_TEST_GLARE501_MYSQL_VENV',
            constraints=CONSTRAINTS)
    return venvs.CachedVenv(
        'glare-%s' % VERSION, ['setuptools', 'glare==%s' % VERSION],
        env_var='GLARE_TEST_GLARE501_VENV', constraints=CONSTRAINTS)


def _environment():
    """The environment of Glare 5.0.1's commands.

    Without the caller's PYTHONPATH: a run of this project's tests from a
    source tree (``PYTHONPATH=$PWD``) would make Glare 5.0.1's commands
    import this glare instead of their own.
    """
    env = dict(os.environ, PYTHONWARNINGS='ignore')
    env.pop('PYTHONPATH', None)
    return env


def _run(command, timeout=COMMAND_TIMEOUT):
    result = subprocess.run(command, stdin=subprocess.DEVNULL,
                            capture_output=True, text=True, timeout=timeout,
                            env=_environment())
    if result.returncode:
        raise RuntimeError('%s failed (%s):\n%s%s' % (
            ' '.join(command), result.returncode, result.stdout,
            result.stderr))
    return result.stdout


class Glare501Server(fixtures.Fixture):
    """Glare 5.0.1's ``glare-api`` serving on a free loopback port.

    :param auth: ``trusted`` (tokens ``user:project:roles``) or ``noauth``
        (``X-Identity-Status``, ``X-Project-Id``, ``X-Roles`` headers).
    :param connection: a SQLAlchemy URL for its database; a SQLite file
        in the server's directory by default.
    :param options: more ``[DEFAULT]`` options, e.g. quotas.
    :param sections: more option groups, ``{'group': {key: value}}``,
        e.g. ``{'artifact_type:secrets': {'default_store': 'database'}}``.

    After set-up: ``url``, ``dir`` (config, database, ``blobs/`` store,
    logs), ``connection``, ``store_dir`` and ``log_text()``.
    """

    def __init__(self, venv=None, auth='trusted', connection=None,
                 options=None, sections=None):
        super().__init__()
        if auth not in ('trusted', 'noauth'):
            raise ValueError('auth must be trusted or noauth')
        self.venv = venv
        self.auth = auth
        self.connection = connection
        self.options = dict(options or {})
        self.sections = dict(sections or {})
        self.process = None

    def _setUp(self):
        if self.venv is None:
            self.venv = self.useFixture(glare501_venv(
                mysql=self.connection is not None and
                self.connection.startswith('mysql')))
        self.dir = tempfile.mkdtemp(prefix='glare501-')
        self.addCleanup(shutil.rmtree, self.dir, True)
        self.store_dir = os.path.join(self.dir, 'blobs')
        os.mkdir(self.store_dir)
        os.mkdir(os.path.join(self.dir, 'locks'))
        if self.connection is None:
            self.connection = 'sqlite:///%s' % os.path.join(
                self.dir, 'glare.sqlite')
        from glare.tests.functional import server
        self.port = server.free_port()
        self.url = 'http://127.0.0.1:%d' % self.port
        self.config_path = self._write_config()
        _run([self.venv.bin('glare-db-manage'), '--config-file',
              self.config_path, 'upgrade'])
        self._start()

    def _write_config(self):
        paste_path = os.path.join(self.dir, 'glare-paste.ini')
        with open(paste_path, 'w') as stream:
            stream.write(_PASTE.format(
                dir=self.dir, mw='glare.api.middleware',
                negotiation='GlareVersionNegotiationFilter'))
        options = {
            'bind_host': '127.0.0.1',
            'bind_port': self.port,
            # One forked worker; the parent leads the process group.
            'workers': 1,
            'log_file': os.path.join(self.dir, 'glare.log'),
            'lock_path': os.path.join(self.dir, 'locks'),
            'enabled_artifact_types': ','.join(TYPES),
            'max_uploaded_data': 1024 ** 4,
            'max_artifact_number': 100,
        }
        options.update(self.options)
        sections = {
            'DEFAULT': options,
            'paste_deploy': {'config_file': paste_path,
                             'flavor': '' if self.auth == 'trusted'
                             else 'noauth'},
            'database': {'connection': self.connection},
            'glance_store': {'stores': 'file,http',
                             'default_store': 'file',
                             'filesystem_store_datadir': self.store_dir},
            # No policy file: Glare's defaults in code apply.
            'oslo_policy': {'policy_file': os.path.join(self.dir,
                                                        'policy.json')},
            'oslo_concurrency': {'lock_path': os.path.join(self.dir,
                                                           'locks')},
        }
        sections.update(self.sections)
        path = os.path.join(self.dir, 'glare.conf')
        with open(path, 'w') as stream:
            for group, values in sections.items():
                stream.write('[%s]\n' % group)
                for key, value in values.items():
                    stream.write('%s = %s\n' % (key, value))
                stream.write('\n')
        return path

    def _start(self):
        self.stdout_path = os.path.join(self.dir, 'glare-api.stdout')
        with open(self.stdout_path, 'ab') as out:
            self.process = subprocess.Popen(
                [self.venv.bin('glare-api'), '--config-file',
                 self.config_path],
                stdin=subprocess.DEVNULL, stdout=out,
                stderr=subprocess.STDOUT, cwd=self.dir, env=_environment(),
                start_new_session=True)
        self.addCleanup(self.stop)
        deadline = time.monotonic() + START_TIMEOUT
        while True:
            if self.process.poll() is not None:
                raise RuntimeError('Glare 5.0.1 exited with %s:\n%s' % (
                    self.process.returncode, self.log_text()))
            try:
                with urllib.request.urlopen(self.url + '/healthcheck',
                                            timeout=2) as resp:
                    if resp.status == 200:
                        return
            except (urllib.error.URLError, OSError):
                pass
            if time.monotonic() > deadline:
                raise RuntimeError('Glare 5.0.1 did not answer on %s within '
                                   '%ss:\n%s' % (self.url, START_TIMEOUT,
                                                 self.log_text()))
            time.sleep(0.1)

    def stop(self):
        """Stop the server and its worker (the whole process group)."""
        process, self.process = self.process, None
        if process is None or process.poll() is not None:
            return
        process.terminate()
        try:
            process.wait(STOP_TIMEOUT)
        except subprocess.TimeoutExpired:
            pass
        try:
            os.killpg(process.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        if process.poll() is None:
            process.wait(STOP_TIMEOUT)

    def log_text(self):
        text = ''
        for name in ('glare-api.stdout', 'glare.log'):
            try:
                with open(os.path.join(self.dir, name),
                          errors='replace') as log:
                    text += '--- %s\n%s' % (name, log.read()[-20000:])
            except FileNotFoundError:
                pass
        return text


def main():
    server = Glare501Server()
    server.setUp()
    try:
        print('Glare %s serving on %s (X-Auth-Token: user:project:roles); '
              'its files are in %s' % (VERSION, server.url, server.dir))
        sys.stdout.flush()
        while True:
            time.sleep(3600)
    except KeyboardInterrupt:
        pass
    finally:
        server.cleanUp()


if __name__ == '__main__':
    main()
