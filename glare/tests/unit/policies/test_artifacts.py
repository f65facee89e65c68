"""Default decisions of the artifact rules: owner, other project, admin."""

from glare import context
from glare.policies import artifacts
from glare.tests import base

OWNER, OTHER, ADMIN = 'owner', 'other', 'admin'

# rule -> (target visibility, status) -> who is allowed.
EXPECTED = {
    'artifact:create': {OWNER, OTHER, ADMIN},
    'artifact:list': {OWNER, OTHER, ADMIN},
    'artifact:get': {OWNER, OTHER, ADMIN},
    'artifact:activate': {OWNER, ADMIN},
    'artifact:deactivate': {ADMIN},
    'artifact:reactivate': {ADMIN},
    'artifact:publish': {ADMIN},
    'artifact:delete_private': {OWNER, ADMIN},
    'artifact:delete_public': {ADMIN},
    'artifact:delete_deactivated': {ADMIN},
}


def contexts():
    return {
        OWNER: context.RequestContext(user_id='u1', project_id='p-owner',
                                      roles=['member', 'reader']),
        OTHER: context.RequestContext(user_id='u2', project_id='p-other',
                                      roles=['member', 'reader']),
        ADMIN: context.RequestContext(user_id='u3', project_id='p-admin',
                                      roles=['admin', 'member']),
    }


def target(visibility='private', status='active'):
    return {'owner': 'p-owner', 'project_id': 'p-owner',
            'visibility': visibility, 'status': status,
            'type_name': 'images'}


class TestArtifactRules(base.TestCase):
    def allowed(self, rule, tgt):
        return {who for who, ctx in contexts().items()
                if ctx.can(rule, tgt, fatal=False)}

    def test_default_decisions(self):
        for rule, who in EXPECTED.items():
            self.assertEqual(who, self.allowed(rule, target()), rule)

    def test_update_private_vs_public(self):
        self.assertEqual({OWNER, ADMIN}, self.allowed(
            'artifact:update', target('private', 'drafted')))
        # A public artifact is changed by administrators only.
        self.assertEqual({ADMIN}, self.allowed(
            'artifact:update', target('public', 'active')))

    def test_every_rule_is_checked_here(self):
        names = {rule.name for rule in artifacts.list_rules()}
        self.assertEqual(names, set(EXPECTED) | {'artifact:update'})
