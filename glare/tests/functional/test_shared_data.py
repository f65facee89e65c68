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

"""Identical content is stored once, and goes with its last reference."""

import hashlib
import os
import urllib.parse
import uuid

from oslo_serialization import jsonutils
import requests

from glare import context as glare_context
from glare.engine import scrubber
from glare.tests import base as test_base
from glare.tests import databases
from glare.tests.functional import base
from glare.tests.functional import test_blobs
from glare.tests.functional import test_notifications
from glare.tests.functional import test_scale_out


class TestSharedData(test_blobs.BlobTestCase):
    def upload(self, art, data, token=base.MEMBER):
        resp = self.put(self.blob_url(art, 'image'), data, token=token)
        self.assertEqual(200, resp.status_int, resp.text)
        return resp.json['image']

    def test_same_content_in_two_artifacts_is_stored_once(self):
        data = os.urandom(4096)
        first, second = self.create(name='a'), self.create(name='b')
        self.upload(first, data)
        blob = self.upload(second, data)
        self.assertEqual(hashlib.sha256(data).hexdigest(), blob['sha256'])
        self.assertEqual(1, len(self.stored_files()))
        # The data survives the first artifact and goes with the second.
        self.delete('/artifacts/images/%s' % first['id'], status=204)
        self.assertEqual(1, len(self.stored_files()))
        self.assertEqual(data, self.get(self.blob_url(second, 'image')).body)
        self.delete('/artifacts/images/%s' % second['id'], status=204)
        self.assertEqual([], self.stored_files())

    def test_other_projects_share_data_without_seeing_each_other(self):
        data = os.urandom(1024)
        mine = self.create(name='mine')
        theirs = self.create(name='theirs', token=base.OTHER)
        self.upload(mine, data)
        self.upload(theirs, data, token=base.OTHER)
        self.assertEqual(1, len(self.stored_files()))
        self.get('/artifacts/images/%s' % mine['id'], token=base.OTHER,
                 status=404)

    def test_replacing_shared_data_keeps_it_for_the_other_blob(self):
        data, other = os.urandom(1024), os.urandom(1024)
        art = self.create(name='a')
        self.upload(art, data)
        copy = self.create(name='b')
        self.upload(copy, data)
        self.upload(art, other)
        self.assertEqual(2, len(self.stored_files()))
        self.assertEqual(data, self.get(self.blob_url(copy, 'image')).body)
        self.assertEqual(other, self.get(self.blob_url(art, 'image')).body)

    def test_delayed_delete_keeps_shared_data_until_the_purge(self):
        self.flags(delayed_delete=True, scrub_time=0)
        data = os.urandom(1024)
        first, second = self.create(name='a'), self.create(name='b')
        self.upload(first, data)
        self.upload(second, data)
        self.delete('/artifacts/images/%s' % first['id'], status=204)
        self.delete('/artifacts/images/%s' % second['id'], status=204)
        self.assertEqual(1, len(self.stored_files()))
        ctx = glare_context.get_admin_context()
        self.assertEqual((2, 0), scrubber.scrub(ctx))
        self.assertEqual([], self.stored_files())


V12 = {'OpenStack-API-Version': 'artifact 1.2'}
DIGEST = 'application/vnd+openstack.glare-blob-digest+json'


