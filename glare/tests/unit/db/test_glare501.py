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

"""Reading a Glare 5.0.1 database (glare.db.glare501)."""

import datetime
import decimal
import os

import fixtures
import sqlalchemy as sa

from glare.db import glare501
from glare import exception
from glare.tests import base

NOW = datetime.datetime(2020, 5, 1, 12, 0, 0, 123456)


def glare_prefix(major, minor, patch, prerelease=False):
    """Glare's packed version column."""
    return (major << 48) | (minor << 32) | (patch << 16) | (
        0 if prerelease else 2 << 14)


def source_database(test):
    """An empty Glare 5.0.1 schema in a SQLite file; its URL."""
    path = os.path.join(test.useFixture(fixtures.TempDir()).path,
                        'glare501.sqlite')
    url = 'sqlite:///' + path
    engine = sa.create_engine(url)
    glare501.metadata.create_all(engine)
    test.addCleanup(engine.dispose)
    return url, engine


def add_artifact(engine, art_id, type_name='images', version=(1, 0, 0),
                 suffix=None, meta=None, **columns):
    values = dict(id=art_id, name='a-%s' % art_id[:4], type_name=type_name,
                  version_prefix=glare_prefix(*version,
                                              prerelease=bool(suffix)),
                  version_suffix=suffix, version_meta=meta,
                  description='', visibility='private', status='drafted',
                  owner='project-a', created_at=NOW, updated_at=NOW,
                  activated_at=None)
    values.update(columns)
    with engine.begin() as connection:
        connection.execute(glare501.artifacts.insert().values(**values))


class TestVersionText(base.TestCase):
    def test_release(self):
        self.assertEqual('1.2.3', glare501.version_text(
            glare_prefix(1, 2, 3), None, None))

    def test_large_components(self):
        self.assertEqual('65535.0.65535', glare501.version_text(
            glare_prefix(65535, 0, 65535), None, None))

    def test_prerelease_loses_its_padding_and_keeps_build(self):
        self.assertEqual('0.6.2-rc.1.0+build.7', glare501.version_text(
            glare_prefix(0, 6, 2, True), 'rc.000001.000000', 'build.7'))

    def test_alphanumeric_prerelease_parts_stay(self):
        self.assertEqual('1.0.0-alpha.01a', glare501.version_text(
            glare_prefix(1, 0, 0, True), 'alpha.01a', ''))


class TestPropertyValue(base.TestCase):
    def row(self, **values):
        row = dict.fromkeys(('bool_value', 'int_value', 'string_value',
                             'numeric_value'))
        row.update(values)
        return row

    def test_false_zero_and_empty_are_values(self):
        self.assertIs(False, glare501.property_value(
            self.row(bool_value=False)))
        self.assertEqual(0, glare501.property_value(self.row(int_value=0)))
        self.assertEqual('', glare501.property_value(
            self.row(string_value='')))

    def test_numeric_is_a_float(self):
        value = glare501.property_value(
            self.row(numeric_value=decimal.Decimal('1.5')))
        self.assertIsInstance(value, float)
        self.assertEqual(1.5, value)


class TestSource(base.TestCase):
    def test_not_a_glare_database_is_refused_by_name(self):
        path = os.path.join(self.useFixture(fixtures.TempDir()).path,
                            'other.sqlite')
        engine = sa.create_engine('sqlite:///' + path)
        with engine.begin() as connection:
            connection.exec_driver_sql('CREATE TABLE glare_artifacts (id '
                                       'VARCHAR(36))')
        engine.dispose()
        source = glare501.Source('sqlite:///' + path)
        self.addCleanup(source.close)
        exc = self.assertRaises(exception.BadRequest, source.check)
        self.assertIn('glare_artifact_tags', str(exc))

    def test_bad_url_is_a_bad_request(self):
        self.assertRaises(exception.BadRequest, glare501.Source,
                          'nosuchdialect://x')

    def test_artifacts_come_in_batches_with_their_parts(self):
        url, engine = source_database(self)
        ids = ['%08d-0000-0000-0000-000000000000' % i for i in range(5)]
        for art_id in ids:
            add_artifact(engine, art_id, version=(2, 1, 0), suffix='b.02',
                         meta='m')
        with engine.begin() as connection:
            connection.execute(glare501.tags.insert().values(
                id='t1', artifact_id=ids[3], value='x'))
            connection.execute(glare501.properties.insert().values(
                id='p1', artifact_id=ids[3], name='min_ram', int_value=8))
            connection.execute(glare501.blobs.insert().values(
                id='b1', artifact_id=ids[4], name='image', status='active',
                external=True, url='http://example.com/x'))
        source = glare501.Source(url)
        self.addCleanup(source.close)
        self.assertIsNone(source.check())
        found = list(source.artifacts(batch=2))
        self.assertEqual(ids, [art['id'] for art in found])
        self.assertEqual({'2.1.0-b.2+m'}, {art['version'] for art in found})
        self.assertEqual(['x'], [t['value'] for t in found[3]['tags']])
        self.assertEqual(8, found[3]['properties'][0]['int_value'])
        self.assertEqual('http://example.com/x', found[4]['blobs'][0]['url'])
        self.assertEqual([], found[0]['blobs'])
        self.assertEqual(NOW, found[0]['created_at'])

    def test_database_store_data_and_quotas(self):
        url, engine = source_database(self)
        with engine.begin() as connection:
            connection.execute(glare501.blob_data.insert().values(
                id='d1', data=b'bytes'))
            connection.execute(glare501.quotas.insert().values(
                project_id='p', quota_name='max_artifact_number',
                quota_value=3))
        source = glare501.Source(url)
        self.addCleanup(source.close)
        source.check()
        self.assertEqual(b'bytes', source.stored_data('sql://d1'))
        self.assertIsNone(source.stored_data('sql://d2'))
        self.assertEqual([('p', 'max_artifact_number', 3)], source.quotas())
