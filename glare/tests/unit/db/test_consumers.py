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

"""Consumers of artifacts and the rebuild list (glare.db.consumers)."""

from oslo_utils import timeutils

from glare.db import consumers
from glare.db import models
from glare import exception
from glare.tests.unit.db import rows

INSTANCE = {'service': 'compute', 'resource_type': 'instance',
            'project_id': 'p1'}


class ConsumersTestCase(rows.DbTestCase):
    def setUp(self):
        super().setUp()
        timeutils.set_time_override(rows.T0)
        self.addCleanup(timeutils.clear_time_override)

    def register(self, artifact_id, consumer_id, **values):
        return consumers.register(self.ctx, artifact_id, consumer_id,
                                  dict(INSTANCE, **values))

    def artifact_row(self, artifact_id):
        with self.session() as session:
            row = session.get(models.Artifact, artifact_id)
            return row.consumer_count, row.row_version


class TestRegistrations(ConsumersTestCase):
    def test_registering_counts_and_moves_the_row_version(self):
        art = self.add_artifact(status='active')
        consumer, created = self.register(art, 'vm-1')
        self.assertTrue(created)
        self.assertEqual({'artifact_id': art, 'consumer_id': 'vm-1',
                          'service': 'compute', 'resource_type': 'instance',
                          'project_id': 'p1', 'created_at': rows.T0},
                         consumer)
        # A deletion that read the artifact unused loses to it.
        self.assertEqual((1, 2), self.artifact_row(art))

    def test_registering_again_keeps_the_first_registration(self):
        art = self.add_artifact(status='active')
        self.register(art, 'vm-1')
        consumer, created = self.register(art, 'vm-1', service='volume')
        self.assertFalse(created)
        self.assertEqual('compute', consumer['service'])
        self.assertEqual((1, 2), self.artifact_row(art))
        self.assertEqual(1, self.count(models.ArtifactConsumer))

    def test_a_deleted_artifact_takes_no_consumer(self):
        art = self.add_artifact(status='deleted')
        exc = self.assertRaises(exception.ArtifactNotFound, self.register,
                                art, 'vm-1')
        self.assertIn(art, str(exc))
        self.assertEqual(0, self.count(models.ArtifactConsumer))

    def test_unregistering_says_what_it_was(self):
        art = self.add_artifact(status='active')
        self.register(art, 'vm-1')
        self.register(art, 'vm-2')
        gone = consumers.unregister(self.ctx, art, 'vm-1')
        self.assertEqual(('vm-1', 'compute'),
                         (gone['consumer_id'], gone['service']))
        self.assertEqual((1, 4), self.artifact_row(art))
        self.assertEqual(['vm-2'], [
            c['consumer_id'] for c in consumers.of_artifact(self.ctx, art)])

    def test_an_unknown_consumer_is_named(self):
        art = self.add_artifact(status='active')
        exc = self.assertRaises(exception.ConsumerNotFound,
                                consumers.unregister, self.ctx, art, 'vm-9')
        self.assertEqual(404, exc.code)
        self.assertIn('vm-9', str(exc))
        self.assertEqual((0, 1), self.artifact_row(art))

    def test_a_forced_deletion_drops_them_all(self):
        art = self.add_artifact(status='active')
        other = self.add_artifact(status='active', name='other')
        for vm in ('vm-1', 'vm-2'):
            self.register(art, vm)
        self.register(other, 'vm-1')
        consumers.remove_all(self.ctx, art)
        self.assertEqual([], consumers.of_artifact(self.ctx, art))
        self.assertEqual(0, self.artifact_row(art)[0])
        self.assertEqual(1, len(consumers.of_artifact(self.ctx, other)))

    def test_an_artifacts_consumers_oldest_first(self):
        art = self.add_artifact(status='active')
        self.register(art, 'vm-b')
        timeutils.advance_time_seconds(1)
        self.register(art, 'vm-a')
        self.assertEqual(['vm-b', 'vm-a'], [
            c['consumer_id'] for c in consumers.of_artifact(self.ctx, art)])

    def test_what_one_consumer_uses_among_the_readable(self):
        mine = self.add_artifact(status='active', name='ovf')
        public = self.add_artifact(status='active', name='disk',
                                   owner='p2', visibility='public')
        hidden = self.add_artifact(status='active', name='secret',
                                   owner='p2')
        for art in (mine, public, hidden):
            self.register(art, 'vm-1')
        self.assertEqual([('disk', public), ('ovf', mine)], [
            (record['name'], consumer['artifact_id'])
            for consumer, record in consumers.uses(self.ctx, 'vm-1', 'p1')])
        self.assertEqual(3, len(consumers.uses(self.ctx, 'vm-1', None)))
        self.assertEqual([], consumers.uses(self.ctx, 'vm-2', None))


