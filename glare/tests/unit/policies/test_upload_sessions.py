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

import os

from glare.policies import blobs
from glare.policies import upload_sessions
from glare import policy
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

    def test_an_override_of_upload_applies_to_sessions(self):
        # An operator who lets only admins upload means resumable
        # uploads too.
        path = os.path.join(self.conf_fixture.state_dir, 'policy.yaml')
        with open(path, 'w') as f:
            f.write('"%s": "role:admin"\n' % blobs.UPLOAD)
        self.flags(group='oslo_policy', policy_file=path)
        policy.reset()
        self.addCleanup(policy.reset)
        self.assertEqual({C.ADMIN}, C.allowed(
            upload_sessions.UPLOAD_SESSION, C.target('private', 'drafted')))

    def test_old_defaults_allow_what_glare_uploads_did(self):
        self.flags(group='oslo_policy', enforce_new_defaults=False)
        policy.reset()
        self.addCleanup(policy.reset)
        tgt = C.target('private', 'drafted')
        self.assertEqual(C.allowed(blobs.UPLOAD, tgt), C.allowed(
            upload_sessions.UPLOAD_SESSION, tgt))
        # Glare let any user of the owning project upload.
        self.assertIn(C.READER, C.allowed(upload_sessions.UPLOAD_SESSION,
                                          tgt))
