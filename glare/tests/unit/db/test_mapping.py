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

"""Artifacts to rows and back (glare.db.mapping)."""

import datetime
import random

from glare.artifact_types import all as all_type
from glare.artifact_types import images
from glare.db import mapping
from glare.objects import fields as f
from glare.objects import semver
from glare.tests import base
from glare.tests.unit.objects import test_base

UnitTestKinds = test_base.UnitTestKinds
_context = test_base._context

VALUE_COLUMNS = ('string_value', 'text_value', 'int_value', 'numeric_value',
                 'bool_value')


def _as_db_record(artifact, shuffle=True):
    """The dict glare.db.api returns for what ``to_rows`` wrote."""
    columns, properties = mapping.to_rows(artifact)
    record = {name: columns[name] for name in mapping.COLUMN_FIELDS}
    record['tags'] = columns['tags']
    record['row_version'] = 1
    rows = []
    for prop_rows in properties.values():
        for row in prop_rows:
            full = dict.fromkeys(VALUE_COLUMNS + ('position', 'key_name'))
            full.update(row)
            rows.append(full)
    if shuffle:
        random.Random(4).shuffle(rows)
    record['properties'] = rows
    return record


class TestRecords(base.TestCase):
    def _full_artifact(self):
        art = UnitTestKinds.new(_context('p1'), {
            'name': 'everything', 'version': '2.0.0-rc.1',
            'description': 'short', 'tags': ['z', 'a'],
            'metadata': {'k': 'v'},
            'text': 't' * 900, 'count': -5, 'ratio': 0.25, 'flag': False,
            'when': datetime.datetime(2021, 5, 6, 7, 8, 9, 123456),
            'release': '1.2.3', 'source': '/artifacts/images/x',
            'numbers': [3, 1, 2, 1], 'labels': {'b': 'x', 'a': 'y'},
            'times': [datetime.datetime(2022, 1, 1),
                      datetime.datetime(2020, 1, 1)],
            'limits': {'cpu': 0},
        })
        art.created_at = datetime.datetime(2021, 1, 1)
        art.updated_at = datetime.datetime(2021, 1, 2)
        return art

    def test_round_trip_of_every_kind(self):
        art = self._full_artifact()
        back = mapping.to_artifact(UnitTestKinds, _as_db_record(art))
        for name in UnitTestKinds.attributes:
            if name in UnitTestKinds.blob_fields():
                continue
            expected = getattr(art, name)
            if name == 'tags':
                expected = sorted(expected)
            self.assertEqual(expected, getattr(back, name), name)
        self.assertEqual(1, back.row_version)
        self.assertEqual(set(), back.obj_what_changed())

    def test_list_order_survives_shuffled_rows(self):
        art = self._full_artifact()
        back = mapping.to_artifact(UnitTestKinds,
                                   _as_db_record(art, shuffle=True))
        self.assertEqual([3, 1, 2, 1], back.numbers)
        self.assertEqual([datetime.datetime(2022, 1, 1),
                          datetime.datetime(2020, 1, 1)], back.times)

    def test_record_columns_and_rows(self):
        art = self._full_artifact()
        columns, properties = mapping.to_rows(art)
        self.assertEqual(semver.sort_key('2.0.0-rc.1'),
                         columns['version_key'])
        self.assertEqual(['z', 'a'], columns['tags'])
        self.assertEqual([{'name': 'text', 'text_value': 't' * 900}],
                         properties['text'])
        self.assertEqual([{'name': 'labels', 'key_name': 'a',
                           'string_value': 'y'},
                          {'name': 'labels', 'key_name': 'b',
                           'string_value': 'x'}], properties['labels'])
        self.assertEqual([0, 1, 2, 3],
                         [r['position'] for r in properties['numbers']])
        self.assertNotIn('payload', properties)
        self.assertNotIn('files', properties)

    def test_rows_of_some_fields(self):
        art = self._full_artifact()
        columns, properties = mapping.to_rows(art, ['name', 'count'])
        self.assertEqual({'name': 'everything'}, columns)
        self.assertEqual({'count': [{'name': 'count', 'int_value': -5}]},
                         properties)

    def test_unset_values_and_unknown_rows(self):
        art = UnitTestKinds.new(_context(), {'name': 'bare'})
        record = _as_db_record(art)
        stored = {row['name'] for row in record['properties']}
        self.assertEqual(set(), stored & {'count', 'numbers', 'labels',
                                          'when', 'source'})
        record['properties'].append(
            dict(dict.fromkeys(VALUE_COLUMNS), name='removed_field',
                 position=None, key_name=None, string_value='x'))
        back = mapping.to_artifact(UnitTestKinds, record)
        self.assertIsNone(back.count)
        self.assertEqual([], back.numbers)
        self.assertEqual({}, back.labels)
        self.assertEqual({}, back.files)
        self.assertIsNone(back.payload)
        self.assertNotIn('removed_field', back.to_dict())

    def test_all_view_keeps_the_type_name(self):
        art = images.Image.new(_context(), {'name': 'a'})
        record = _as_db_record(art)
        record['type_name'] = 'images'
        back = mapping.to_artifact(all_type.All, record)
        self.assertEqual('images', back.type_name)
        self.assertEqual('All Artifacts', back.display_type_name)


class TestColumns(base.TestCase):
    def test_each_kind_has_its_column(self):
        self.assertEqual('int_value',
                         mapping.property_column(f.Integer()))
        self.assertEqual('string_value',
                         mapping.property_column(f.Link()))
        self.assertEqual('bool_value',
                         mapping.property_column(f.List(f.Boolean)))
        self.assertIsNone(mapping.property_column(f.Folder()))

    def test_long_strings_are_stored_unindexed(self):
        self.assertEqual('text_value',
                         mapping.property_column(f.String(max_length=1000)))
        self.assertEqual('string_value', mapping.property_column(
            f.String(max_length=255)))

    def test_timestamps_sort_as_text(self):
        field = f.DateTime()
        early = datetime.datetime(2026, 1, 2, 3, 4, 5, 6)
        late = datetime.datetime(2026, 1, 2, 3, 4, 5, 7)
        self.assertLess(mapping.to_column(field, early),
                        mapping.to_column(field, late))
        self.assertEqual(late, mapping.from_column(
            field, mapping.to_column(field, late)))
