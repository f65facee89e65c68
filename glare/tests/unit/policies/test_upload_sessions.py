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

"""Default decisions of the upload session rule."""

from glare.policies import upload_sessions
from glare.tests import base
from glare.tests.unit.policies import test_artifacts as common

C = common


class TestUploadSessionRules(base.TestCase):
    def test_members_upload_to_their_private_artifacts(self):
        rule = upload_sessions.UPLOAD_SESSION
        self.assertEqual({C.ADMIN, C.MEMBER}, C.allowed(
            rule, C.target('private', 'drafted')))
        self.assertEqual({C.ADMIN}, C.allowed(
            rule, C.target('public', 'active')))
