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

"""Real databases for functional tests: SQLite, PostgreSQL and MySQL.

PostgreSQL and MySQL tests each get a database of their own on the server
named by ``GLARE_TEST_POSTGRESQL_URL`` / ``GLARE_TEST_MYSQL_URL``. Test
processes run in parallel, so every database has a random name and is
dropped when its user is done. A server that cannot be reached fails the
test with the URL and the variable to set: these backends are what
production runs on, so they are never skipped.

``MigratedDatabase`` migrates once per test process and backend and
empties the tables before each test; ``FreshDatabase`` gives an empty,
unmigrated database (for migration tests).
"""

import atexit
import os
import threading
import uuid

import fixtures
from oslo_config import cfg
from oslo_db.sqlalchemy import engines
import sqlalchemy as sa
from sqlalchemy import exc as sa_exc

from glare.db import api as db_api
from glare.db import migration
from glare.db import models
from glare.tests import base

CONF = cfg.CONF

SQLITE = 'sqlite'
POSTGRESQL = 'postgresql'
MYSQL = 'mysql'
BACKENDS = (SQLITE, POSTGRESQL, MYSQL)

# Backend -> (environment variable, default URL of a database to connect to
# while creating and dropping the per-test ones).
SERVERS = {
    POSTGRESQL: ('GLARE_TEST_POSTGRESQL_URL',
                 'postgresql+psycopg2://postgres@127.0.0.1:5432/test'),
    MYSQL: ('GLARE_TEST_MYSQL_URL',
            'mysql+pymysql://root@127.0.0.1:3306/test?charset=utf8mb4'),
}


class DatabaseUnavailable(Exception):
    """A database server the tests need cannot be used."""


def server_url(backend):
    variable, default = SERVERS[backend]
    return sa.engine.make_url(os.environ.get(variable) or default)


def _admin_engine(backend):
    url = server_url(backend)
    engine = sa.create_engine(url, isolation_level='AUTOCOMMIT',
                              poolclass=sa.pool.NullPool)
    try:
        with engine.connect() as connection:
            connection.exec_driver_sql('SELECT 1')
    except sa_exc.DBAPIError as exc:
        variable, _ = SERVERS[backend]
        raise DatabaseUnavailable(
            'The %s server at %s is not usable (%s). Start it, or point '
            '%s at one where the user may create databases.' % (
                backend, url.render_as_string(hide_password=True),
                str(exc.orig).strip(), variable))
    return engine


def _quote(backend, name):
    return ('`%s`' if backend == MYSQL else '"%s"') % name


class _ServerDatabase:
    """A database of its own on a PostgreSQL or MySQL server."""

    def __init__(self, backend):
        self.backend = backend
        # Random, so that parallel test processes never collide; short
        # enough for MySQL's 64 and PostgreSQL's 63 character limits.
        self.name = 'glare_%s' % uuid.uuid4().hex[:16]
        admin = _admin_engine(backend)
        try:
            with admin.connect() as connection:
                if backend == MYSQL:
                    connection.exec_driver_sql(
                        'CREATE DATABASE %s CHARACTER SET utf8mb4' %
                        _quote(backend, self.name))
                else:
                    connection.exec_driver_sql(
                        'CREATE DATABASE %s' % _quote(backend, self.name))
        finally:
            admin.dispose()
        self.url = server_url(backend).set(database=self.name)
        # The sql mode oslo.db's [database] options give production.
        self.engine = engines.create_engine(
            self.url.render_as_string(hide_password=False),
            mysql_sql_mode=CONF.database.mysql_sql_mode or 'TRADITIONAL')

    def drop(self):
        self.engine.dispose()
        admin = _admin_engine(self.backend)
        try:
            with admin.connect() as connection:
                force = ' WITH (FORCE)' if self.backend == POSTGRESQL else ''
                connection.exec_driver_sql('DROP DATABASE IF EXISTS %s%s' % (
                    _quote(self.backend, self.name), force))
        finally:
            admin.dispose()


class _SQLiteDatabase:
    """A database file of its own."""

    backend = SQLITE

    def __init__(self, directory):
        self.path = os.path.join(directory,
                                 'glare-%s.sqlite' % uuid.uuid4().hex)
        self.url = sa.engine.make_url('sqlite:///' + self.path)
        self.engine = engines.create_engine(str(self.url), sqlite_fk=True)

    def drop(self):
        self.engine.dispose()
        if os.path.exists(self.path):
            os.unlink(self.path)


def _new_database(backend, directory):
    if backend == SQLITE:
        return _SQLiteDatabase(directory)
    return _ServerDatabase(backend)


def _use_engine(fixture, engine):
    """Make glare.db.api run every transaction on ``engine``."""
    # The transaction factory must have started once before an engine can
    # be patched in; an in-memory URL makes that free.
    if not CONF.database.connection:
        CONF.set_override('connection', 'sqlite://', group='database')
        fixture.addCleanup(CONF.clear_override, 'connection',
                           group='database')
    fixture.addCleanup(db_api.patch_engine(engine))


class FreshDatabase(fixtures.Fixture):
    """An empty database on ``backend``, dropped after the test.

    ``engine`` and ``url`` reach it; it is not patched into glare.db.api.
    """

    def __init__(self, backend):
        super().__init__()
        self.backend = backend

    def _setUp(self):
        directory = self.useFixture(fixtures.TempDir()).path
        database = _new_database(self.backend, directory)
        self.addCleanup(database.drop)
        self.engine = database.engine
        self.url = database.url


_MIGRATED_LOCK = threading.Lock()
_MIGRATED = {}


def _drop_migrated():
    for database in _MIGRATED.values():
        try:
            database.drop()
        except Exception:
            pass  # the server may be gone at exit


atexit.register(_drop_migrated)


def _migrated(backend):
    """The migrated database this process uses for ``backend``."""
    with _MIGRATED_LOCK:
        database = _MIGRATED.get(backend)
        if database is None:
            if backend == SQLITE:
                directory = base._PROCESS_TMP
                database = _SQLiteDatabase(directory)
            else:
                database = _ServerDatabase(backend)
            try:
                migration.upgrade(engine=database.engine)
            except Exception:
                database.drop()
                raise
            _MIGRATED[backend] = database
        return database


def empty_tables(engine):
    """Delete every row, children first; much cheaper than migrating."""
    with engine.begin() as connection:
        for table in reversed(models.Base.metadata.sorted_tables):
            connection.execute(table.delete())


class MigratedDatabase(fixtures.Fixture):
    """An empty, migrated database on ``backend`` used by glare.db.api.

    Migrated once per process and backend; emptied before each test.
    """

    def __init__(self, backend):
        super().__init__()
        self.backend = backend

    def _setUp(self):
        database = _migrated(self.backend)
        self.engine = database.engine
        self.url = database.url
        empty_tables(self.engine)
        _use_engine(self, self.engine)