class TestUploadByDigest(test_blobs.BlobTestCase):
    def link(self, art, data, token=base.MEMBER, headers=V12, **body):
        body.setdefault('digest',
                        'sha256:' + hashlib.sha256(data).hexdigest())
        return self.put(self.blob_url(art, 'image'),
                        jsonutils.dumps(body), token=token, headers=headers,
                        content_type=DIGEST)

    def stored(self, data, token=base.MEMBER, **values):
        art = self.create(token=token, **values)
        resp = self.put(self.blob_url(art, 'image'), data, token=token)
        self.assertEqual(200, resp.status_int, resp.text)
        return resp.json

    def test_own_data_is_linked_without_sending_it(self):
        data = os.urandom(2048)
        self.stored(data, name='first')
        art = self.create(name='second')
        resp = self.link(art, data, content_type='application/x-qcow2')
        self.assertEqual(200, resp.status_int, resp.text)
        self.assertEqual(dict(test_blobs.digests(data), size=len(data),
                              status='active', external=False,
                              content_type='application/x-qcow2',
                              url=self.blob_url(art, 'image')),
                         resp.json['image'])
        self.assertEqual(data, self.get(self.blob_url(art, 'image')).body)
        self.assertEqual(1, len(self.stored_files()))

    def test_data_another_project_cannot_read_is_not_found(self):
        data = os.urandom(1024)
        self.stored(data, name='private')
        art = self.create(name='mine', token=base.OTHER)
        resp = self.link(art, data, token=base.OTHER)
        self.assertError(resp, 404, 'sha256:' + hashlib.sha256(
            data).hexdigest())
        # The same answer as for data nobody stored.
        resp = self.link(art, os.urandom(8), token=base.OTHER)
        self.assertError(resp, 404, 'no data with digest')
        self.assertIsNone(self.get('/artifacts/images/%s' % art['id'],
                                   token=base.OTHER).json['image'])

    def test_public_data_is_linked_by_any_project(self):
        data = os.urandom(1024)
        public = self.stored(data, name='public', disk_format='raw',
                             container_format='bare')
        self.set_status(public, 'active')
        self.update(public, [{'op': 'replace', 'path': '/visibility',
                              'value': 'public'}], token=base.ADMIN)
        art = self.create(name='mine', token=base.OTHER)
        resp = self.link(art, data, token=base.OTHER)
        self.assertEqual(200, resp.status_int, resp.text)
        self.assertEqual(1, len(self.stored_files()))
        # The public artifact goes; the data stays with the other.
        self.delete('/artifacts/images/%s' % public['id'], token=base.ADMIN,
                    status=204)
        self.assertEqual(data, self.get(self.blob_url(art, 'image'),
                                        token=base.OTHER).body)

    def test_bad_digest_bodies_are_refused(self):
        art = self.create(name='a')
        for body, fragment in (
                ({'digest': 'md5:' + 'a' * 32}, 'sha256:'),
                ({'digest': 'sha256:xyz'}, '64 hex'),
                ({'digest': 'sha256:' + 'a' * 64, 'url': 'x'},
                 'Unknown keys'),
                ({}, '"digest"')):
            resp = self.put(self.blob_url(art, 'image'),
                            jsonutils.dumps(body), headers=V12,
                            content_type=DIGEST)
            self.assertError(resp, 400, fragment)
        self.assertEqual([], self.stored_files())

    def test_before_1_2_a_digest_body_is_data(self):
        data = os.urandom(64)
        self.stored(data, name='first')
        art = self.create(name='second')
        resp = self.link(art, data, headers={})
        self.assertEqual(200, resp.status_int, resp.text)
        self.assertEqual(DIGEST, resp.json['image']['content_type'])
        self.assertNotEqual(len(data), resp.json['image']['size'])

    def test_quota_counts_linked_data(self):
        data = os.urandom(1000)
        self.stored(data, name='first')
        resp = self.app.put_json('/quotas', [{
            'project_id': 'project1', 'project_quotas': [
                {'quota_name': 'max_uploaded_data', 'quota_value': 1500}]}],
            headers={'X-Auth-Token': base.ADMIN,
                     'OpenStack-API-Version': 'artifact 1.1'}, status='*')
        self.assertEqual(200, resp.status_int, resp.text)
        art = self.create(name='second')
        resp = self.link(art, data)
        self.assertEqual(413, resp.status_int, resp.text)
        self.assertIsNone(self.get('/artifacts/images/%s' % art['id'])
                          .json['image'])


class TestSharedDataMySQL(TestSharedData):
    def database(self):
        return databases.MigratedDatabase(databases.MYSQL)


class TestUploadByDigestMySQL(TestUploadByDigest):
    def database(self):
        return databases.MigratedDatabase(databases.MYSQL)


