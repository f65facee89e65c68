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

"""Default decisions of the blob data rules."""

from glare.policies import blobs
from glare.tests import base
from glare.tests.unit.policies import test_artifacts as common

C = common


class TestBlobRules(base.TestCase):
    def test_members_write_their_private_artifacts(self):
        for rule in ('artifact:upload', 'artifact:set_location',
                     'artifact:delete_blob'):
            self.assertEqual({C.ADMIN, C.MEMBER}, C.allowed(
                rule, C.target('private', 'drafted')), rule)
            self.assertEqual({C.ADMIN}, C.allowed(
                rule, C.target('public', 'active')), rule)

    def test_internal_locations_are_for_admins(self):
        self.assertEqual({C.ADMIN}, C.allowed(
            'artifact:set_internal_location', C.target('private', 'drafted')))

    def test_whoever_reads_it_downloads(self):
        self.assertEqual(C.EVERYONE, C.allowed(
            'artifact:download', C.target('public', 'active')))
        # Of a private artifact, whoever finds it (the read scope keeps
        # other projects from finding it) and reads at all.
        self.assertEqual(C.AUTHENTICATED,
                         C.allowed('artifact:download', C.target()))

    def test_deactivated_data_is_for_admins(self):
        self.assertEqual({C.ADMIN}, C.allowed(
            'artifact:download_deactivated',
            C.target('private', 'deactivated')))

    def test_rules_are_documented_and_project_scoped(self):
        for rule in blobs.list_rules():
            self.assertTrue(rule.description)
            self.assertEqual(['project'], rule.scope_types)