class TestRebuildList(ConsumersTestCase):
    def versions(self, name='ubuntu', owner='p1', newest='active',
                 **values):
        old = self.add_artifact(name=name, version='1.0.0', owner=owner,
                                status='active', **values)
        new = self.add_artifact(name=name, version='1.1.0', owner=owner,
                                status=newest, **values)
        return old, new

    def outdated(self, **kwargs):
        found, more = consumers.outdated(self.ctx, **kwargs)
        return [(item['artifact']['name'], item['consumer']['consumer_id'])
                for item in found], more

    def test_consumers_of_a_version_with_a_newer_active_one(self):
        old, new = self.versions()
        self.register(old, 'vm-1')
        self.register(new, 'vm-2')
        found, more = consumers.outdated(self.ctx)
        self.assertFalse(more)
        self.assertEqual([{
            'consumer': dict(INSTANCE, artifact_id=old, consumer_id='vm-1',
                             created_at=rows.T0),
            'artifact': {'id': old, 'type_name': 'images', 'name': 'ubuntu',
                         'version': '1.0.0'},
            'newest': {'id': new, 'version': '1.1.0'}}], found)

    def test_a_drafted_newer_version_outdates_nothing(self):
        old, _ = self.versions(newest='drafted')
        self.register(old, 'vm-1')
        self.assertEqual(([], False), self.outdated())

    def test_another_identity_is_not_newer(self):
        old = self.add_artifact(name='ubuntu', version='1.0.0',
                                status='active', identity_key='raw')
        self.add_artifact(name='ubuntu', version='2.0.0', status='active',
                          identity_key='qcow2')
        self.register(old, 'vm-1')
        self.assertEqual(([], False), self.outdated())

    def test_newer_means_readable_by_the_consumers_project(self):
        old = self.add_artifact(name='ubuntu', version='1.0.0',
                                status='active', visibility='public',
                                owner='p2')
        self.add_artifact(name='ubuntu', version='2.0.0', status='active',
                          owner='p2')
        self.register(old, 'vm-p1', project_id='p1')
        self.register(old, 'vm-p2', project_id='p2')
        self.assertEqual(([('ubuntu', 'vm-p2')], False), self.outdated())

    def test_filters(self):
        ubuntu, _ = self.versions()
        centos, _ = self.versions(name='centos', visibility='public')
        self.register(ubuntu, 'vm-1')
        self.register(ubuntu, 'vol-1', service='volume')
        self.register(centos, 'vm-2', project_id='p2')
        self.assertEqual(([('ubuntu', 'vm-1'), ('ubuntu', 'vol-1')], False),
                         self.outdated(consumer_project='p1'))
        self.assertEqual(([('centos', 'vm-2')], False),
                         self.outdated(name='centos'))
        self.assertEqual(([('ubuntu', 'vol-1')], False),
                         self.outdated(service='volume'))
        self.assertEqual(([], False), self.outdated(type_name='secrets'))

    def test_pages_follow_each_other(self):
        ubuntu, _ = self.versions()
        centos, _ = self.versions(name='centos')
        for art, vm in ((ubuntu, 'vm-1'), (ubuntu, 'vm-2'), (centos, 'vm-1'),
                        (ubuntu, 'vm-3'), (centos, 'vm-4')):
            self.register(art, vm)
        walked, marker = [], None
        for _page in range(3):
            found, more = consumers.outdated(self.ctx, limit=2,
                                             marker=marker)
            walked.append([item['consumer']['consumer_id']
                           for item in found])
            last = found[-1]
            marker = consumers.outdated_marker(
                self.ctx, last['artifact']['id'],
                last['consumer']['consumer_id'])
        self.assertFalse(more)
        self.assertEqual([['vm-1', 'vm-4'], ['vm-1', 'vm-2'], ['vm-3']],
                         walked)

    def test_a_marker_outlives_its_consumer_not_its_artifact(self):
        old, _ = self.versions()
        self.register(old, 'vm-1')
        self.register(old, 'vm-2')
        marker = consumers.outdated_marker(self.ctx, old, 'vm-1')
        consumers.unregister(self.ctx, old, 'vm-1')
        self.assertEqual(([('ubuntu', 'vm-2')], False),
                         self.outdated(marker=marker))
        self.assertIsNone(consumers.outdated_marker(self.ctx, 'nope',
                                                    'vm-1'))
