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

"""Which alias names exist."""

from glare.engine import aliases
from glare import exception
from glare.tests import base


class TestAliasNames(base.TestCase):
    def test_names(self):
        for good in ('stable', 'lts', '22.04', 'release_2-x', 'a' * 64):
            self.assertEqual(good, aliases.check_alias(good))
        for bad in ('', '-x', '.x', 'a b', 'a/b', 'é', 'a' * 65, None):
            self.assertRaises(exception.BadRequest, aliases.check_alias,
                              bad)
