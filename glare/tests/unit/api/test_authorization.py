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

"""The one load-and-authorize seam: 404 for the unreadable, 403 after."""

from unittest import mock

from glare.api import authorization
from glare.artifact_types import images
from glare import context
from glare.engine import artifacts as engine
from glare import exception
from glare.policies import artifacts as artifact_policy
from glare.policies import consumers as consumer_policy
from glare.policies import members as member_policy
from glare.tests import base


def ctx(project, *roles):
    return context.RequestContext(user_id='u', project_id=project,
                                  roles=list(roles))


def image(owner='p1', visibility='private', status='drafted'):
    art = images.Image.new(ctx(owner, 'member'), {'name': 'cirros'})
    art.visibility, art.status = visibility, status
    return art


class TestCheck(base.TestCase):
    def test_target_is_what_rules_see(self):
        self.assertEqual({'owner': 'p1', 'project_id': 'p1',
                          'visibility': 'public', 'status': 'active',
                          'type_name': 'images'},
                         authorization.target(image(
                             visibility='public', status='active')))

    def test_a_persona_that_cannot_read_gets_404_not_403(self):
        # No role that reads at all: hidden, whatever else it asks.
        exc = self.assertRaises(exception.ArtifactNotFound,
                                authorization.check, ctx('p1', 'observer'),
                                image(), [artifact_policy.UPDATE])
        self.assertEqual(404, exc.code)

    def test_a_reader_is_refused_writes_with_403(self):
        exc = self.assertRaises(exception.PolicyNotAuthorized,
                                authorization.check, ctx('p1', 'reader'),
                                image(), [artifact_policy.UPDATE])
        self.assertEqual('Policy does not allow artifact:update.', exc.msg)

    def test_every_rule_is_checked(self):
        member = ctx('p1', 'member', 'reader')
        authorization.check(member, image(), [artifact_policy.UPDATE,
                                              artifact_policy.ACTIVATE])
        self.assertRaises(exception.PolicyNotAuthorized, authorization.check,
                          member, image(), [artifact_policy.UPDATE,
                                            artifact_policy.PUBLISH])


class TestLoadAndGuard(base.TestCase):
    def test_load_reads_then_checks(self):
        art = image()
        with mock.patch.object(engine, 'get', return_value=art) as get:
            self.assertIs(art, authorization.load(
                ctx('p1', 'member', 'reader'), images.Image, art.id,
                artifact_policy.ACTIVATE))
        get.assert_called_once_with(mock.ANY, images.Image, art.id)

    def test_guard_maps_the_engines_actions_to_rules(self):
        guard = authorization.guard(ctx('p1', 'member', 'reader'))
        guard(image(), ['update', 'activate'])
        exc = self.assertRaises(exception.PolicyNotAuthorized, guard,
                                image(status='active'), ['publish'])
        self.assertEqual('Policy does not allow artifact:publish.', exc.msg)

    def test_every_action_the_engine_names_has_a_rule(self):
        rules = {rule.name for rule in artifact_policy.list_rules() +
                 member_policy.list_rules() +
                 consumer_policy.list_rules()}
        self.assertLessEqual(set(authorization.ACTION_RULES.values()),
                             rules)


class TestCheckMembership(base.TestCase):
    def test_the_rule_sees_the_project_the_membership_is_about(self):
        art = image(visibility='shared', status='active')
        member = ctx('p3', 'member', 'reader')
        authorization.check_membership(member, art, 'p3',
                                       member_policy.SET_STATUS)
        exc = self.assertRaises(exception.PolicyNotAuthorized,
                                authorization.check_membership, member, art,
                                'p4', member_policy.SET_STATUS)
        self.assertEqual('Policy does not allow '
                         'artifact:member_set_status.', exc.msg)

    def test_sharing_actions_have_their_rules(self):
        guard = authorization.guard(ctx('p1', 'member', 'reader'))
        guard(image(status='active'), ['share', 'communitize'])
        stranger = ctx('p3', 'member', 'reader')
        exc = self.assertRaises(exception.PolicyNotAuthorized,
                                authorization.guard(stranger),
                                image(status='active'), ['share'])
        self.assertEqual('Policy does not allow artifact:share.', exc.msg)
