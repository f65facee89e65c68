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

"""The version lifecycle story (microversion 1.2), on SQLite and PostgreSQL.

ubuntu 1.0 is published as qcow2 and raw; three instances boot 1.0
qcow2 and register as its consumers; 1.1 qcow2 is published; the
rebuild list names exactly those three; ``stable`` moves from 1.0 to
1.1; 1.0 cannot be deleted while used; retention keeps it while used
and deletes it once the last instance moved; every step is notified.
"""

import os
import subprocess
import sys

import fixtures
from oslo_serialization import jsonutils

from glare import context as glare_context
from glare.db import outbox
from glare.tests import databases
from glare.tests.functional import base

V12 = {'OpenStack-API-Version': 'artifact 1.2'}
V10 = {'OpenStack-API-Version': 'artifact 1.0'}
IMAGES = '/artifacts/images'
SERVICE = 'nova:service-project:service'
INSTANCE = {'service': 'compute', 'resource_type': 'instance'}


class _LifecycleStory:
    backend = None

    def database(self):
        return databases.MigratedDatabase(self.backend)

    def setUp(self):
        super().setUp()
        self.useFixture(fixtures.MockPatch(
            'glare.engine.notifications.enabled', return_value=True))
        # The outbox is read by the test, not sent.
        self.useFixture(fixtures.MockPatch(
            'glare.engine.notification_sender.ensure_running'))

    def events(self):
        ctx = glare_context.get_admin_context()
        return [(n['event_type'], n['payload'])
                for n in outbox.pending(ctx, 10000)]

    def call(self, method, url, body=None, token=base.MEMBER, headers=None,
             status='*'):
        headers = dict(V12, **(headers or {}))
        if body is not None:
            headers['Content-Type'] = 'application/json'
            body = jsonutils.dump_as_bytes(body)
        return self.app.request(url, method=method.upper(),
                                headers=self._headers(token, headers),
                                body=body or b'', status=status)

    def command(self, *argv):
        """A glare command, the real one, on the test's database."""
        config = os.path.join(self.conf_fixture.state_dir, 'scrub.conf')
        with open(config, 'w') as f:
            f.write('[DEFAULT]\nstate_dir = %s\ndelayed_delete = true\n'
                    '[database]\nconnection = %s\n'
                    '[oslo_messaging_notifications]\n'
                    'driver = messagingv2\n' % (
                        self.conf_fixture.state_dir, self.db.url))
        command = os.path.join(os.path.dirname(sys.executable), argv[0])
        result = subprocess.run([command, '--config-file', config] +
                                list(argv[1:]), capture_output=True,
                                text=True, timeout=120)
        self.assertEqual(0, result.returncode, result.stderr)
        return result.stdout

    def scrubber_run(self):
        return self.command('glare-scrubber')

    def publish(self, version, disk_format='qcow2', name='ubuntu'):
        art = self.create(name=name, version=version,
                          disk_format=disk_format, container_format='bare')
        resp = self.app.put('%s/%s/image' % (IMAGES, art['id']), b'data',
                            headers={'X-Auth-Token': base.MEMBER,
                                     'Content-Type':
                                     'application/octet-stream'})
        self.assertEqual(200, resp.status_int, resp.text)
        return self.set_status(art, 'active')

    def consumers_url(self, art, consumer_id=None):
        url = '%s/%s/consumers' % (IMAGES, art['id'])
        return url + '/' + consumer_id if consumer_id else url

    def add_consumer(self, art, consumer_id, token=base.MEMBER):
        resp = self.call('put', self.consumers_url(art, consumer_id),
                         INSTANCE, token=token)
        self.assertEqual(200, resp.status_int, resp.text)
        return resp.json

    def show(self, art, headers=V12):
        return self.get('%s/%s' % (IMAGES, art['id']), headers=headers).json

    def test_story(self):
        old_qcow2 = self.publish('1.0')
        old_raw = self.publish('1.0', 'raw')
        instances = ['vm-1', 'vm-2', 'vm-3']
        for vm in instances:
            consumer = self.add_consumer(old_qcow2, vm)
            self.assertEqual((vm, 'compute', 'instance', 'project1'), (
                consumer['consumer_id'], consumer['service'],
                consumer['resource_type'], consumer['project_id']))
        # Idempotent: a second registration changes nothing.
        self.add_consumer(old_qcow2, 'vm-1')
        self.assertEqual(3, self.show(old_qcow2)['consumer_count'])
        self.assertNotIn('consumer_count', self.show(old_qcow2, V10))
        listed = self.call('get', '%s?consumer_count=gt:0' % IMAGES).json
        self.assertEqual([old_qcow2['id']],
                         [a['id'] for a in listed['artifacts']])
        self.assertEqual(sorted(instances), sorted(
            c['consumer_id'] for c in
            self.call('get', self.consumers_url(old_qcow2)).json[
                'consumers']))
        used = self.call('get', '/consumers/vm-2').json
        self.assertEqual([(old_qcow2['id'], '1.0.0')], [
            (a['id'], a['version']) for a in used['artifacts']])

        # Nothing is outdated until a newer version is active.
        self.assertEqual([], self.call(
            'get', '/consumers?outdated=true').json['consumers'])
        new_qcow2 = self.publish('1.1')
        outdated = self.call('get', '/consumers?outdated=true').json
        self.assertEqual(sorted(instances), sorted(
            c['consumer_id'] for c in outdated['consumers']))
        for item in outdated['consumers']:
            self.assertEqual(old_qcow2['id'], item['artifact']['id'])
            self.assertEqual({'id': new_qcow2['id'], 'version': '1.1.0'},
                             item['newest'])
        self.assertEqual([], self.call(
            'get', '/consumers?outdated=true&service=volume').json[
                'consumers'])
        self.assertEqual(3, len(self.call(
            'get', '/consumers?outdated=true&type_name=images&name=ubuntu'
        ).json['consumers']))
        # raw has no newer version: its consumers would not be listed.
        self.add_consumer(old_raw, 'vm-raw')
        self.assertNotIn('vm-raw', [c['consumer_id'] for c in self.call(
            'get', '/consumers?outdated=true').json['consumers']])
        self.call('delete', self.consumers_url(old_raw, 'vm-raw'),
                  status=204)

        # stable: 1.0, then 1.1.
        resp = self.call('put', '%s/%s/aliases/stable' % (
            IMAGES, old_qcow2['id']))
        self.assertEqual(['stable'], resp.json['aliases'])
        found = self.call('get', '%s?name=ubuntu&alias=stable' % IMAGES).json
        self.assertEqual([old_qcow2['id']],
                         [a['id'] for a in found['artifacts']])
        self.call('put', '%s/%s/aliases/stable' % (IMAGES, new_qcow2['id']),
                  status=200)
        self.assertEqual([], self.show(old_qcow2)['aliases'])
        self.assertEqual(['stable'], self.show(new_qcow2)['aliases'])
        found = self.call('get', '%s?name=ubuntu&alias=stable' % IMAGES).json
        self.assertEqual([new_qcow2['id']],
                         [a['id'] for a in found['artifacts']])
        aliases = self.call('get', '%s/%s/aliases' % (
            IMAGES, new_qcow2['id'])).json
        self.assertEqual(['stable'], aliases['aliases'])
        self.assertEqual([(old_qcow2['id'], new_qcow2['id']),
                          (None, old_qcow2['id'])],
                         [(m['from'], m['to']) for m in aliases['history']])

        # In use: no deletion, no deactivation; admin may force.
        resp = self.call('delete', '%s/%s' % (IMAGES, old_qcow2['id']))
        self.assertError(resp, 409, 'used by 3 consumer(s)')
        resp = self.delete('%s/%s' % (IMAGES, old_qcow2['id']),
                           headers=V10)
        self.assertError(resp, 409, 'used by 3 consumer(s)')
        resp = self.patch('%s/%s' % (IMAGES, old_qcow2['id']), [
            {'op': 'replace', 'path': '/status', 'value': 'deactivated'}],
            token=base.ADMIN, headers=V12)
        self.assertError(resp, 409, 'used by 3 consumer(s)')
        resp = self.call('delete', '%s/%s?force=true' % (
            IMAGES, old_qcow2['id']))
        self.assertEqual(403, resp.status_int, resp.text)
        self.assertEqual(3, self.show(old_qcow2)['consumer_count'])

        # Retention: keep the newest active version of each image.
        resp = self.call('put', '/retention/images', {'keep_last': 1})
        self.assertEqual((1, None), (resp.json['keep_last'],
                                     resp.json['keep_days']))
        self.assertEqual(1, self.call('get', '/retention/images').json[
            'keep_last'])
        plan = self.call('get', '/retention/images/preview').json
        self.assertEqual([], plan['delete'])
        kept = {k['id']: k['reasons'] for k in plan['keep']}
        self.assertEqual(['in use'], kept[old_qcow2['id']])
        self.assertEqual(['aliased', 'among the newest 1'],
                         kept[new_qcow2['id']])
        self.assertEqual(['among the newest 1'], kept[old_raw['id']])

        # Two instances are rebuilt on 1.1, the last one is deleted.
        for vm in ('vm-1', 'vm-2'):
            self.add_consumer(new_qcow2, vm)
            self.call('delete', self.consumers_url(old_qcow2, vm),
                      status=204)
        self.call('delete', self.consumers_url(old_qcow2, 'vm-3'),
                  status=204)
        self.assertEqual(0, self.show(old_qcow2)['consumer_count'])
        self.assertEqual([], self.call(
            'get', '/consumers?outdated=true').json['consumers'])

        plan = self.call('get', '/retention/images/preview').json
        self.assertEqual([old_qcow2['id']], [d['id'] for d in plan['delete']])
        self.scrubber_run()
        self.call('get', '%s/%s' % (IMAGES, old_qcow2['id']), status=404)
        self.assertEqual(
            sorted([new_qcow2['id'], old_raw['id']]),
            sorted(a['id'] for a in self.call('get', IMAGES).json[
                'artifacts']))
        self.assertEqual([], self.call(
            'get', '/retention/images/preview').json['delete'])

        events = [event for event, _ in self.events()]
        for event in ('artifact.consumer.add', 'artifact.consumer.remove',
                      'artifact.alias.set'):
            self.assertIn(event, events)
        # Three, the raw one's, two rebuilt; the repeat is not notified.
        self.assertEqual(6, events.count('artifact.consumer.add'))
        self.assertEqual([{'id': old_qcow2['id'], 'reason': 'retention'}], [
            {'id': p['id'], 'reason': p.get('reason')}
            for e, p in self.events() if e == 'artifact.delete'])

    def test_downloads_are_counted(self):
        self.flags(usage_flush_interval=0)
        art = self.publish('1.0')
        self.assertEqual((0, None), (self.show(art)['download_count'],
                                     self.show(art)['last_downloaded_at']))
        for _ in range(2):
            resp = self.get('%s/%s/image' % (IMAGES, art['id']))
            self.assertEqual(b'data', resp.body)
        # Neither a HEAD nor a row version change: updates do not retry.
        self.app.head('%s/%s/image' % (IMAGES, art['id']),
                      headers={'X-Auth-Token': base.MEMBER})
        shown = self.show(art)
        self.assertEqual(2, shown['download_count'])
        self.assertIsNotNone(shown['last_downloaded_at'])
        self.assertNotIn('download_count', self.show(art, V10))
        listed = self.call('get', '%s?sort=download_count:desc' % IMAGES)
        self.assertEqual(200, listed.status_int, listed.text)

    def test_glare_db_manage_runs_retention_once(self):
        old, new = self.publish('1.0'), self.publish('1.1')
        self.call('put', '/retention/images', {'keep_last': 1},
                  status=200)
        self.assertIn('Retention deleted 1 artifact(s).',
                      self.command('glare-db-manage', 'retention', 'run'))
        self.call('get', '%s/%s' % (IMAGES, new['id']), status=200)
        # Delayed delete: deleted, restorable until the scrubber purges.
        self.assertEqual('deleted', self.get(
            '%s/%s' % (IMAGES, old['id']), token=base.ADMIN).json['status'])

    def test_admin_forces_and_it_is_notified(self):
        art = self.publish('1.0')
        self.add_consumer(art, 'vm-1')
        self.call('delete', '%s/%s?force=true' % (IMAGES, art['id']),
                  token=base.ADMIN, status=204)
        deletes = [p for e, p in self.events() if e == 'artifact.delete']
        self.assertEqual([(True, 1)], [(p['forced'], p['consumer_count'])
                                       for p in deletes])
        self.call('get', '/consumers/vm-1', status=404)

    def test_who_may_register_and_see(self):
        art = self.publish('1.0')
        # Another project's member cannot find the private artifact.
        resp = self.call('put', self.consumers_url(art, 'vm-x'), INSTANCE,
                         token=base.OTHER)
        self.assertEqual(404, resp.status_int, resp.text)
        # A member registers only for its own project.
        resp = self.call('put', self.consumers_url(art, 'vm-x'),
                         dict(INSTANCE, project_id='project2'))
        self.assertEqual(403, resp.status_int, resp.text)
        # The service persona registers for any project.
        consumer = self.add_consumer(art, 'vm-s', token=SERVICE)
        self.assertEqual('service-project', consumer['project_id'])
        self.call('put', self.consumers_url(art, 'vm-p2'),
                  dict(INSTANCE, project_id='project2'), token=SERVICE,
                  status=200)
        # A reader of the artifact sees consumers, not other projects' ids.
        shown = self.call('get', self.consumers_url(art)).json['consumers']
        self.assertEqual([None, None], [c['consumer_id'] for c in shown])
        shown = self.call('get', self.consumers_url(art),
                          token=base.ADMIN).json['consumers']
        self.assertEqual({'vm-s', 'vm-p2'},
                         {c['consumer_id'] for c in shown})
        # Older clients do not have the routes: the path is a blob's.
        resp = self.get(self.consumers_url(art), headers=V10)
        self.assertError(resp, 400, 'consumers')
        self.assertEqual(404, self.get('/consumers?outdated=true',
                                       headers=V10).status_int)

    def test_the_rebuild_list_is_paged(self):
        self.flags(default_api_limit=4, max_api_limit=5)
        rows = []
        for name, vms in (('ubuntu', ('vm-1', 'vm-2', 'vm-3', 'vm-4')),
                          ('centos', ('vm-1', 'vm-5'))):
            old = self.publish('1.0', name=name)
            self.publish('2.0', name=name)
            for vm in vms:
                self.add_consumer(old, vm)
                rows.append((name, vm, old['id']))
        rows.sort()

        def walk(url):
            seen, pages = [], []
            while url:
                page = self.call('get', url, status=200).json
                pages.append(len(page['consumers']))
                seen.extend((c['artifact']['name'], c['consumer_id'],
                             c['artifact']['id'])
                            for c in page['consumers'])
                url = page.get('next')
            return seen, pages

        # The default page is the API's default limit; limit is clamped
        # to its maximum; every row comes once, in order.
        self.assertEqual((rows, [4, 2]), walk('/consumers?outdated=true'))
        self.assertEqual((rows, [5, 1]),
                         walk('/consumers?outdated=true&limit=100'))
        self.assertEqual((rows, [2, 2, 2]),
                         walk('/consumers?outdated=true&limit=2'))
        # next keeps the filters.
        page = self.call('get', '/consumers?outdated=true&name=ubuntu&'
                         'service=compute&limit=3').json
        self.assertIn('name=ubuntu', page['next'])
        self.assertIn('service=compute', page['next'])
        self.assertEqual(
            [vm for name, vm, _ in rows if name == 'ubuntu'],
            [c['consumer_id'] for c in page['consumers'] + self.call(
                'get', page['next']).json['consumers']])
        # A page follows one whose last consumer has gone meanwhile.
        page = self.call('get', '/consumers?outdated=true&limit=1').json
        last = page['consumers'][0]
        self.call('delete', '%s/%s/consumers/%s' % (
            IMAGES, last['artifact']['id'], last['consumer_id']),
            status=204)
        rest, _ = walk(page['next'])
        self.assertEqual(rows[1:], rest)
        # A marker that names no artifact, a limit that is no page.
        self.assertError(self.call(
            'get', '/consumers?outdated=true&marker=nope'), 404, 'nope')
        self.assertError(self.call(
            'get', '/consumers?outdated=true&limit=0'), 400, 'limit')

    def test_bad_input_changes_nothing(self):
        art = self.publish('1.0')
        unknown = '%s/00000000-0000-0000-0000-000000000000' % IMAGES
        self.assertError(self.call('put', unknown + '/consumers/vm-1',
                                   INSTANCE), 404)
        self.assertError(self.call('put', self.consumers_url(
            art, 'x' * 256), INSTANCE), 400, 'longer than 255')
        self.assertError(self.call('put', self.consumers_url(
            art, 'vm%01'), INSTANCE), 400, 'printable')
        self.assertError(self.call('put', self.consumers_url(art, 'vm-1'),
                                   {'service': 'compute'}), 400,
                         'resource_type')
        self.assertError(self.call('put', '%s/%s/aliases/st%%20able' % (
            IMAGES, art['id'])), 400, 'Invalid alias')
        self.assertError(self.call('put', '%s/%s/aliases/-x' % (
            IMAGES, art['id'])), 400, 'Invalid alias')
        self.assertError(self.call('delete', '%s/%s/aliases/stable' % (
            IMAGES, art['id'])), 404, 'no alias stable')
        self.assertError(self.call('get', '/consumers'), 400, 'outdated')
        for body, says in (({'keep_last': -1}, 'keep_last must be'),
                           ({'keep_last': '3'}, 'integer'),
                           ({}, 'keep_last is required'),
                           ({'keep_last': 1, 'keep_days': -2}, 'keep_days'),
                           ({'keep_last': 1, 'keep': 2}, 'Unknown key')):
            self.assertError(self.call('put', '/retention/images', body),
                             400, says)
        self.assertError(self.call('get', '/retention/images'), 404,
                         'no retention policy')
        self.assertError(self.call('put', '/retention/nothing',
                                   {'keep_last': 1}), 404)
        shown = self.show(art)
        self.assertEqual((0, []), (shown['consumer_count'],
                                   shown['aliases']))
        self.assertEqual([], [e for e, _ in self.events()
                              if 'consumer' in e or 'alias' in e])


class TestLifecycleSQLite(_LifecycleStory, base.ApiTestCase):
    backend = databases.SQLITE


class TestLifecyclePostgreSQL(_LifecycleStory, base.ApiTestCase):
    backend = databases.POSTGRESQL


class TestLifecycleMySQL(_LifecycleStory, base.ApiTestCase):
    backend = databases.MYSQL
