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

"""Import options: nothing private is reachable by default."""

from glare.tests import base


class TestImportOptions(base.TestCase):
    def test_defaults_reach_public_web_servers_only(self):
        opts = base.CONF.blob_import
        self.assertEqual(['http', 'https'], opts.allowed_schemes)
        self.assertEqual(['80', '443'], opts.allowed_ports)
        self.assertEqual([], opts.allowed_networks)
        self.assertEqual(0, opts.max_size)
