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

"""The upload pipeline's decisions, with the database and store mocked.

What it does to a real database and store (claims racing, quotas under
locks, data removed on failure) is in the functional tests:
test_blobs, test_quotas, test_artifact_types, test_ovf_packages.
"""

import collections
import contextlib
import io
import os
import socket
import subprocess

import fixtures

from glare import context
from glare.db import mapping
from glare.engine import uploads
from glare import exception
from glare.objects import base as objects_base
from glare.objects import fields as f
from glare.tests import base

MIB = 1024 * 1024


class Parcel(objects_base.BaseArtifact):
    VERSION = '1.0'
    fields = {
        'data': f.Blob(max_blob_size=10 * MIB),
        'notes': f.Blob(max_blob_size=MIB, mutable=True),
        'files': f.Folder(max_blob_size=4 * MIB, max_folder_size=6 * MIB,
                          max_keys=3),
    }

    @classmethod
    def get_type_name(cls):
        return 'parcels'


def parcel(**values):
    ctx = context.RequestContext(project_id='p1', roles=['member'])
    values.setdefault('name', 'p')
    return Parcel.new(ctx, values)


class FakeStore:
    """What the pipeline asks of the database and the store, recorded."""

    def __init__(self, test, room=None):
        self.claims, self.released, self.deleted = [], [], []
        self.finished = None
        self.room = room
        patch = test.useFixture
        patch(fixtures.MockPatch('glare.db.blobs.claim', self.claim))
        patch(fixtures.MockPatch('glare.db.blobs.finish', self.finish))
        patch(fixtures.MockPatch('glare.db.blobs.release', self.release))
        patch(fixtures.MockPatch('glare.store.api.add', self.add))
        patch(fixtures.MockPatch('glare.store.api.delete', self.delete))
        patch(fixtures.MockPatch('glare.store.api.backend_for',
                                 return_value='fs'))
        patch(fixtures.MockPatch(
            'glare.engine.notifications.artifact_event'))
        patch(fixtures.MockPatch('glare.db.api.transaction',
                                 return_value=contextlib.nullcontext()))

    def claim(self, ctx, artifact_id, field_name, key, claim, statuses,
              stall_timeout, owner_alive, data_quota=None):
        self.claims.append((field_name, key, statuses))
        self.owner = claim.owner
        return None, self.room

    def add(self, conf, upload_id, reader, size, backend):
        data = b''
        while True:
            chunk = reader.read(64 * 1024)
            if not chunk:
                break
            data += chunk
        return 'file:///%s' % upload_id, len(data), 'md5', 'sha256'

    def finish(self, ctx, artifact_id, statuses, uploads, data_limits=None,
               changes=None, removals=(), before=None):
        self.finished = (statuses, [(f_, k, v['size'])
                                    for f_, k, _, v in uploads],
                         data_limits, list(removals))
        queued = list(before()) if before is not None else []
        art = parcel()
        columns, _, _ = changes
        return dict(mapping.to_rows(art)[0], type_name='parcels',
                    row_version=2, properties=[], blobs=[], tags=[]), queued

    def release(self, ctx, artifact_id, claims):
        self.released.extend((name, key) for name, key, _ in claims)

    def delete(self, location, backend):
        self.deleted.append(location)


class TestRequestBody(base.TestCase):
    def test_only_asked_digests_are_computed(self):
        body = uploads.RequestBody(io.BytesIO(b'abc'), 10, 3,
                                   digests=['md5'])
        body.drain()
        self.assertEqual(3, body.size)
        self.assertEqual('900150983cd24fb0d6963f7d28e17f72',
                         body.hexdigest('md5'))
        self.assertRaises(KeyError, body.hexdigest, 'sha256')

    def test_limits_and_short_bodies(self):
        body = uploads.RequestBody(io.BytesIO(b'x' * 11), 10)
        self.assertRaises(exception.RequestEntityTooLarge, body.drain)
        body = uploads.RequestBody(io.BytesIO(b'xy'), 10, length=5)
        exc = self.assertRaises(exception.BadRequest, body.drain)
        self.assertIn('ended after 2 of the 5 bytes', exc.msg)


