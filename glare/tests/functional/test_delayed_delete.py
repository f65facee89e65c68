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

"""Delayed delete, restore, and glare-scrubber."""

import os
import subprocess
import sys

from glare import context
from glare.db import deletions
from glare.engine import scrubber
from glare.tests.functional import base


class DelayedDeleteTestCase(base.ApiTestCase):
    def setUp(self):
        super().setUp()
        self.flags(delayed_delete=True, scrub_time=0)
        self.store_dir = os.path.join(self.conf_fixture.state_dir, 'blobs',
                                      'fs')

    def stored_files(self):
        return sorted(os.listdir(self.store_dir))

    def create_with_data(self, name='img', version='1.0'):
        art = self.create(name=name, version=version)
        resp = self.app.put('/artifacts/images/%s/image' % art['id'],
                            b'data', headers={
                                'X-Auth-Token': base.MEMBER,
                                'Content-Type': 'application/octet-stream'})
        self.assertEqual(200, resp.status_int, resp.text)
        return art

    def restore(self, art, status, token=base.ADMIN):
        return self.patch('/artifacts/images/%s' % art['id'], [
            {'op': 'replace', 'path': '/status', 'value': status}],
            token=token)

    def scrub(self):
        return scrubber.scrub(context.get_admin_context())


class TestDelayedDelete(DelayedDeleteTestCase):
    def test_deleted_artifact_is_hidden_but_kept(self):
        art = self.create_with_data()
        self.assertEqual(204, self.delete(
            '/artifacts/images/%s' % art['id']).status_int)
        self.assertError(self.get('/artifacts/images/%s' % art['id']), 404)
        self.assertEqual([], self.get('/artifacts/images').json['artifacts'])
        # An admin sees it, with its status, until it is scrubbed.
        shown = self.get('/artifacts/images/%s' % art['id'],
                         token=base.ADMIN).json
        self.assertEqual('deleted', shown['status'])
        listed = self.get('/artifacts/images?status=deleted',
                          token=base.ADMIN).json
        self.assertEqual([art['id']], [a['id'] for a in listed['artifacts']])
        self.assertEqual([], self.get('/artifacts/images',
                                      token=base.ADMIN).json['artifacts'])
        self.assertEqual(1, len(self.stored_files()))

    def test_members_cannot_list_deleted_ones(self):
        art = self.create_with_data()
        self.delete('/artifacts/images/%s' % art['id'])
        listed = self.get('/artifacts/images?status=deleted').json
        self.assertEqual([], listed['artifacts'])

    def test_identity_is_released_at_once(self):
        art = self.create_with_data()
        self.delete('/artifacts/images/%s' % art['id'])
        again = self.create(name='img', version='1.0')
        self.assertNotEqual(art['id'], again['id'])

    def test_admin_restores_to_the_previous_status(self):
        art = self.create(name='img', container_format='bare',
                          disk_format='raw')
        self.set_status(art, 'active')
        self.delete('/artifacts/images/%s' % art['id'])
        self.assertError(self.restore(art, 'drafted'), 400, 'active')
        resp = self.restore(art, 'active')
        self.assertEqual(200, resp.status_int, resp.text)
        self.assertEqual('active', resp.json['status'])
        self.assertEqual('active', self.get(
            '/artifacts/images/%s' % art['id']).json['status'])

    def test_only_admins_restore(self):
        art = self.create()
        self.delete('/artifacts/images/%s' % art['id'])
        self.assertError(self.restore(art, 'drafted', token=base.MEMBER),
                         404)

    def test_restore_when_the_identity_was_taken_is_409(self):
        art = self.create(name='img', version='1.0')
        self.delete('/artifacts/images/%s' % art['id'])
        self.create(name='img', version='1.0')
        self.assertError(self.restore(art, 'drafted'), 409, 'img')

    def test_scrubber_purges_rows_and_data(self):
        art = self.create_with_data()
        self.delete('/artifacts/images/%s' % art['id'])
        self.assertEqual((1, 0), self.scrub())
        self.assertError(self.get('/artifacts/images/%s' % art['id'],
                                  token=base.ADMIN), 404)
        self.assertEqual([], self.stored_files())
        self.assertEqual((0, 0), self.scrub())

    def test_scrub_time_is_applied(self):
        self.flags(scrub_time=3600)
        art = self.create_with_data()
        self.delete('/artifacts/images/%s' % art['id'])
        self.assertEqual((0, 0), self.scrub())
        self.assertEqual('deleted', self.get(
            '/artifacts/images/%s' % art['id'],
            token=base.ADMIN).json['status'])
        self.assertEqual(1, len(self.stored_files()))

    def test_failed_store_deletions_are_retried(self):
        self.flags(delayed_delete=False)
        art = self.create_with_data()
        [name] = self.stored_files()
        # The store cannot delete: the data's backend is unreachable.
        engine = self.db.engine
        with engine.begin() as connection:
            connection.exec_driver_sql(
                "UPDATE artifact_blobs SET backend = 'gone'")
            connection.exec_driver_sql(
                "UPDATE stored_data SET backend = 'gone'")
        self.assertEqual(204, self.delete(
            '/artifacts/images/%s' % art['id']).status_int)
        self.assertEqual([name], self.stored_files())
        ctx = context.get_admin_context()
        [(entry_id, location, backend, _)] = deletions.pending(ctx)
        self.assertEqual('gone', backend)
        self.assertEqual((0, 0), self.scrub())
        # The store is back.
        with engine.begin() as connection:
            connection.exec_driver_sql(
                "UPDATE blob_data_deletions SET backend = 'fs'")
        self.assertEqual((0, 1), self.scrub())
        self.assertEqual([], self.stored_files())
        self.assertEqual([], deletions.pending(ctx))

    def test_glare_scrubber_command(self):
        art = self.create_with_data()
        self.delete('/artifacts/images/%s' % art['id'])
        config = os.path.join(self.conf_fixture.state_dir, 'scrub.conf')
        with open(config, 'w') as f:
            f.write('[DEFAULT]\nstate_dir = %s\ndelayed_delete = true\n'
                    '[database]\nconnection = %s\n' % (
                        self.conf_fixture.state_dir, self.db.url))
        command = os.path.join(os.path.dirname(sys.executable),
                               'glare-scrubber')
        result = subprocess.run([command, '--config-file', config],
                                capture_output=True, text=True, timeout=120)
        self.assertEqual(0, result.returncode, result.stderr)
        self.assertIn('purged 1 artifact(s)', result.stdout)
        self.assertEqual([], self.stored_files())
