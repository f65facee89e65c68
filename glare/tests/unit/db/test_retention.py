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

"""Retention policies and the versions they choose among
(glare.db.retention)."""

import datetime

from oslo_utils import timeutils

from glare.db import models
from glare.db import retention
from glare.tests.unit.db import rows


class TestPolicies(rows.DbTestCase):
    def setUp(self):
        super().setUp()
        timeutils.set_time_override(rows.T0)
        self.addCleanup(timeutils.clear_time_override)

    def test_set_then_changed(self):
        self.assertIsNone(retention.get_policy(self.ctx, 'p1', 'images'))
        self.assertEqual({'project_id': 'p1', 'type_name': 'images',
                          'keep_last': 3, 'keep_days': None,
                          'updated_at': rows.T0},
                         retention.set_policy(self.ctx, 'p1', 'images', 3,
                                              None))
        timeutils.advance_time_seconds(60)
        retention.set_policy(self.ctx, 'p1', 'images', 1, 30)
        policy = retention.get_policy(self.ctx, 'p1', 'images')
        self.assertEqual((1, 30, rows.T0 + datetime.timedelta(minutes=1)),
                         (policy['keep_last'], policy['keep_days'],
                          policy['updated_at']))
        self.assertEqual(1, self.count(models.RetentionPolicy))

    def test_one_policy_per_project_and_type(self):
        retention.set_policy(self.ctx, 'p2', 'images', 1, None)
        retention.set_policy(self.ctx, 'p1', 'images', 2, None)
        retention.set_policy(self.ctx, 'p1', 'heat_templates', 3, None)
        self.assertEqual(
            [('p1', 'heat_templates', 3), ('p1', 'images', 2),
             ('p2', 'images', 1)],
            [(p['project_id'], p['type_name'], p['keep_last'])
             for p in retention.all_policies(self.ctx)])
        self.assertIsNone(retention.get_policy(self.ctx, 'p2',
                                               'heat_templates'))


class TestVersions(rows.DbTestCase):
    def test_newest_first_per_name_and_identity_with_what_matters(self):
        ids = {}
        for name, version, identity, status in (
                ('ubuntu', '1.0.0', 'qcow2', 'active'),
                ('ubuntu', '2.0.0', 'qcow2', 'active'),
                ('ubuntu', '10.0.0', 'qcow2', 'deactivated'),
                ('ubuntu', '3.0.0', 'raw', 'drafted'),
                ('centos', '1.0.0', 'qcow2', 'active')):
            ids[name, version, identity] = self.add_artifact(
                name=name, version=version, identity_key=identity,
                status=status)
        aliased = ids['ubuntu', '1.0.0', 'qcow2']
        with self.session() as session:
            session.add(models.ArtifactAlias(
                type_name='images', name='ubuntu', identity_key='qcow2',
                owner='p1', alias='stable', artifact_id=aliased,
                updated_at=rows.T0))
        found = retention.versions(self.ctx, 'p1', 'images')
        self.assertEqual([
            ('centos', '1.0.0', 'qcow2', 'active', False),
            ('ubuntu', '10.0.0', 'qcow2', 'deactivated', False),
            ('ubuntu', '2.0.0', 'qcow2', 'active', False),
            ('ubuntu', '1.0.0', 'qcow2', 'active', True),
            ('ubuntu', '3.0.0', 'raw', 'drafted', False)],
            [(v['name'], v['version'], v['identity_key'], v['status'],
              bool(v['aliased'])) for v in found])
        self.assertEqual({'id', 'name', 'version', 'identity_key', 'status',
                          'visibility', 'consumer_count',
                          'last_downloaded_at', 'aliased'}, set(found[0]))

    def test_only_the_projects_live_artifacts_of_the_type(self):
        self.add_artifact(owner='p2', status='active')
        self.add_artifact(type_name='heat_templates', status='active')
        self.add_artifact(status='deleted')
        kept = self.add_artifact(status='active', name='kept')
        self.assertEqual([kept], [
            v['id'] for v in retention.versions(self.ctx, 'p1', 'images')])
