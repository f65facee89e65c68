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

"""Test case bases and fixtures shared by the unit and functional trees."""

import atexit
import os
import shutil
import tempfile
import threading

import fixtures
from oslo_config import cfg
from oslo_config import fixture as config_fixture
from oslo_db.sqlalchemy import engines
import testtools

from glare import conf as glare_conf
from glare.db import api as db_api
from glare.db import migration
from glare.objects import registry
from glare import policy
from glare.store import api as store

CONF = cfg.CONF


class ConfFixture(fixtures.Fixture):
    """glare's options on the global CONF, restored after the test.

    glance_store reads only the global CONF, so tests use it too.
    """

    def _setUp(self):
        glare_conf.register_opts(CONF)
        # Parsed with no files or arguments: the embedded defaults.
        CONF([], project='glare', default_config_files=[])
        store.register_opts(CONF)
        self.config = self.useFixture(config_fixture.Config(CONF))
        self.state_dir = self.useFixture(fixtures.TempDir()).path
        # Tests speak the trusted development tokens unless they say
        # otherwise; deployments default to keystone.
        self.config.config(state_dir=self.state_dir,
                           auth_strategy='trusted')
        policy.reset()
        self.addCleanup(policy.reset)


_TEMPLATE_LOCK = threading.Lock()
_TEMPLATE = None
# Per-test temporary directories vanish with the test; the template lives
# as long as the process.
_PROCESS_TMP = tempfile.gettempdir()


def _sqlite_template():
    """A migrated SQLite file made once per test process.

    Tests copy it: migrating is the slow part.
    """
    global _TEMPLATE
    with _TEMPLATE_LOCK:
        if _TEMPLATE is None:
            directory = tempfile.mkdtemp(prefix='glare-template-',
                                         dir=_PROCESS_TMP)
            atexit.register(shutil.rmtree, directory, True)
            path = os.path.join(directory, 'template.sqlite')
            engine = engines.create_engine('sqlite:///' + path)
            migration.upgrade(engine=engine)
            engine.dispose()
            _TEMPLATE = path
        return _TEMPLATE


class SQLiteDatabase(fixtures.Fixture):
    """A fresh, migrated SQLite database file used by glare.db.api."""

    def _setUp(self):
        directory = self.useFixture(fixtures.TempDir()).path
        self.path = os.path.join(directory, 'glare.sqlite')
        shutil.copy(_sqlite_template(), self.path)
        self.url = 'sqlite:///' + self.path
        self.engine = engines.create_engine(self.url, sqlite_fk=True)
        self.addCleanup(self.engine.dispose)
        # The transaction factory must have started once before an engine
        # can be patched in; an in-memory URL makes that free.
        if not CONF.database.connection:
            CONF.set_override('connection', 'sqlite://', group='database')
            self.addCleanup(CONF.clear_override, 'connection',
                            group='database')
        self.addCleanup(db_api.patch_engine(self.engine))


class Types(fixtures.Fixture):
    """Enable the given artifact type classes for one test."""

    def __init__(self, types):
        super().__init__()
        self.types = types

    def _setUp(self):
        previous = registry.all_types()
        registry.use_types(self.types)
        self.addCleanup(registry.use_types, previous)


class TestCase(testtools.TestCase):
    """Base for every glare test: isolated config and policy."""

    def setUp(self):
        super().setUp()
        self.conf_fixture = self.useFixture(ConfFixture())
        self.useFixture(fixtures.NestedTempfile())

    def flags(self, group=None, **kwargs):
        self.conf_fixture.config.config(group=group, **kwargs)
