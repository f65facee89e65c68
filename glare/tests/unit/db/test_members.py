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

"""Memberships of shared artifacts (glare.db.members)."""

from glare.db import members
from glare.db import models
from glare.db import visibility
from glare import exception
from glare.tests.unit.db import rows

import sqlalchemy as sa


class TestMembers(rows.DbTestCase):
    def shared(self, **values):
        values.setdefault('visibility', 'shared')
        values.setdefault('status', 'active')
        return self.add_artifact(**values)

    def test_added_pending_then_answered(self):
        art = self.shared()
        self.assertEqual('pending', members.add(self.ctx, art, 'p3')[
            'status'])
        members.set_status(self.ctx, art, 'p3', 'accepted')
        self.assertEqual([('p3', 'accepted')], [
            (m['member'], m['status'])
            for m in members.list_members(self.ctx, art)])

    def test_only_shared_artifacts_take_members(self):
        art = self.add_artifact(visibility='community', status='active')
        self.assertRaises(exception.NotShared, members.add, self.ctx, art,
                          'p3')
        self.assertEqual(0, self.count(models.ArtifactMember))

    def test_duplicates_and_the_limit(self):
        art = self.shared()
        members.add(self.ctx, art, 'p3', limit=2)
        self.assertRaises(exception.DuplicateMember, members.add, self.ctx,
                          art, 'p3', limit=2)
        members.add(self.ctx, art, 'p4', limit=2)
        exc = self.assertRaises(exception.MemberLimitExceeded, members.add,
                                self.ctx, art, 'p5', limit=2)
        self.assertEqual(413, exc.code)
        self.assertEqual(2, self.count(models.ArtifactMember))

    def test_no_answer_once_the_artifact_is_not_shared(self):
        art = self.shared()
        members.add(self.ctx, art, 'p3')
        with self.session() as session:
            session.execute(sa.update(models.Artifact).values(
                visibility='private'))
        self.assertRaises(exception.NotShared, members.set_status,
                          self.ctx, art, 'p3', 'accepted')
        self.assertRaises(exception.MemberNotFound, members.set_status,
                          self.ctx, art, 'p9', 'accepted')
        self.assertEqual('pending', members.get(self.ctx, art, 'p3')[
            'status'])

    def test_removed_memberships_grant_nothing(self):
        art = self.shared()
        members.add(self.ctx, art, 'p3')
        members.set_status(self.ctx, art, 'p3', 'accepted')
        readable = visibility.readable('p3')
        with self.session() as session:
            self.assertEqual(1, session.scalar(sa.select(
                sa.func.count()).select_from(models.Artifact).where(
                    readable)))
        self.assertEqual('accepted', members.remove(self.ctx, art, 'p3')[
            'status'])
        with self.session() as session:
            self.assertEqual(0, session.scalar(sa.select(
                sa.func.count()).select_from(models.Artifact).where(
                    readable)))
        self.assertRaises(exception.MemberNotFound, members.remove,
                          self.ctx, art, 'p3')
