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

"""The two layouts the benchmark measures, each a real server process.

``embedded``    ``glare-api`` with nothing but a state directory: SQLite,
                the filesystem store, one gunicorn worker with threads.
``production``  ``glare.wsgi.api:application`` under gunicorn with several
                of glare's workers, configured through
                ``GLARE_CONFIG_FILES``, on a PostgreSQL database created
                for the run (schema by ``glare-db-manage upgrade``) and
                dropped afterwards.

``glare501``, the same-run target, is the original Glare 5.0.1
(``glare.tests.glare501``): one eventlet worker, SQLite, a file store.
"""

import os
import subprocess
import sys
import uuid

import sqlalchemy as sa

from glare.tests import databases
from glare.tests.functional import server
from glare.tests import glare501

EMBEDDED = 'embedded'
PRODUCTION = 'production'
LAYOUTS = (EMBEDDED, PRODUCTION)
GLARE501 = 'glare501'
# No artifact count quota in the way of the benchmark.
_GLARE501_OPTIONS = {'max_artifact_number': 10 ** 9}


def _tool(name):
    path = os.path.join(os.path.dirname(sys.executable), name)
    if not os.access(path, os.X_OK):
        raise RuntimeError('%s is not installed next to %s.' % (
            name, sys.executable))
    return path


def process_tree(pid):
    """``pid`` and every process descending from it (Linux /proc)."""
    parents = {}
    for entry in os.listdir('/proc'):
        if not entry.isdigit():
            continue
        try:
            with open('/proc/%s/stat' % entry) as stat:
                # "pid (comm) state ppid ...": comm may hold spaces.
                fields = stat.read().rsplit(')', 1)[1].split()
        except OSError:
            continue
        parents.setdefault(int(fields[1]), []).append(int(entry))
    tree, todo = [], [pid]
    while todo:
        current = todo.pop()
        tree.append(current)
        todo.extend(parents.get(current, ()))
    return tree


class _Layout:
    """What the benchmark needs to know of a running layout."""

    name = None
    server = None
    database_url = None

    @property
    def url(self):
        return self.server.url

    @property
    def pid(self):
        return self.server.process.pid

    @property
    def store_dir(self):
        return os.path.join(self.server.state_dir, 'blobs', 'fs')

    def describe(self):
        raise NotImplementedError

    def stop(self):
        self.server.cleanUp()


class Embedded(_Layout):
    name = EMBEDDED

    def __init__(self, sections=None):
        sections = dict(sections or {})
        self.server = server.GlareServer(sections.pop('DEFAULT', None),
                                         sections)
        self.server.setUp()
        self.database_url = 'sqlite:///' + os.path.join(
            self.server.state_dir, 'glare.sqlite')

    def describe(self):
        return ('glare-api with no configuration but its state directory: '
                'SQLite, filesystem store, 1 worker x 16 threads')


class _Gunicorn(server.GlareServer):
    """The WSGI entry point under a gunicorn started by the operator."""

    def __init__(self, workers, threads, sections):
        sections = dict(sections)
        options = dict(sections.pop('DEFAULT', None) or {})
        # glare.wsgi.api serves keystone unless told otherwise.
        options.setdefault('auth_strategy', 'trusted')
        super().__init__(options, sections)
        self.workers = workers
        self.threads = threads

    def _start(self):
        # What an operator does before the first start; idempotent, so a
        # retry on another port repeats it harmlessly.
        subprocess.run([_tool('glare-db-manage'), '--config-file',
                        self.config_path, 'upgrade'],
                       check=True, capture_output=True)
        env = dict(os.environ)
        env['XDG_STATE_HOME'] = os.path.join(self.base_dir, 'xdg-state')
        env['GLARE_CONFIG_FILES'] = self.config_path
        port = self.url.rsplit(':', 1)[1]
        with open(self.log_path, 'ab') as log:
            self.process = subprocess.Popen(
                [_tool('gunicorn'), '--bind', '127.0.0.1:%s' % port,
                 '--workers', str(self.workers), '--threads',
                 str(self.threads), '--worker-class',
                 'glare.wsgi.worker.Worker',
                 '--timeout', '0', '--no-control-socket',
                 'glare.wsgi.api:application'],
                stdin=subprocess.DEVNULL, stdout=log,
                stderr=subprocess.STDOUT, env=env, cwd=self.base_dir,
                start_new_session=True)
        self.addCleanup(self._stop)


class Production(_Layout):
    name = PRODUCTION

    def __init__(self, workers=4, threads=4, sections=None):
        self.workers, self.threads = workers, threads
        admin_url = databases.server_url(databases.POSTGRESQL)
        self.database_name = 'glare_bench_%s' % uuid.uuid4().hex[:12]
        self._admin = sa.create_engine(admin_url,
                                       isolation_level='AUTOCOMMIT',
                                       poolclass=sa.pool.NullPool)
        with self._admin.connect() as connection:
            connection.exec_driver_sql('CREATE DATABASE "%s"' %
                                       self.database_name)
        self.database_url = admin_url.set(
            database=self.database_name).render_as_string(
                hide_password=False)
        sections = {group: dict(options) for group, options in
                    (sections or {}).items()}
        sections.setdefault('database', {})['connection'] = \
            self.database_url
        try:
            self.server = _Gunicorn(workers, threads, sections)
            self.server.setUp()
        except BaseException:
            self._drop()
            raise

    def describe(self):
        return ('gunicorn glare.wsgi.api:application, %d glare workers '
                'x %d threads, PostgreSQL (fresh database %s), filesystem '
                'store' % (self.workers, self.threads, self.database_name))

    def stop(self):
        try:
            super().stop()
        finally:
            self._drop()

    def _drop(self):
        with self._admin.connect() as connection:
            connection.exec_driver_sql(
                'DROP DATABASE IF EXISTS "%s" WITH (FORCE)' %
                self.database_name)
        self._admin.dispose()


class Glare501(_Layout):
    name = GLARE501

    def __init__(self):
        self.server = glare501.Glare501Server(options=_GLARE501_OPTIONS)
        self.server.setUp()

    @property
    def store_dir(self):
        return self.server.store_dir

    def describe(self):
        return ('Glare %s, the same-run target: its glare-api (one '
                'eventlet worker), SQLite, file store' % glare501.VERSION)


def start(name, workers=4, threads=4, sections=None):
    """Start a layout; ``sections`` adds options: ``{group: {key: value}}``."""
    if name == EMBEDDED:
        return Embedded(sections)
    if name == GLARE501:
        return Glare501()
    return Production(workers, threads, sections)
