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

"""What a list request asks of the database (glare.db.query)."""

import dataclasses

from glare.db import query as q
from glare.tests import base


class TestQuery(base.TestCase):
    def test_a_plain_list_is_one_page_of_25_without_deleted_artifacts(self):
        query = q.ListQuery(type_name='images')
        self.assertEqual(
            (25, None, [], [], False, False),
            (query.limit, query.marker, query.filters, query.sort,
             query.latest, query.include_deleted))

    def test_queries_do_not_share_their_filters(self):
        first, second = q.ListQuery(), q.ListQuery()
        first.filters.append(q.Filter(q.COLUMN, 'name', 'eq', 'a'))
        self.assertEqual([], second.filters)

    def test_filters_must_all_hold_unless_said_otherwise(self):
        flt = q.Filter(q.PROPERTY, 'int_value', 'gt', 5, name='min_ram')
        self.assertEqual('and', flt.combiner)

    def test_filters_and_sort_keys_are_values(self):
        # Equal when they ask the same; immutable once built.
        self.assertEqual(q.Filter(q.COLUMN, 'name', 'eq', 'a'),
                         q.Filter(q.COLUMN, 'name', 'eq', 'a'))
        sort = q.Sort(q.COLUMN, 'created_at', 'desc')
        self.assertTrue(sort.nullable)
        self.assertRaises(dataclasses.FrozenInstanceError, setattr, sort,
                          'direction', 'asc')
