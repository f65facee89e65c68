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

"""Quota overrides, usage and limits (glare.db.quotas)."""

from glare.db import models
from glare.db import quotas
from glare import exception
from glare.tests.unit.db import rows

NUMBER = quotas.NUMBER
DATA = quotas.DATA
NO_LIMITS = (-1, -1)


class TestOverrides(rows.DbTestCase):
    def test_set_overrides_replaces_every_override_of_the_project(self):
        quotas.set_overrides(self.ctx, 'p1', {NUMBER: 5, DATA: 100})
        quotas.set_overrides(self.ctx, 'p1', {NUMBER + ':images': 2})
        # A quota left out goes back to its default, as Glare's PUT did.
        self.assertEqual({NUMBER + ':images': 2},
                         quotas.overrides(self.ctx, 'p1'))

    def test_overrides_belong_to_one_project(self):
        quotas.set_overrides(self.ctx, 'p1', {NUMBER: 5})
        quotas.set_overrides(self.ctx, 'p2', {NUMBER: 7})
        quotas.set_overrides(self.ctx, 'p2', {})
        self.assertEqual({NUMBER: 5}, quotas.overrides(self.ctx, 'p1'))
        self.assertEqual({}, quotas.overrides(self.ctx, 'p2'))

    def test_list_overrides_pages_by_project_id(self):
        for project in ('pc', 'pa', 'pb'):
            quotas.set_overrides(self.ctx, project, {NUMBER: 1, DATA: 2})
        page, more = quotas.list_overrides(self.ctx, limit=2)
        self.assertEqual(['pa', 'pb'], [p for p, _ in page])
        self.assertEqual({NUMBER: 1, DATA: 2}, page[0][1])
        self.assertTrue(more)
        page, more = quotas.list_overrides(self.ctx, limit=2, marker='pb')
        self.assertEqual((['pc'], False), ([p for p, _ in page], more))

    def test_list_overrides_without_limit_lists_every_project(self):
        for project in ('pa', 'pb'):
            quotas.set_overrides(self.ctx, project, {NUMBER: 1})
        self.assertEqual(([('pa', {NUMBER: 1}), ('pb', {NUMBER: 1})],
                          False), quotas.list_overrides(self.ctx))


class TestUsage(rows.DbTestCase):
    def setUp(self):
        super().setUp()
        image = self.add_artifact(owner='p1', name='a')
        self.add_blob(image, 'image', size=100)
        self.add_blob(image, 'extra', size=20)
        # External data and uploads still running take no room.
        self.add_blob(image, 'url', size=1000, external=True)
        self.add_blob(image, 'saving', size=None, status='saving',
                      upload_id='u')
        template = self.add_artifact(owner='p1', name='b',
                                     type_name='heat_templates')
        self.add_blob(template, 'template', size=7)
        self.add_artifact(owner='p1', name='c')
        self.add_artifact(owner='p1', name='gone', status='deleted')
        other = self.add_artifact(owner='p2', name='a')
        self.add_blob(other, 'image', size=5000)
        self.image = image

    def test_usage_counts_artifacts_and_bytes_per_type(self):
        self.assertEqual(
            ({'images': 2, 'heat_templates': 1},
             {'images': 120, 'heat_templates': 7}),
            quotas.usage(self.ctx, 'p1'))

    def test_a_project_without_artifacts_uses_nothing(self):
        self.assertEqual(({}, {}), quotas.usage(self.ctx, 'p3'))

    def test_data_usage_leaves_out_the_blob_being_replaced(self):
        with self.session() as session:
            self.assertEqual(
                {'images': 20, 'heat_templates': 7},
                quotas.data_usage(session, 'p1',
                                  exclude=(self.image, 'image', None)))


