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

"""What a retention policy keeps, and why."""

import datetime

import fixtures

from glare.engine import retention
from glare import exception
from glare.tests import base

NOW = datetime.datetime(2026, 12, 4, 12, 0, 0)
POLICY = {'project_id': 'p1', 'type_name': 'images', 'keep_last': 2,
          'keep_days': 30}


def version(n, name='ubuntu', status='active', **values):
    art = {'id': 'id-%s-%d' % (name, n), 'name': name,
           'version': '1.%d.0' % n, 'identity_key': '{"disk_format":"raw"}',
           'status': status, 'visibility': 'private', 'consumer_count': 0,
           'last_downloaded_at': None, 'aliased': False}
    art.update(values)
    return art


class TestPolicyBody(base.TestCase):
    def test_counts(self):
        self.assertEqual((3, 30), retention.parse_policy(
            {'keep_last': 3, 'keep_days': 30}))
        self.assertEqual((1, None), retention.parse_policy({'keep_last': 1}))

    def test_bad_bodies_name_the_problem(self):
        for body, says in (({'keep_last': -1}, 'keep_last must be between'),
                           ({'keep_last': 0}, 'keep_last must be between'),
                           ({'keep_last': True}, 'integer'),
                           ({'keep_last': 1.5}, 'integer'),
                           ({'keep_days': 3}, 'keep_last is required'),
                           ({'keep_last': 1, 'keep_days': -1}, 'keep_days'),
                           ([], 'JSON object'),
                           ({'keep_last': 1, 'x': 1}, 'Unknown key x')):
            exc = self.assertRaises(exception.BadRequest,
                                    retention.parse_policy, body)
            self.assertIn(says, exc.msg)


class TestPlan(base.TestCase):
    def plan(self, versions, policy=POLICY):
        self.useFixture(fixtures.MockPatch(
            'glare.db.retention.versions', return_value=versions))
        return retention.plan(None, policy, NOW)

    def test_the_newest_active_versions_of_each_name_stay(self):
        delete, keep = self.plan([version(3), version(2), version(1),
                                  version(1, name='other')])
        self.assertEqual(['id-ubuntu-1'], [d['id'] for d in delete])
        self.assertEqual({'id-ubuntu-3': ['among the newest 2'],
                          'id-ubuntu-2': ['among the newest 2'],
                          'id-other-1': ['among the newest 2']},
                         {k['id']: k['reasons'] for k in keep})

    def test_every_reason_to_keep_is_given(self):
        recent = NOW - datetime.timedelta(days=3)
        old = NOW - datetime.timedelta(days=31)
        delete, keep = self.plan([
            version(9), version(8), version(7, consumer_count=2),
            version(6, aliased=True), version(5, last_downloaded_at=recent),
            version(4, last_downloaded_at=old),
            version(3, visibility='public'), version(2, status='drafted'),
            version(1, status='deactivated')])
        self.assertEqual(['id-ubuntu-4', 'id-ubuntu-1'],
                         [d['id'] for d in delete])
        self.assertEqual(
            [['among the newest 2']] * 2 + [['in use'], ['aliased'],
                                            ['downloaded recently'],
                                            ['public'], ['drafted']],
            [k['reasons'] for k in keep])

    def test_drafts_do_not_count_among_the_newest(self):
        delete, keep = self.plan([version(3, status='drafted'), version(2),
                                  version(1)])
        self.assertEqual([], delete)
        self.assertEqual(['drafted', 'among the newest 2',
                          'among the newest 2'],
                         [k['reasons'][0] for k in keep])

    def test_without_keep_days_downloads_do_not_matter(self):
        delete, _ = self.plan(
            [version(2), version(1, last_downloaded_at=NOW)],
            dict(POLICY, keep_last=1, keep_days=None))
        self.assertEqual(['id-ubuntu-1'], [d['id'] for d in delete])