class TestUpload(base.TestCase):
    def test_announced_size_over_the_field_is_413_before_any_claim(self):
        store = FakeStore(self)
        exc = self.assertRaises(
            exception.RequestEntityTooLarge, uploads.upload, None, parcel(),
            'data', None, io.BytesIO(b''), 11 * MIB, 'text/plain')
        self.assertIn('10485760 bytes allowed for data', exc.msg)
        self.assertEqual([], store.claims)

    def test_quota_room_below_the_announced_size_is_413_and_released(self):
        store = FakeStore(self, room=(100, (100, -1), 'max_uploaded_data'))
        exc = self.assertRaises(
            exception.DataQuotaExceeded, uploads.upload, None, parcel(),
            'data', None, io.BytesIO(b'x' * 200), 200, 'text/plain')
        self.assertIn('100 bytes project p1 may still store', exc.msg)
        self.assertEqual([('data', None)], store.released)
        self.assertEqual([], store.deleted)

    def test_immutable_blobs_need_the_artifact_drafted_until_commit(self):
        store = FakeStore(self)
        uploads.upload(None, parcel(), 'data', None, io.BytesIO(b'abc'), 3,
                       'text/plain')
        self.assertEqual([('data', None, ('drafted',))], store.claims)
        self.assertEqual(('drafted',), store.finished[0])
        self.assertEqual([('data', None, 3)], store.finished[1])

    def test_mutable_blobs_of_active_artifacts_may_change(self):
        store = FakeStore(self)
        art = parcel()
        art.status = 'active'
        uploads.upload(None, art, 'notes', None, io.BytesIO(b'abc'), None,
                       'text/plain')
        self.assertEqual(('drafted', 'active'), store.finished[0])

    def test_digest_mismatch_removes_the_data_and_releases_the_claim(self):
        store = FakeStore(self)
        exc = self.assertRaises(
            exception.BadRequest, uploads.upload, None, parcel(), 'data',
            None, io.BytesIO(b'abc'), 3, 'text/plain',
            expected_sha256='0' * 64)
        self.assertIn('X-Openstack-Glare-Content-SHA256', exc.msg)
        self.assertEqual(1, len(store.deleted))
        self.assertEqual([('data', None)], store.released)
        self.assertIsNone(store.finished)


class TestWriter(base.TestCase):
    def test_folder_limits_count_what_the_upload_wrote(self):
        store = FakeStore(self)
        writer = uploads.Upload(None, parcel())
        writer.write('files', 'a', io.BytesIO(b'x' * (4 * MIB)))
        # 6 MiB per folder: 2 MiB left for another key.
        exc = self.assertRaises(exception.RequestEntityTooLarge,
                                writer.write, 'files', 'b',
                                io.BytesIO(b'x' * (3 * MIB)))
        self.assertIn('larger than the 2097152 bytes allowed', exc.msg)
        writer.abort()
        # Both claims (b's was taken before its data proved too big).
        self.assertEqual([('files', 'a'), ('files', 'b')], store.released)
        self.assertEqual(1, len(store.deleted))

    def test_quota_room_counts_what_the_upload_wrote(self):
        store = FakeStore(self, room=(10, (10, -1), 'max_uploaded_data'))
        writer = uploads.Upload(None, parcel())
        writer.write('files', 'a', io.BytesIO(b'x' * 6))
        self.assertRaises(exception.RequestEntityTooLarge, writer.write,
                          'files', 'b', io.BytesIO(b'x' * 5))
        writer.write('files', 'c', io.BytesIO(b'x' * 4))
        writer.commit()
        self.assertEqual(('p1', 'parcels', (10, -1)), store.finished[2])

    def test_a_blob_is_written_once_and_not_both_written_and_removed(self):
        FakeStore(self)
        writer = uploads.Upload(None, parcel())
        writer.write('files', 'a', io.BytesIO(b'x'))
        self.assertRaises(exception.BadRequest, writer.write, 'files', 'a',
                          io.BytesIO(b'y'))
        self.assertRaises(exception.BadRequest, writer.remove, 'files', 'a')

    def test_one_immutable_blob_narrows_the_whole_commit(self):
        store = FakeStore(self)
        writer = uploads.Upload(None, parcel())
        writer.write('notes', None, io.BytesIO(b'n'))
        writer.remove('files', 'old')
        writer.commit()
        self.assertEqual(('drafted',), store.finished[0])
        self.assertEqual([('files', 'old')], store.finished[3])

    def test_adopted_data_is_claimed_like_an_upload_and_kept_on_abort(self):
        store = FakeStore(self, room=(10, (10, -1), 'max_uploaded_data'))
        writer = uploads.Upload(None, parcel())
        digests = {'size': 11, 'md5': 'm', 'sha1': 's', 'sha256': 'h'}
        self.assertRaises(exception.DataQuotaExceeded, writer.adopt,
                          'data', None, 'file:///session', 'fs', digests)
        writer.abort()
        writer = uploads.Upload(None, parcel())
        digests['size'] = 4
        writer.adopt('data', None, 'file:///session', 'fs', digests)
        writer.abort()
        # The data stays with whoever wrote it (an upload session).
        self.assertEqual([], store.deleted)
        self.assertEqual([('data', None), ('data', None)], store.released)

    def test_what_needs_no_transfer_is_claimed_inside_the_commit(self):
        store = FakeStore(self)
        writer = uploads.Upload(None, parcel())
        data = collections.namedtuple(
            'Data', 'id size md5 sha1 sha256 location backend')(
                7, 3, 'm', 's', 'h', 'file:///shared', 'fs')
        events = []

        @contextlib.contextmanager
        def transaction(ctx):
            events.append('begin')
            yield
            events.append('end')

        self.useFixture(fixtures.MockPatch('glare.db.api.transaction',
                                           transaction))
        writer.commit(prepare=lambda: (
            writer.link('data', None, data), events.append('linked')))
        self.assertEqual(['begin', 'linked', 'end'], events)
        self.assertEqual([('data', None, ('drafted',))], store.claims)
        self.assertEqual([('data', None, 3)], store.finished[1])


