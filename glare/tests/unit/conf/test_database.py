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

"""The embedded database default."""

from oslo_config import cfg

from glare import conf as glare_conf
from glare.conf import database
from glare.tests import base


class TestDatabaseDefaults(base.TestCase):
    def conf(self):
        conf = cfg.ConfigOpts()
        glare_conf.register_opts(conf)
        conf([], default_config_files=[])
        return conf

    def test_default_connection_is_sqlite_in_the_state_dir(self):
        conf = self.conf()
        conf.set_override('state_dir', '/srv/glare')
        self.assertEqual('sqlite:////srv/glare/glare.sqlite',
                         database.default_connection(conf))

    def test_connection_is_unset_until_start_up_picks_one(self):
        # glare.service fills it in, so an explicit setting always wins.
        self.assertIsNone(self.conf().database.connection)
