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

"""List queries compiled to SQL (glare.db.listing)."""

import datetime

from glare.db import listing
from glare.db import query as q
from glare import exception
from glare.tests.unit.db import rows


def prop(name, **values):
    return dict(name=name, **values)


class ListingTestCase(rows.DbTestCase):
    def list(self, *filters, **kwargs):
        kwargs.setdefault('type_name', 'images')
        kwargs.setdefault('limit', 100)
        return listing.list_artifacts(
            self.ctx, q.ListQuery(filters=list(filters), **kwargs))

    def names(self, *filters, **kwargs):
        arts, total, more = self.list(*filters, **kwargs)
        self.assertEqual((len(arts), False), (total, more))
        return sorted(a['name'] for a in arts)

    def ordered(self, *sort, **kwargs):
        return [a['name'] for a in self.list(sort=list(sort),
                                             **kwargs)[0]]


class TestFilters(ListingTestCase):
    def setUp(self):
        super().setUp()
        self.add_artifact(name='small', tags=['linux', 'tiny'], properties=[
            prop('min_ram', int_value=128),
            prop('os_distro', string_value='cirros'),
            prop('ports', position=0, int_value=22),
            prop('ports', position=1, int_value=80),
            prop('meta', key_name='arch', string_value='x86_64')])
        self.add_artifact(name='large', tags=['linux'], properties=[
            prop('min_ram', int_value=4096),
            prop('os_distro', string_value='ubuntu'),
            prop('ports', position=0, int_value=443),
            prop('meta', key_name='arch', string_value='aarch64'),
            prop('meta', key_name='gpu', string_value='yes')])
        self.add_artifact(name='bare')
        self.add_artifact(name='Template', type_name='heat_templates')

    def test_column_filters(self):
        self.assertEqual(['small'], self.names(
            q.Filter(q.COLUMN, 'name', 'eq', 'small')))
        self.assertEqual(['bare', 'large'], self.names(
            q.Filter(q.COLUMN, 'name', 'in', ['large', 'bare', 'x'])))

    def test_like_matches_case(self):
        self.assertEqual(['large'], self.names(
            q.Filter(q.COLUMN, 'name', 'like', 'l%')))
        self.assertEqual([], self.names(
            q.Filter(q.COLUMN, 'name', 'like', 'L%')))

    def test_range_filters_on_a_property(self):
        ram = 'int_value'
        self.assertEqual(['large'], self.names(
            q.Filter(q.PROPERTY, ram, 'gt', 128, name='min_ram')))
        self.assertEqual(['large', 'small'], self.names(
            q.Filter(q.PROPERTY, ram, 'gte', 128, name='min_ram')))
        self.assertEqual(['small'], self.names(
            q.Filter(q.PROPERTY, ram, 'lte', 4095, name='min_ram')))

    def test_neq_is_about_a_value_the_artifact_has(self):
        # Artifacts without an os_distro are not "not ubuntu".
        self.assertEqual(['small'], self.names(
            q.Filter(q.PROPERTY, 'string_value', 'neq', 'ubuntu',
                     name='os_distro')))

    def test_a_list_filter_matches_any_item(self):
        self.assertEqual(['small'], self.names(
            q.Filter(q.LIST_ITEM, 'int_value', 'eq', 80, name='ports')))
        self.assertEqual(['large', 'small'], self.names(
            q.Filter(q.LIST_ITEM, 'int_value', 'in', [22, 443],
                     name='ports')))

    def test_dict_keys_and_values(self):
        self.assertEqual(['large'], self.names(
            q.Filter(q.DICT_KEY, 'key_name', 'eq', 'gpu', name='meta')))
        self.assertEqual(['small'], self.names(
            q.Filter(q.DICT_VALUE, 'string_value', 'eq', 'x86_64',
                     name='meta', key='arch')))
        # The value under another key does not count.
        self.assertEqual([], self.names(
            q.Filter(q.DICT_VALUE, 'string_value', 'eq', 'yes',
                     name='meta', key='arch')))

    def test_tags_all_and_any(self):
        self.assertEqual(['small'], self.names(
            q.Filter(q.TAGS_ALL, 'value', 'eq', ['linux', 'tiny'])))
        self.assertEqual(['large', 'small'], self.names(
            q.Filter(q.TAGS_ANY, 'value', 'in', ['tiny', 'linux'])))

    def test_filters_combine_with_and_unless_or(self):
        small = q.Filter(q.PROPERTY, 'int_value', 'eq', 128,
                         name='min_ram', combiner='or')
        large = q.Filter(q.PROPERTY, 'int_value', 'eq', 4096,
                         name='min_ram', combiner='or')
        self.assertEqual(['large', 'small'], self.names(small, large))
        self.assertEqual(['small'], self.names(
            small, large, q.Filter(q.TAGS_ALL, 'value', 'eq', ['tiny'])))
        self.assertEqual([], self.names(
            q.Filter(q.PROPERTY, 'int_value', 'eq', 128, name='min_ram'),
            q.Filter(q.PROPERTY, 'int_value', 'eq', 4096, name='min_ram')))

    def test_every_type_when_no_type_is_named(self):
        self.assertEqual(['Template', 'bare', 'large', 'small'],
                         self.names(type_name=None))


