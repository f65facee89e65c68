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

"""Where the local state lives by default."""

import fixtures

from glare.conf import paths
from glare.tests import base


class TestStateDirDefault(base.TestCase):
    def test_follows_xdg_state_home(self):
        self.useFixture(fixtures.EnvironmentVariable('XDG_STATE_HOME',
                                                     '/srv/state'))
        self.assertEqual('/srv/state/glare', paths._default_state_dir())

    def test_falls_back_to_home(self):
        self.useFixture(fixtures.EnvironmentVariable('XDG_STATE_HOME'))
        self.useFixture(fixtures.EnvironmentVariable('HOME', '/home/u'))
        self.assertEqual('/home/u/.local/state/glare',
                         paths._default_state_dir())

    def test_sample_config_shows_the_variable_not_this_host(self):
        [opt] = paths.list_opts()['DEFAULT']
        self.assertEqual('$XDG_STATE_HOME/glare', opt.sample_default)
