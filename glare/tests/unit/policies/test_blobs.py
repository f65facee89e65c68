"""Default decisions of the blob data rules."""

from glare.policies import blobs
from glare.tests import base
from glare.tests.unit.policies import test_artifacts as common

OWNER, OTHER, ADMIN = common.OWNER, common.OTHER, common.ADMIN


class TestBlobRules(base.TestCase):
    def allowed(self, rule, tgt):
        return {who for who, ctx in common.contexts().items()
                if ctx.can(rule, tgt, fatal=False)}

    def test_owner_uploads_to_private_artifacts(self):
        self.assertEqual({OWNER, ADMIN}, self.allowed(
            'artifact:upload', common.target('private', 'drafted')))
        self.assertEqual({ADMIN}, self.allowed(
            'artifact:upload', common.target('public', 'active')))

    def test_anyone_who_sees_it_downloads(self):
        self.assertEqual({OWNER, OTHER, ADMIN}, self.allowed(
            'artifact:download', common.target('public', 'active')))

    def test_deactivated_data_is_for_admins(self):
        self.assertEqual({ADMIN}, self.allowed(
            'artifact:download_deactivated',
            common.target('private', 'deactivated')))

    def test_rules_are_documented_and_project_scoped(self):
        for rule in blobs.list_rules():
            self.assertTrue(rule.description)
            self.assertEqual(['project'], rule.scope_types)
