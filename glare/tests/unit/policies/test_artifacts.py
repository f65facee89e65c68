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

"""Default decisions of the artifact rules, persona by persona."""

from glare import context
from glare.policies import artifacts
from glare.tests import base

ADMIN = 'admin'
MEMBER, READER = 'member', 'reader'            # of the owning project
OTHER_MEMBER, OTHER_READER = 'other-member', 'other-reader'
SERVICE, ANONYMOUS = 'service', 'anonymous'
EVERYONE = {ADMIN, MEMBER, READER, OTHER_MEMBER, OTHER_READER, SERVICE,
            ANONYMOUS}
AUTHENTICATED = EVERYONE - {ANONYMOUS}


def contexts():
    """One context per persona, roles as keystone puts them in tokens."""
    def ctx(project, *roles):
        return context.RequestContext(user_id='u-%s' % project,
                                      project_id=project, roles=list(roles))
    return {
        ADMIN: ctx('p-admin', 'admin', 'member', 'reader'),
        MEMBER: ctx('p-owner', 'member', 'reader'),
        READER: ctx('p-owner', 'reader'),
        OTHER_MEMBER: ctx('p-other', 'member', 'reader'),
        OTHER_READER: ctx('p-other', 'reader'),
        SERVICE: ctx('p-service', 'service'),
        ANONYMOUS: context.RequestContext(anonymous=True),
    }


def target(visibility='private', status='active'):
    return {'owner': 'p-owner', 'project_id': 'p-owner',
            'visibility': visibility, 'status': status,
            'type_name': 'images'}


# rule -> who is allowed on a private and on a public active artifact.
EXPECTED = {
    'artifact:read_all_projects': ({ADMIN, SERVICE}, {ADMIN, SERVICE}),
    # Which artifacts a caller finds at all is the read scope's
    # (glare.db.visibility): another project never finds this private
    # one. The rule says which personas read what they find.
    'artifact:get': (AUTHENTICATED, EVERYONE),
    'artifact:update': ({ADMIN, MEMBER}, {ADMIN}),
    'artifact:activate': ({ADMIN, MEMBER}, {ADMIN, MEMBER}),
    'artifact:deactivate': ({ADMIN}, {ADMIN}),
    'artifact:reactivate': ({ADMIN}, {ADMIN}),
    'artifact:publish': ({ADMIN}, {ADMIN}),
    'artifact:delete_private': ({ADMIN, MEMBER}, {ADMIN, MEMBER}),
    'artifact:delete_public': ({ADMIN}, {ADMIN}),
    'artifact:delete_deactivated': ({ADMIN}, {ADMIN}),
    'artifact:restore': ({ADMIN}, {ADMIN}),
}


def allowed(rule, tgt):
    return {who for who, ctx in contexts().items()
            if ctx.can(rule, tgt, fatal=False)}


class TestArtifactRules(base.TestCase):
    def test_default_decisions(self):
        for rule, (private, public) in EXPECTED.items():
            self.assertEqual(private, allowed(rule, target()), rule)
            self.assertEqual(public, allowed(rule, target('public')), rule)

    def test_create_and_list_target_the_callers_project(self):
        def own(who):
            ctx = contexts()[who]
            return {'owner': ctx.project_id, 'project_id': ctx.project_id}
        self.assertEqual({ADMIN, MEMBER, OTHER_MEMBER}, {
            who for who, ctx in contexts().items()
            if ctx.can('artifact:create', own(who), fatal=False)})
        # Everyone lists; what they see is scoped (read_all_projects).
        self.assertEqual(EVERYONE, {
            who for who, ctx in contexts().items()
            if ctx.can('artifact:list', own(who), fatal=False)})

    def test_a_reader_never_writes(self):
        writes = [name for name in EXPECTED
                  if name not in ('artifact:get',
                                  'artifact:read_all_projects')]
        for rule in writes + ['artifact:create']:
            for tgt in (target(), target('public'), target('private',
                                                           'drafted')):
                who = allowed(rule, tgt)
                self.assertFalse(who & {READER, OTHER_READER, ANONYMOUS,
                                        SERVICE}, rule)

    def test_every_rule_is_checked_here(self):
        names = {rule.name for rule in artifacts.list_rules()}
        self.assertEqual(names, set(EXPECTED) | {'artifact:create',
                                                 'artifact:list'})
