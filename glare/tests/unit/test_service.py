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

"""Process start-up: the embedded defaults with no configuration."""

import logging
import os

import fixtures
from oslo_config import cfg

from glare import conf as glare_conf
from glare import service
from glare.tests import base


class TestPrepare(base.TestCase):
    def setUp(self):
        super().setUp()
        self.home = self.useFixture(fixtures.TempDir()).path
        # prepare() sets logging up for the process; undo that.
        root = logging.getLogger()
        self.addCleanup(setattr, root, 'handlers', list(root.handlers))
        self.addCleanup(root.setLevel, root.level)

    def prepare(self, conf_text=None, state_dir=None):
        conf = cfg.ConfigOpts()
        if state_dir is not None:
            # What the default (under $XDG_STATE_HOME) would be on a host.
            glare_conf.register_opts(conf)
            conf.set_default('state_dir', state_dir)
        argv = []
        if conf_text is not None:
            path = os.path.join(self.home, 'glare.conf')
            with open(path, 'w') as f:
                f.write(conf_text)
            argv = ['--config-file', path]
        return service.prepare(argv, conf=conf, default_config_files=[])

    def test_no_config_gives_sqlite_under_the_state_dir(self):
        state_dir = os.path.join(self.home, 'state', 'glare')
        conf = self.prepare(state_dir=state_dir)
        self.assertTrue(os.path.isdir(state_dir))
        self.assertEqual(
            'sqlite:///' + os.path.join(state_dir, 'glare.sqlite'),
            conf.database.connection)
        self.assertTrue(service.uses_embedded_database(conf))
        self.assertEqual('keystone', conf.auth_strategy)
        self.assertEqual('127.0.0.1', conf.bind_host)

    def test_relative_state_dir_becomes_absolute(self):
        self.addCleanup(os.chdir, os.getcwd())
        os.chdir(self.home)
        conf = self.prepare('[DEFAULT]\nstate_dir = rel\n')
        self.assertEqual(
            'sqlite:///' + os.path.join(self.home, 'rel', 'glare.sqlite'),
            conf.database.connection)

    def test_configured_database_is_kept_and_nothing_is_created(self):
        state_dir = os.path.join(self.home, 'unused')
        conf = self.prepare('[DEFAULT]\nstate_dir = %s\n[database]\n'
                            'connection = postgresql://db/glare\n' %
                            state_dir)
        self.assertEqual('postgresql://db/glare', conf.database.connection)
        self.assertFalse(service.uses_embedded_database(conf))
        self.assertFalse(os.path.exists(state_dir))