class TestOwners(base.TestCase):
    def test_a_claim_names_this_process(self):
        host, pid, start = uploads.process_owner().rsplit(':', 2)
        self.assertEqual((socket.gethostname(), str(os.getpid())),
                         (host, pid))
        self.assertTrue(start.isdigit())
        self.assertTrue(uploads.owner_alive(uploads.process_owner()))

    def test_a_process_that_is_gone_is_not_alive(self):
        child = subprocess.Popen(['true'])
        child.wait()
        owner = '%s:%d:' % (socket.gethostname(), child.pid)
        self.assertFalse(uploads.owner_alive(owner))

    def test_a_reused_pid_is_not_the_owner(self):
        host, pid, start = uploads.process_owner().rsplit(':', 2)
        self.assertFalse(uploads.owner_alive('%s:%s:%d' % (
            host, pid, int(start) - 1)))

    def test_other_hosts_are_left_to_their_heartbeat(self):
        self.assertTrue(uploads.owner_alive('elsewhere.example:1:1'))

    def test_uploads_send_a_heartbeat_as_data_moves(self):
        self.flags(blob_upload_stall_timeout=8)
        beats = []
        self.useFixture(fixtures.MockPatch(
            'glare.db.blobs.heartbeat',
            side_effect=lambda *args: beats.append(args) or True))
        clock = self.useFixture(fixtures.MockPatch(
            'time.monotonic', return_value=100.0)).mock
        heartbeat = uploads._Heartbeat(None, 'a1', 'data', None, 'u1')
        heartbeat()
        clock.return_value = 102.5  # more than stall timeout / 4
        heartbeat()
        heartbeat()
        self.assertEqual([(None, 'a1', 'data', None, 'u1')], beats)

    def test_a_lost_claim_stops_the_upload(self):
        self.flags(blob_upload_stall_timeout=8)
        self.useFixture(fixtures.MockPatch('glare.db.blobs.heartbeat',
                                           return_value=False))
        clock = self.useFixture(fixtures.MockPatch(
            'time.monotonic', return_value=100.0)).mock
        heartbeat = uploads._Heartbeat(None, 'a1', 'files', 'k', 'u1')
        clock.return_value = 103.0
        exc = self.assertRaises(exception.Conflict, heartbeat)
        self.assertIn('files/k stalled for longer than '
                      'blob_upload_stall_timeout', exc.msg)
