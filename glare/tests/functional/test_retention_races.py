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

"""Retention never deletes an artifact in use, whatever races it.

Two processes register and remove consumers of old versions through a
real glare-api while retention runs again and again on the same
PostgreSQL database. Every consumer a process registered (200) and did
not remove must still find its artifact at the end, and removing a
registered consumer must never find its artifact gone.
"""

import json
import subprocess
import sys

from oslo_serialization import jsonutils
import requests

from glare.artifact_types import all as all_type
from glare.artifact_types import images
from glare import context
from glare.db import retention as db_retention
from glare.engine import retention
from glare.tests import base
from glare.tests import databases
from glare.tests.functional import server

MEMBER = {'X-Auth-Token': 'user1:project1:member'}
V12 = {'OpenStack-API-Version': 'artifact 1.2'}
VERSIONS = 40
WORK_SECONDS = 6

# One process of consumers: first one consumer on each of its versions,
# then, until the time is up, a consumer is removed and, a moment later,
# another registered on the same version: retention may delete the
# version in between (404), and runs race with both. Prints "ready"
# after the first phase, then what it holds and what went wrong.
WORKER = r'''
import json, random, sys, time
import requests
url, ids, name = sys.argv[1], json.loads(sys.argv[2]), sys.argv[3]
headers = {'X-Auth-Token': 'nova:service:service',
           'OpenStack-API-Version': 'artifact 1.2'}
body = {'service': 'compute', 'resource_type': 'instance',
        'project_id': 'project1'}
session = requests.Session()
live, errors, registered, refused = {}, [], 0, 0


def register(art, consumer):
    global registered, refused
    resp = session.put('%s/artifacts/images/%s/consumers/%s' % (
        url, art, consumer), json=body, headers=headers)
    if resp.status_code == 200:
        live[consumer] = art
        registered += 1
    elif resp.status_code == 404:
        refused += 1  # deleted by retention before it arrived
    else:
        errors.append(('register', art, resp.status_code, resp.text))


for n, art in enumerate(ids):
    register(art, '%s-first-%d' % (name, n))
print('ready', flush=True)
deadline = time.monotonic() + float(sys.argv[4])
n = 0
while live and time.monotonic() < deadline:
    n += 1
    consumer = random.choice(sorted(live))
    art = live.pop(consumer)
    resp = session.delete('%s/artifacts/images/%s/consumers/%s' % (
        url, art, consumer), headers=headers)
    if resp.status_code != 204:
        errors.append(('remove', art, resp.status_code, resp.text))
    time.sleep(random.uniform(0, 0.02))
    register(art, '%s-%d' % (name, n))
print(json.dumps({'live': live, 'errors': errors,
                  'registered': registered, 'refused': refused}))
'''


class TestRetentionRacesConsumers(base.TestCase):
    def setUp(self):
        super().setUp()
        self.db = self.useFixture(databases.MigratedDatabase(
            databases.POSTGRESQL))
        self.useFixture(base.Types({'images': images.Image,
                                    'all': all_type.All}))
        self.server = self.useFixture(server.GlareServer(
            {'auth_strategy': 'trusted', 'workers': 2, 'threads': 4},
            {'database': {'connection': self.db.url.render_as_string(
                hide_password=False)}}))

    def publish(self, version):
        url = self.server.url + '/artifacts/images'
        resp = requests.post(url, json={
            'name': 'ubuntu', 'version': version, 'disk_format': 'qcow2',
            'container_format': 'bare'}, headers=MEMBER, timeout=30)
        self.assertEqual(201, resp.status_code, resp.text)
        art = resp.json()
        resp = requests.patch(
            '%s/%s' % (url, art['id']), data=jsonutils.dumps(
                [{'op': 'replace', 'path': '/status', 'value': 'active'}]),
            headers=dict(MEMBER, **{'Content-Type':
                                    'application/json-patch+json'}),
            timeout=30)
        self.assertEqual(200, resp.status_code, resp.text)
        return art['id']

    def test_consumers_racing_retention_keep_their_artifacts(self):
        ids = [self.publish('1.%d' % n) for n in range(VERSIONS)]
        ctx = context.get_admin_context()
        db_retention.set_policy(ctx, 'project1', 'images', 1, None)
        workers = [subprocess.Popen(
            [sys.executable, '-c', WORKER, self.server.url,
             json.dumps(ids[n:-1:2]), 'vm%d' % n, str(WORK_SECONDS)],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
            for n in range(2)]
        for worker in workers:
            self.assertEqual('ready\n', worker.stdout.readline(),
                             worker.stderr.read() if worker.poll() else '')
        deleted = 0
        while any(w.poll() is None for w in workers):
            deleted += retention.run(ctx)
        results = []
        for worker in workers:
            out, err = worker.communicate(timeout=60)
            self.assertEqual(0, worker.returncode, err)
            results.append(json.loads(out))
        deleted += retention.run(ctx)

        self.assertEqual([], [r['errors'] for r in results if r['errors']])
        # The race was run: consumers came and retention deleted.
        self.assertGreater(sum(r['refused'] for r in results), 0)
        self.assertGreater(deleted, 0)
        for result in results:
            for consumer, art in result['live'].items():
                resp = requests.get(
                    '%s/artifacts/images/%s/consumers' % (
                        self.server.url, art),
                    headers=dict(MEMBER, **V12), timeout=30)
                self.assertEqual(200, resp.status_code, resp.text)
                self.assertIn(consumer, [c['consumer_id'] for c in
                                         resp.json()['consumers']])
        # What retention left is what it must keep: in use or newest.
        for art in ids:
            resp = requests.get('%s/artifacts/images/%s' % (
                self.server.url, art), headers=dict(MEMBER, **V12),
                timeout=30)
            if resp.status_code == 200:
                self.assertTrue(resp.json()['consumer_count'] or
                                art == ids[-1], resp.json())