class TestUploadByDigestPostgreSQL(TestUploadByDigest):
    def database(self):
        return databases.MigratedDatabase(databases.POSTGRESQL)


class TestSharedDataAcrossServers(test_scale_out.ScaleOutTestCase):
    """Two glare-api processes on PostgreSQL count references together."""

    def put(self, n, art_id, data):
        return requests.put(
            self.url(n, '/artifacts/images/%s/image' % art_id), data=data,
            headers=test_scale_out.ADMIN, timeout=test_scale_out.TIMEOUT)

    def test_racing_uploads_of_one_content_store_it_once(self):
        racers = 6
        arts = [self.create() for _ in range(racers)]
        before = set(self.deployment.stored_files())
        data = os.urandom(256 * 1024)
        statuses = self.in_parallel(
            lambda n: self.put(n, arts[n]['id'], data).status_code, racers)
        self.assertEqual([200] * racers, statuses)
        added = set(self.deployment.stored_files()) - before
        self.assertEqual(1, len(added))
        # Deleted in parallel through both servers: the last one takes
        # the data with it.
        statuses = self.in_parallel(lambda n: requests.delete(
            self.url(n, '/artifacts/images/' + arts[n]['id']),
            headers=test_scale_out.ADMIN,
            timeout=test_scale_out.TIMEOUT).status_code, racers)
        self.assertEqual([204] * racers, statuses)
        self.assertEqual(set(), set(self.deployment.stored_files()) - before)

    def test_an_upload_racing_the_last_reference_keeps_its_data(self):
        for attempt in range(5):
            data = os.urandom(64 * 1024)
            old, new = self.create(), self.create()
            self.assertEqual(200, self.put(0, old['id'], data).status_code)

            def act(n):
                if n == 0:
                    return requests.delete(
                        self.url(0, '/artifacts/images/' + old['id']),
                        headers=test_scale_out.ADMIN,
                        timeout=test_scale_out.TIMEOUT).status_code
                return self.put(1, new['id'], data).status_code

            self.assertEqual([204, 200], self.in_parallel(act, 2))
            got = requests.get(
                self.url(attempt, '/artifacts/images/%s/image' % new['id']),
                headers=test_scale_out.ADMIN, timeout=test_scale_out.TIMEOUT)
            self.assertEqual(200, got.status_code, got.text)
            self.assertEqual(data, got.content)

    def test_the_data_quota_holds_for_sessions_and_uploads_together(self):
        race_sessions_and_uploads(self)