class TestLimits(rows.DbTestCase):
    def limits(self, defaults, kind=NUMBER, project='p1'):
        with self.session() as session:
            return quotas.limits(session, project, kind, 'images', defaults)

    def test_defaults_apply_without_overrides(self):
        self.assertEqual((10, 3), self.limits((10, 3)))

    def test_project_overrides_replace_defaults(self):
        quotas.set_overrides(self.ctx, 'p1', {NUMBER: 50,
                                              NUMBER + ':images': 5,
                                              DATA: 1})
        self.assertEqual((50, 5), self.limits((10, 3)))
        self.assertEqual((1, -1), self.limits(NO_LIMITS, kind=DATA))
        self.assertEqual((10, 3), self.limits((10, 3), project='p2'))

    def test_an_override_for_another_type_does_not_apply(self):
        quotas.set_overrides(self.ctx, 'p1', {NUMBER + ':heat': 1})
        self.assertEqual((-1, -1), self.limits(NO_LIMITS))

    def test_locked_limits_read_overrides_in_the_transaction(self):
        quotas.set_overrides(self.ctx, 'p1', {NUMBER: 4})
        with self.session() as session:
            self.assertEqual((4, -1), quotas.locked_limits(
                session, 'p1', NUMBER, 'images', (10, -1)))

    def test_a_project_is_locked_again_by_every_later_write(self):
        # The first quota-checked write creates the lock row; the next
        # ones must not trip over it.
        for _ in range(3):
            with self.session() as session:
                quotas.lock_project(session, 'p1')
                quotas.lock_project(session, 'p2')
        self.assertEqual(2, self.count(models.ProjectLock))


class TestDataRoom(rows.DbTestCase):
    def setUp(self):
        super().setUp()
        image = self.add_artifact(owner='p1', name='a')
        self.add_blob(image, 'image', size=100)
        template = self.add_artifact(owner='p1', name='b',
                                     type_name='heat_templates')
        self.add_blob(template, 'template', size=50)
        self.image = image

    def room(self, defaults, exclude=None):
        with self.session() as session:
            return quotas.data_room(session, 'p1', 'images', defaults,
                                    exclude=exclude)

    def test_no_room_is_computed_without_a_data_quota(self):
        self.assertIsNone(self.room(NO_LIMITS))

    def test_room_left_under_the_project_quota(self):
        self.assertEqual((850, (1000, -1), DATA), self.room((1000, -1)))

    def test_the_tighter_quota_binds(self):
        self.assertEqual((20, (1000, 120), DATA + ':images'),
                         self.room((1000, 120)))
        self.assertEqual((10, (160, 500), DATA), self.room((160, 500)))

    def test_no_room_is_never_negative(self):
        self.assertEqual(0, self.room((10, -1))[0])

    def test_the_replaced_blob_frees_its_room(self):
        self.assertEqual(120, self.room(
            (-1, 120), exclude=(self.image, 'image', ''))[0])

    def test_an_override_sets_the_room(self):
        quotas.set_overrides(self.ctx, 'p1', {DATA + ':images': 130})
        self.assertEqual((30, (-1, 130), DATA + ':images'),
                         self.room(NO_LIMITS))


class TestCheckData(rows.DbTestCase):
    def setUp(self):
        super().setUp()
        image = self.add_artifact(owner='p1')
        self.add_blob(image, 'image', size=100)

    def check(self, limits):
        with self.session() as session:
            quotas.check_data(session, 'p1', 'images', limits)

    def test_within_limits_passes(self):
        self.check((100, 100))
        self.check(NO_LIMITS)

    def test_over_the_project_quota_is_413_naming_it(self):
        error = self.assertRaises(exception.DataQuotaExceeded, self.check,
                                  (99, -1))
        self.assertEqual(413, error.code)
        self.assertIn('quota max_uploaded_data)', str(error))
        self.assertIn('to 100', str(error))

    def test_over_the_type_quota_names_the_type(self):
        error = self.assertRaises(exception.DataQuotaExceeded, self.check,
                                  (-1, 99))
        self.assertIn('max_uploaded_data:images', str(error))
