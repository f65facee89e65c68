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

import testtools

from glare_client import exceptions
from glare_client import one_step


class Glare:
    """Records the calls; ``fail`` names the call that raises."""

    def __init__(self, fail=None, blob='image', delete_fails=False):
        self.fail = fail
        self.blob = blob
        self.delete_fails = delete_fails
        self.calls = []

    def _call(self, name, *args, **kwargs):
        self.calls.append((name,) + args)
        if name == self.fail:
            raise self.error

    error = exceptions.RequestEntityTooLarge('too big')

    def main_blob(self, type_name):
        return self.blob

    def create(self, type_name, values):
        self._call('create', type_name, values)
        return dict(values, id='a1', status='drafted')

    def upload(self, type_name, artifact_id, blob, data, **options):
        self._call('upload', artifact_id, blob, data)
        return {'id': artifact_id, 'status': 'drafted'}

    def activate(self, type_name, artifact_id):
        self._call('activate', artifact_id)
        return {'id': artifact_id, 'status': 'active'}

    def delete(self, type_name, artifact_id):
        self.calls.append(('delete', artifact_id))
        if self.delete_fails:
            raise exceptions.ServerError('down')


class TestOneStep(testtools.TestCase):
    def test_create_upload_activate(self):
        glare = Glare()
        art = one_step.create(glare, 'images', {'name': 'c'}, b'data',
                              activate=True)
        self.assertEqual('active', art['status'])
        self.assertEqual([('create', 'images', {'name': 'c'}),
                          ('upload', 'a1', 'image', b'data'),
                          ('activate', 'a1')], glare.calls)

    def test_without_activate_it_stays_drafted(self):
        glare = Glare()
        art = one_step.create(glare, 'images', {'name': 'c'}, b'data',
                              blob='other')
        self.assertEqual('drafted', art['status'])
        self.assertEqual(('upload', 'a1', 'other', b'data'), glare.calls[-1])

    def test_a_failed_upload_deletes_the_draft(self):
        glare = Glare(fail='upload')
        error = self.assertRaises(exceptions.IncompleteArtifact,
                                  one_step.create, glare, 'images',
                                  {'name': 'c'}, b'data', activate=True)
        self.assertEqual(('upload', True, 'a1'),
                         (error.stage, error.deleted, error.artifact['id']))
        self.assertIs(Glare.error, error.cause)
        self.assertEqual(('delete', 'a1'), glare.calls[-1])
        self.assertIn('too big', str(error))
        self.assertIn('a1 was deleted', str(error))

    def test_an_interrupted_upload_deletes_the_draft_too(self):
        glare = Glare(fail='upload')
        glare.error = KeyboardInterrupt()
        error = self.assertRaises(exceptions.IncompleteArtifact,
                                  one_step.create, glare, 'images',
                                  {'name': 'c'}, b'data')
        self.assertIn('interrupted', str(error))
        self.assertTrue(error.deleted)

    def test_when_the_delete_fails_too_it_says_so(self):
        glare = Glare(fail='upload', delete_fails=True)
        error = self.assertRaises(exceptions.IncompleteArtifact,
                                  one_step.create, glare, 'images',
                                  {'name': 'c'}, b'data')
        self.assertFalse(error.deleted)
        self.assertIn('a1 could not be deleted', str(error))

    def test_a_failed_activation_keeps_the_data(self):
        glare = Glare(fail='activate')
        glare.error = exceptions.Forbidden('disk_format is required')
        error = self.assertRaises(exceptions.IncompleteArtifact,
                                  one_step.create, glare, 'images',
                                  {'name': 'c'}, b'data', activate=True)
        self.assertEqual(('activate', False), (error.stage, error.deleted))
        self.assertNotIn('delete', [call[0] for call in glare.calls])
        self.assertIn('disk_format is required', str(error))
        self.assertIn('keeps its data', str(error))

    def test_a_failed_create_leaves_nothing_to_clean(self):
        glare = Glare(fail='create')
        self.assertRaises(exceptions.RequestEntityTooLarge, one_step.create,
                          glare, 'images', {'name': 'c'}, b'data')
        self.assertEqual(['create'], [call[0] for call in glare.calls])

    def test_a_type_without_blob(self):
        glare = Glare(blob=None)
        self.assertRaises(exceptions.ClientError, one_step.create, glare,
                          'things', {'name': 'c'}, b'data')
        self.assertEqual([], glare.calls)