def race_sessions_and_uploads(test):
    """Sessions and one-request uploads race for a project's data quota.

    Racers alternate between the two servers of ``test`` (a
    ``ScaleOutTestCase``), and a session's chunks between them too. As
    many fit as the quota allows, never more. Returns the artifacts
    that got their data.
    """
    project = 'dq-%s' % uuid.uuid4().hex[:12]
    headers = test_scale_out.member(project)
    size, limit, racers = 200 * 1024, 1024 * 1024, 8
    resp = requests.put(
        test.url(0, '/quotas'), headers=dict(
            test_scale_out.ADMIN, **test_scale_out.QUOTA_VERSION),
        json=[{'project_id': project, 'project_quotas': [
            {'quota_name': 'max_uploaded_data', 'quota_value': limit}]}],
        timeout=test_scale_out.TIMEOUT)
    test.assertEqual(200, resp.status_code, resp.text)
    arts = [requests.post(
        test.url(n, '/artifacts/images'), headers=headers,
        json={'name': 'dq-%d' % n}, timeout=test_scale_out.TIMEOUT
    ).json() for n in range(racers)]
    bodies = [os.urandom(size) for _ in range(racers)]
    v12 = dict(headers, **{'OpenStack-API-Version': 'artifact 1.2'})

    def upload(n):
        blob = test.url(n, '/artifacts/images/%s/image' % arts[n]['id'])
        if n % 2:
            return requests.put(blob, data=bodies[n], headers=headers,
                                timeout=test_scale_out.TIMEOUT).status_code
        resp = requests.post(blob + '/uploads', headers=v12,
                             timeout=test_scale_out.TIMEOUT)
        session = test.url(n + 1, urllib.parse.urlsplit(
            resp.headers['Location']).path)
        half = size // 2
        for start, end in ((0, half), (half, size)):
            resp = requests.patch(
                session, data=bodies[n][start:end], headers=dict(
                    v12, **{'Content-Range': '%d-%d' % (start, end - 1)}),
                timeout=test_scale_out.TIMEOUT)
            if resp.status_code != 202:
                requests.delete(session, headers=v12,
                                timeout=test_scale_out.TIMEOUT)
                return resp.status_code
        return requests.put(session, params={
            'digest': 'sha256:' + hashlib.sha256(bodies[n]).hexdigest()},
            headers=v12, timeout=test_scale_out.TIMEOUT).status_code

    statuses = test.in_parallel(upload, racers)
    stored = [n for n, status in enumerate(statuses)
              if status in (200, 201)]
    test.assertEqual(sorted(statuses), sorted(
        [200 if n % 2 else 201 for n in stored] +
        [413] * (racers - len(stored))), statuses)
    # As many as fit, never more; sessions' bytes counted while open.
    test.assertLessEqual(len(stored) * size, limit)
    test.assertGreaterEqual(len(stored), 1)
    for n in range(len(test.servers)):
        listed = requests.get(test.url(n, '/artifacts/images'),
                              headers=headers,
                              timeout=test_scale_out.TIMEOUT).json()
        test.assertEqual(len(stored), len(
            [a for a in listed['artifacts'] if a['image']]))
    return [arts[n] for n in stored]


class TestUploadEventsAcrossServers(test_scale_out.ScaleOutTestCase):
    """Racing sessions and uploads notify once per blob that was stored.

    Both glare-api processes send to the machine's RabbitMQ; a listener
    on the broker counts what arrives.
    """

    topic = 'glare-test-%s' % uuid.uuid4().hex
    server_options = dict(test_notifications.FAST, threads=8)
    server_sections = {'oslo_messaging_notifications': {
        'driver': 'messagingv2', 'topics': topic,
        'transport_url': test_notifications.RABBIT_URL}}

    def setUp(self):
        super().setUp()
        # The listener's transport reads the global configuration.
        self.useFixture(test_base.ConfFixture())
        self.listener = self.useFixture(test_notifications.Listener(
            self.topic))

    def test_one_upload_event_per_stored_blob(self):
        stored = race_sessions_and_uploads(self)
        # Creations, then one upload event per blob that got its data.
        self.listener.collect(8 + len(stored))
        while not self.listener.quiet_for(1):
            pass
        events = {e['message_id']: e for e in self.listener.deliveries}
        kinds = sorted((e['event_type'], e['payload'].get('name'))
                       for e in events.values())
        uploads = sorted(e['payload']['id'] for e in events.values()
                         if e['event_type'] == 'artifact.upload')
        self.assertEqual(sorted(art['id'] for art in stored), uploads,
                         kinds)
        self.assertEqual(8, len([e for e in events.values()
                                 if e['event_type'] == 'artifact.create']),
                         kinds)


