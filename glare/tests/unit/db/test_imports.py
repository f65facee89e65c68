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

"""Writing imported artifacts and quotas (glare.db.imports)."""

import datetime

from glare.db import deletions
from glare.db import imports
from glare.db import models
from glare import exception
from glare.objects import semver
from glare.tests.unit.db import rows

ID = '11111111-0000-0000-0000-000000000000'
THEN = datetime.datetime(2020, 5, 1, 12, 0, 0, 123456)


def values(**changes):
    result = dict(id=ID, type_name='images', name='cirros',
                  version='1.0.0', version_key=semver.sort_key('1.0.0'),
                  owner='p1', status='active', visibility='public',
                  description=None, created_at=THEN, updated_at=THEN,
                  activated_at=THEN)
    result.update(changes)
    return result


def file_blob(location, key=''):
    return dict(field_name='image', key_name=key, status='active', size=3,
                md5=None, sha1=None, sha256=None, content_type=None,
                external=False, location=location, backend='fs')


class TestWrite(rows.DbTestCase):
    def write(self, blobs=(), replace=None, check_only=False, **changes):
        return imports.write(self.ctx, values(**changes),
                             {'min_ram': [{'name': 'min_ram',
                                           'int_value': 64}]},
                             ['a'], list(blobs), replace=replace,
                             check_only=check_only)

    def test_the_artifact_keeps_its_id_timestamps_and_parts(self):
        self.write([file_blob('file:///d/x')])
        self.assertEqual(('images', 1, THEN),
                         imports.existing(self.ctx, ID))
        self.assertEqual({('file:///d/x', 'fs')},
                         imports.locations(self.ctx, ID))
        self.assertEqual(1, self.count(models.ArtifactTag))
        self.assertEqual(1, self.count(models.ArtifactProperty))

    def test_check_only_keeps_nothing(self):
        self.assertEqual([], self.write(check_only=True))
        self.assertIsNone(imports.existing(self.ctx, ID))
        self.assertEqual(0, self.count(models.ArtifactProperty))

    def test_a_taken_identity_is_a_duplicate_even_when_checking(self):
        rows_id = self.add_artifact(name='cirros', visibility='public')
        for check_only in (True, False):
            self.assertRaises(exception.Duplicate, self.write,
                              check_only=check_only)
        self.assertIsNotNone(imports.existing(self.ctx, rows_id))
        self.assertIsNone(imports.existing(self.ctx, ID))

    def test_replacing_queues_the_data_no_longer_used(self):
        self.write([file_blob('file:///d/old'), file_blob('file:///d/kept',
                                                          key='k')])
        later = THEN + datetime.timedelta(minutes=1)
        queued = self.write([file_blob('file:///d/kept', key='k')],
                            replace=1, updated_at=later)
        self.assertEqual(['file:///d/old'], [q.location for q in queued])
        self.assertEqual(['file:///d/old'], [
            q.location for q in deletions.pending(self.ctx)])
        self.assertEqual(('images', 1, later),
                         imports.existing(self.ctx, ID))

    def test_replacing_what_glare_changed_is_refused(self):
        self.write()
        self.assertRaises(exception.ConcurrentUpdate, self.write,
                          replace=2)

    def test_holder_is_another_artifacts_blob(self):
        self.write([file_blob('file:///d/x')])
        self.assertIsNone(imports.holder(self.ctx, ['file:///d/x'], ID))
        self.assertEqual(ID + '/image', imports.holder(
            self.ctx, ['file:///d/y', 'file:///d/x'], 'other'))


class TestQuota(rows.DbTestCase):
    def test_set_reports_whether_it_changed(self):
        self.assertIsNone(imports.quota(self.ctx, 'p1', 'max_uploaded_data'))
        self.assertTrue(imports.set_quota(self.ctx, 'p1',
                                          'max_uploaded_data', 5))
        self.assertFalse(imports.set_quota(self.ctx, 'p1',
                                           'max_uploaded_data', 5))
        self.assertTrue(imports.set_quota(self.ctx, 'p1',
                                          'max_uploaded_data', 6))
        self.assertEqual(6, imports.quota(self.ctx, 'p1',
                                          'max_uploaded_data'))