class TestScope(ListingTestCase):
    def test_a_project_lists_what_it_may_read(self):
        self.add_artifact(name='mine')
        self.add_artifact(name='theirs', owner='p2')
        self.add_artifact(name='shared', owner='p2', visibility='public')
        self.add_artifact(name='gone', status='deleted')
        self.assertEqual(['mine', 'shared'], self.names(project_id='p1'))
        self.assertEqual(['mine', 'shared', 'theirs'], self.names())
        self.assertEqual(['gone', 'mine', 'shared', 'theirs'],
                         self.names(include_deleted=True))


class TestLatest(ListingTestCase):
    def test_only_the_highest_version_of_each_name(self):
        for version in ('1.0.0', '1.10.0', '1.9.0', '2.0.0-beta'):
            self.add_artifact(name='a', version=version)
        self.add_artifact(name='b', version='0.1.0')
        arts, total, _ = self.list(latest=True)
        self.assertEqual(2, total)
        self.assertEqual({('a', '2.0.0-beta'), ('b', '0.1.0')},
                         {(a['name'], a['version']) for a in arts})

    def test_equal_versions_in_two_projects_both_rank_first(self):
        self.add_artifact(name='a', version='1.0.0', owner='p1')
        self.add_artifact(name='a', version='1.0.0', owner='p2')
        self.add_artifact(name='a', version='0.9.0', owner='p2')
        self.assertEqual(2, self.list(latest=True)[1])

    def test_latest_is_taken_among_matching_rows(self):
        self.add_artifact(name='a', version='1.0.0', owner='p1')
        self.add_artifact(name='a', version='2.0.0', owner='p2')
        arts, _, _ = self.list(latest=True, project_id='p1')
        self.assertEqual(['1.0.0'], [a['version'] for a in arts])


class TestSortAndPages(ListingTestCase):
    def setUp(self):
        super().setUp()
        t = rows.T0
        self.add_artifact(name='a', created_at=t, properties=[
            prop('min_ram', int_value=512)])
        self.add_artifact(name='b', created_at=t, properties=[
            prop('min_ram', int_value=128)])
        self.add_artifact(name='c', created_at=t + datetime.timedelta(1))
        self.add_artifact(name='d', created_at=t + datetime.timedelta(2),
                          properties=[prop('min_ram', int_value=512)])

    RAM = q.Sort(q.PROPERTY, 'int_value', 'asc', name='min_ram')
    RAM_DESC = q.Sort(q.PROPERTY, 'int_value', 'desc', name='min_ram')
    NAME = q.Sort(q.COLUMN, 'name', 'asc')
    NAME_DESC = q.Sort(q.COLUMN, 'name', 'desc')

    def test_sort_by_a_column(self):
        self.assertEqual(['a', 'b', 'c', 'd'], self.ordered(self.NAME))
        self.assertEqual(['d', 'c', 'b', 'a'], self.ordered(self.NAME_DESC))

    def test_a_missing_value_sorts_as_the_smallest(self):
        self.assertEqual(['c', 'b', 'a', 'd'],
                         self.ordered(self.RAM, self.NAME))
        self.assertEqual(['a', 'd', 'b', 'c'],
                         self.ordered(self.RAM_DESC, self.NAME))

    def test_type_display_names_sort_types(self):
        self.add_artifact(name='z', type_name='heat_templates')
        display = q.Sort(q.TYPE_DISPLAY, 'type_name', 'asc', display_names=(
            ('images', 'Images'), ('heat_templates', 'Heat Templates')))
        self.assertEqual('z', self.ordered(display, self.NAME,
                                           type_name=None)[0])

    def walk(self, sort, limit, **kwargs):
        names, marker = [], None
        for _ in range(10):
            arts, total, more = self.list(sort=sort, limit=limit,
                                          marker=marker, **kwargs)
            self.assertEqual(4, total)
            names.extend(a['name'] for a in arts)
            if not more:
                return names
            marker = arts[-1]['id']
        self.fail('paging never ends')

    def test_pages_visit_every_artifact_once_in_order(self):
        for sort in ([self.RAM, self.NAME], [self.RAM_DESC],
                     [q.Sort(q.COLUMN, 'created_at', 'desc')],
                     [self.NAME_DESC], []):
            for limit in (1, 3):
                expected = self.ordered(*sort)
                self.assertEqual(expected, self.walk(sort, limit))
                self.assertEqual(4, len(set(expected)))

    def test_limit_zero_only_counts(self):
        self.assertEqual(([], 4, False), self.list(limit=0))

    def test_a_page_with_more_counts_up_to_the_count_limit(self):
        for limit, count_limit, total in ((1, 2, 2), (1, 3, 3), (1, 9, 4),
                                          (2, 1, 3), (3, None, 4)):
            arts, counted, more = self.list(limit=limit,
                                            count_limit=count_limit)
            self.assertEqual((limit, total, True),
                             (len(arts), counted, more),
                             (limit, count_limit))
        # After a marker too: the count is of every match, not of those
        # after it.
        first = self.list(limit=1)[0][0]['id']
        self.assertEqual(3, self.list(limit=1, marker=first,
                                      count_limit=3)[1])

    def test_pages_holding_every_match_and_limit_zero_are_exact(self):
        self.assertEqual((4, False), self.list(limit=4, count_limit=1)[1:])
        self.assertEqual(([], 4, False), self.list(limit=0, count_limit=1))

    def test_a_marker_the_caller_cannot_read_is_404(self):
        theirs = self.add_artifact(name='x', owner='p2')
        self.assertRaises(exception.MarkerNotFound, self.list,
                          marker=theirs, project_id='p1')
        self.assertRaises(exception.MarkerNotFound, self.list,
                          marker='no-such-artifact')
