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

"""The rules of memberships, before anything is written."""

import datetime
from unittest import mock

from glare.artifact_types import all as all_type
from glare.artifact_types import images
from glare import context
from glare.engine import members
from glare import exception
from glare.tests import base

NOW = datetime.datetime(2026, 12, 4, 12, 0, 0)


def ctx(project, *roles):
    return context.RequestContext(user_id='u', project_id=project,
                                  roles=list(roles), all_projects=False)


def image(visibility='shared', owner='p1'):
    art = images.Image.new(ctx(owner, 'member'), {'name': 'golden'})
    art.visibility = visibility
    art.status = 'active'
    return art


def record(member='p3', status='pending'):
    return {'artifact_id': 'a', 'member': member, 'status': status,
            'created_at': NOW, 'updated_at': NOW}


class TestAdd(base.TestCase):
    def setUp(self):
        super().setUp()
        patcher = mock.patch.object(members, 'db_members')
        self.db = patcher.start()
        self.addCleanup(patcher.stop)
        transaction = mock.patch.object(members.db_api, 'transaction')
        transaction.start()
        self.addCleanup(transaction.stop)
        self.db.add.return_value = record()

    def test_a_pending_member_within_the_configured_limit(self):
        self.flags(max_artifact_members=5)
        art = image()
        self.assertEqual('pending', members.add(ctx('p1'), art,
                                                'p3')['status'])
        self.db.add.assert_called_once_with(mock.ANY, art.id, 'p3', 5)

    def test_project_ids_of_the_wrong_form_are_400(self):
        for member in ('', 'a' * 65, 'a b', 'a/b', 'é', 3, None, ['p3']):
            exc = self.assertRaises(exception.BadRequest, members.add,
                                    ctx('p1'), image(), member)
            self.assertIn('Invalid member', exc.msg)
        self.db.add.assert_not_called()

    def test_the_owner_is_no_member_of_its_artifact(self):
        exc = self.assertRaises(exception.BadRequest, members.add,
                                ctx('p1'), image(), 'p1')
        self.assertIn('owns artifact', exc.msg)
        self.db.add.assert_not_called()

    def test_only_shared_artifacts_have_members(self):
        for visibility in ('private', 'community', 'public'):
            exc = self.assertRaises(exception.NotShared, members.add,
                                    ctx('p1'), image(visibility), 'p3')
            self.assertEqual(403, exc.code)
            self.assertIn('is %s, not shared' % visibility, exc.msg)
        self.db.add.assert_not_called()

    def test_not_through_the_all_view(self):
        art = all_type.All()
        art.id, art.owner, art.visibility = 'a', 'p1', 'shared'
        self.assertRaises(exception.Forbidden, members.add, ctx('p1'), art,
                          'p3')


class TestReadAndAnswer(base.TestCase):
    def setUp(self):
        super().setUp()
        patcher = mock.patch.object(members, 'db_members')
        self.db = patcher.start()
        self.addCleanup(patcher.stop)
        transaction = mock.patch.object(members.db_api, 'transaction')
        transaction.start()
        self.addCleanup(transaction.stop)

    def test_the_owner_sees_every_member_a_member_itself(self):
        art = image()
        members.list_members(ctx('p1'), art)
        self.db.list_members.assert_called_with(mock.ANY, art.id,
                                                member=None)
        members.list_members(ctx('p3'), art)
        self.db.list_members.assert_called_with(mock.ANY, art.id,
                                                member='p3')

    def test_another_members_membership_is_not_found(self):
        exc = self.assertRaises(exception.MemberNotFound, members.get,
                                ctx('p4'), image(), 'p3')
        self.assertEqual(404, exc.code)
        self.db.get.assert_not_called()

    def test_answers_are_the_three_statuses(self):
        self.db.get.return_value = record()
        self.db.set_status.return_value = record(status='accepted')
        self.assertEqual('accepted', members.set_status(
            ctx('p3'), image(), 'p3', 'accepted')['status'])
        for status in ('yes', 'all', None, 1, ['accepted']):
            exc = self.assertRaises(exception.BadRequest, members.set_status,
                                    ctx('p3'), image(), 'p3', status)
            self.assertIn('Invalid member status', exc.msg)

    def test_answering_the_same_again_changes_nothing(self):
        self.db.get.return_value = record(status='accepted')
        members.set_status(ctx('p3'), image(), 'p3', 'accepted')
        self.db.set_status.assert_not_called()

    def test_no_answer_about_an_artifact_no_longer_shared(self):
        self.db.get.return_value = record()
        self.assertRaises(exception.NotShared, members.set_status,
                          ctx('p3'), image('community'), 'p3', 'accepted')
        self.db.set_status.assert_not_called()


class TestNotifications(base.TestCase):
    def test_each_change_is_reported_with_the_membership(self):
        calls = []
        with mock.patch.object(members, 'db_members') as db, \
                mock.patch.object(members.db_api, 'transaction'), \
                mock.patch.object(members.notifications, 'notify',
                                  side_effect=lambda c, action, payload:
                                  calls.append((action, payload))):
            db.add.return_value = record()
            db.get.return_value = record()
            db.set_status.return_value = record(status='rejected')
            db.remove.return_value = record(status='rejected')
            art = image()
            members.add(ctx('p1'), art, 'p3')
            members.set_status(ctx('p3'), art, 'p3', 'rejected')
            members.remove(ctx('p1'), art, 'p3')
        self.assertEqual(['member.create', 'member.update', 'member.delete'],
                         [action for action, _ in calls])
        self.assertEqual({'artifact_id': art.id, 'type_name': 'images',
                          'owner': 'p1', 'member_id': 'p3',
                          'status': 'rejected',
                          'created_at': '2026-12-04T12:00:00Z',
                          'updated_at': '2026-12-04T12:00:00Z'},
                         calls[1][1])