class TestSwappedContents(test_scale_out.ScaleOutTestCase):
    """Blobs trading their stored data never wait on each other for ever.

    Pointing a blob at other stored data locks two ``stored_data`` rows:
    the one it takes a reference to and the one it drops. Two artifacts
    swapping contents lock the same two rows; taken in the order each
    request meets them the two transactions would deadlock, and the
    database would kill one (a 503 to its client).
    """

    ROUNDS = 20

    def put(self, n, art_id, data=None, digest=None):
        url = self.url(n, '/artifacts/images/%s/image' % art_id)
        if digest is None:
            return requests.put(url, data=data, headers=test_scale_out.ADMIN,
                                timeout=test_scale_out.TIMEOUT)
        return requests.put(url, data=jsonutils.dumps(
            {'digest': 'sha256:' + digest}), headers=dict(
                test_scale_out.ADMIN, **V12, **{'Content-Type': DIGEST}),
            timeout=test_scale_out.TIMEOUT)

    def download(self, art_id):
        resp = requests.get(
            self.url(0, '/artifacts/images/%s/image' % art_id),
            headers=test_scale_out.ADMIN, timeout=test_scale_out.TIMEOUT)
        self.assertEqual(200, resp.status_code, resp.text)
        return resp.content

    def test_two_artifacts_swap_contents_over_and_over(self):
        contents = [os.urandom(64 * 1024), os.urandom(64 * 1024)]
        digests = [hashlib.sha256(c).hexdigest() for c in contents]
        before = set(self.deployment.stored_files())
        # Keepers hold both contents: their rows never go, so every
        # swap references one row and releases the other.
        keepers = [self.create(), self.create()]
        racers = [self.create(), self.create()]
        for n in (0, 1):
            self.assertEqual(200, self.put(n, keepers[n]['id'],
                                           contents[n]).status_code)
            self.assertEqual(200, self.put(n, racers[n]['id'],
                                           contents[n]).status_code)
        failures = []
        for round_ in range(self.ROUNDS):
            def swap(n):
                # Racer n takes the content the other racer holds.
                wanted = (n + round_ + 1) % 2
                if round_ % 2 and n:
                    # A normal upload of the same bytes shares them too.
                    resp = self.put(n, racers[n]['id'], contents[wanted])
                else:
                    resp = self.put(n, racers[n]['id'],
                                    digest=digests[wanted])
                return resp.status_code, resp.text
            results = self.in_parallel(swap, 2)
            failures += [(round_, text) for status, text in results
                         if status != 200]
        self.assertEqual([], failures)
        for n in (0, 1):
            self.assertEqual(contents[(n + self.ROUNDS) % 2],
                             self.download(racers[n]['id']))
        self.assertEqual(2, len(set(self.deployment.stored_files()) -
                                before))
        for art in keepers + racers:
            resp = requests.delete(
                self.url(0, '/artifacts/images/' + art['id']),
                headers=test_scale_out.ADMIN, timeout=test_scale_out.TIMEOUT)
            self.assertEqual(204, resp.status_code, resp.text)
        self.assertEqual(set(), set(self.deployment.stored_files()) -
                         before)


class TestSwappedContentsMySQL(TestSwappedContents):
    backend = databases.MYSQL


class TestFinishRacingDelete(test_scale_out.ScaleOutTestCase):
    """A session finishing while its artifact is deleted: no deadlock."""

    ROUNDS = 15

    def test_finish_and_delete_of_one_artifact(self):
        v12 = dict(test_scale_out.ADMIN, **V12)
        data = os.urandom(64 * 1024)
        digest = 'sha256:' + hashlib.sha256(data).hexdigest()
        outcomes = []
        for round_ in range(self.ROUNDS):
            art = self.create()
            resp = requests.post(
                self.url(0, '/artifacts/images/%s/image/uploads' %
                         art['id']), headers=v12,
                timeout=test_scale_out.TIMEOUT)
            session = urllib.parse.urlsplit(resp.headers['Location']).path
            resp = requests.patch(self.url(0, session), data=data,
                                  headers=v12,
                                  timeout=test_scale_out.TIMEOUT)
            self.assertEqual(202, resp.status_code, resp.text)

            def act(n):
                if n == 0:
                    resp = requests.put(self.url(0, session),
                                        params={'digest': digest},
                                        headers=v12,
                                        timeout=test_scale_out.TIMEOUT)
                else:
                    resp = requests.delete(
                        self.url(1, '/artifacts/images/' + art['id']),
                        headers=test_scale_out.ADMIN,
                        timeout=test_scale_out.TIMEOUT)
                return resp.status_code, resp.text[:300]

            outcomes.append(self.in_parallel(act, 2))
        bad = [o for o in outcomes
               if o[1][0] != 204 or o[0][0] not in (201, 404, 409)]
        self.assertEqual([], bad)
