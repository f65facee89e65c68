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

"""Blob store options."""

from glare.conf import opts
from glare.conf import store
from glare.tests import base


class TestStoreOptions(base.TestCase):
    def test_filesystem_store_by_default(self):
        self.assertEqual({'fs': 'file'}, base.CONF.enabled_backends)
        self.assertEqual({}, base.CONF.artifact_type_stores)

    def test_options_reach_the_sample_config(self):
        listed = {opt.name for _, group in opts.list_opts() for opt in group}
        for opt in store.opts:
            self.assertIn(opt.name, listed)
