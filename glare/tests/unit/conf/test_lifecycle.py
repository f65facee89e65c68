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

"""Version lifecycle options."""

from glare.conf import lifecycle
from glare.tests import base


class TestLifecycleOptions(base.TestCase):
    def test_defaults(self):
        self.assertEqual(60, base.CONF.usage_flush_interval)
        self.assertTrue(base.CONF.retention_enabled)

    def test_listed_for_the_sample_file(self):
        self.assertEqual({'usage_flush_interval', 'retention_enabled'},
                         {o.name for o in lifecycle.list_opts()['DEFAULT']})
