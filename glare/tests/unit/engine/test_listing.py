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

"""List parameters turned into a ListQuery, and the 400s for bad ones."""

import datetime

from glare.artifact_types import all as all_type
from glare.artifact_types import images
from glare.db import query as q
from glare.engine import listing
from glare import exception
from glare.objects import base as objects
from glare.objects import fields as f
from glare.objects import semver
from glare.tests import base

MARKER = '0b4ef9a8-2f3c-4a57-9d5e-0c1f2a3b4c5d'


class ListingTestKinds(objects.BaseArtifact):
    fields = {
        'size': f.Integer(sortable=True),
        'ratio': f.Float(),
        'flag': f.Boolean(),
        'built_at': f.DateTime(sortable=True),
        'release': f.Version(),
        'ports': f.List(f.Integer),
        'limits': f.Dict(f.Integer),
        'notes': f.String(max_length=1000),
    }

    @classmethod
    def get_type_name(cls):
        return 'listing_kinds'


def build(params, artifact_type=images.Image, project_id='p1'):
    return listing.build(artifact_type, params, project_id, 25, 1000)


def one_filter(name, value, artifact_type=ListingTestKinds):
    query = build([(name, value)], artifact_type)
    [result] = query.filters
    return result


class TestDefaults(base.TestCase):
    def test_empty_params(self):
        query = build([])
        self.assertEqual('images', query.type_name)
        self.assertEqual('p1', query.project_id)
        self.assertEqual([], query.filters)
        self.assertEqual(25, query.limit)
        self.assertIsNone(query.marker)
        self.assertFalse(query.latest)
        self.assertEqual([q.Sort(storage=q.COLUMN, column='created_at',
                                 direction='desc', nullable=False)],
                         query.sort)

    def test_all_view_lists_every_type(self):
        self.assertIsNone(build([], all_type.All).type_name)

    def test_admin_sees_every_project(self):
        self.assertIsNone(build([], project_id=None).project_id)


class TestScalarFilters(base.TestCase):
    def test_default_op_is_eq(self):
        self.assertEqual(q.Filter(storage=q.COLUMN, column='name', op='eq',
                                  value='cirros'),
                         one_filter('name', 'cirros', images.Image))

    def test_unknown_op_prefix_is_part_of_the_value(self):
        result = one_filter('name', 'foo:bar', images.Image)
        self.assertEqual(('eq', 'foo:bar'), (result.op, result.value))

    def test_every_op(self):
        for op in ('eq', 'neq', 'gt', 'gte', 'lt', 'lte'):
            result = one_filter('size', '%s:5' % op)
            self.assertEqual(q.Filter(storage=q.PROPERTY, column='int_value',
                                      op=op, value=5, name='size'), result)
        result = one_filter('name', 'like:cir%', images.Image)
        self.assertEqual(('like', 'cir%'), (result.op, result.value))

    def test_in_splits_commas_outside_quotes(self):
        result = one_filter('name', 'in:a,"b,c", d', images.Image)
        self.assertEqual(['a', 'b,c', 'd'], result.value)
        self.assertEqual('in', result.op)

    def test_values_take_the_field_type(self):
        self.assertEqual(0.5, one_filter('ratio', '0.5').value)
        self.assertIs(True, one_filter('flag', 'TRUE').value)
        self.assertIs(False, one_filter('flag', 'false').value)
        self.assertEqual([1, 2], one_filter('size', 'in:1,2').value)
        self.assertEqual('1.0.0', one_filter('release', '1').value)

    def test_datetime_values(self):
        prop = one_filter('built_at', 'gt:2020-01-01T00:00:00+01:00')
        self.assertEqual('2019-12-31T23:00:00.000000', prop.value)
        column = one_filter('created_at', 'lt:2020-01-01T00:00:00Z',
                            images.Image)
        self.assertEqual(q.COLUMN, column.storage)
        self.assertEqual(datetime.datetime(2020, 1, 1), column.value)

    def test_values_of_the_wrong_type_name_the_field(self):
        for name, value in (('size', 'five'), ('ratio', 'x'),
                            ('flag', 'yes'), ('built_at', 'noon'),
                            ('release', 'one'), ('size', 'in:1,x')):
            exc = self.assertRaises(exception.InvalidFilter, build,
                                    [(name, value)], ListingTestKinds)
            self.assertEqual(400, exc.code)
            self.assertIn('for field %s' % name, exc.msg)

    def test_numbers_no_database_column_holds_are_400(self):
        for name, value, reason in (
                ('size', 'gt:%d' % 2 ** 63, 'too large'),
                ('size', 'in:1,-%d' % (2 ** 63 + 1), 'too large'),
                ('ports', '99999999999999999999', 'too large'),
                ('limits.disk1', 'lt:%d' % 2 ** 64, 'too large'),
                ('ratio', 'gt:1e999', 'finite'),
                ('ratio', 'nan', 'finite')):
            exc = self.assertRaises(exception.InvalidFilter, build,
                                    [(name, value)], ListingTestKinds)
            self.assertIn('for field %s' % name, exc.msg)
            self.assertIn(reason, exc.msg)
        self.assertEqual(2 ** 63 - 1, one_filter(
            'size', 'lte:%d' % (2 ** 63 - 1)).value)
        self.assertEqual(-2 ** 63, one_filter('size', str(-2 ** 63)).value)

    def test_text_no_database_stores_is_400(self):
        for name, value in (('notes', 'a\x00b'), ('limits.k\x00', '1'),
                            ('tags', '\ud800'), ('name', 'like:%\x00')):
            exc = self.assertRaises(exception.InvalidFilter, build,
                                    [(name, value)], ListingTestKinds)
            self.assertIn(repr(name), exc.msg)

    def test_op_not_allowed_for_the_field(self):
        exc = self.assertRaises(exception.InvalidFilter, build,
                                [('flag', 'gt:true')], ListingTestKinds)
        self.assertIn('operator gt is not allowed for field flag '
                      '(allowed: eq, neq)', exc.msg)
        exc = self.assertRaises(exception.InvalidFilter, build,
                                [('owner', 'like:p%')])
        self.assertIn('operator like is not allowed for field owner',
                      exc.msg)

    def test_unknown_and_unfilterable_fields(self):
        exc = self.assertRaises(exception.InvalidFilter, build,
                                [('colour', 'red')])
        self.assertIn("unknown field 'colour' for artifact type images",
                      exc.msg)
        for name in ('notes', 'image'):
            artifact_type = ListingTestKinds if name == 'notes' \
                else images.Image
            exc = self.assertRaises(exception.InvalidFilter, build,
                                    [(name, 'x')], artifact_type)
            self.assertIn('field %s cannot be filtered on' % name, exc.msg)

    def test_or_combiner(self):
        query = build([('size', 'or:1'), ('size', 'or:gt:5'),
                       ('ratio', 'and:0.5'), ('flag', 'true'),
                       ('tags', 'or:a,b')], ListingTestKinds)
        self.assertEqual(
            [('eq', 1, 'or'), ('gt', 5, 'or'), ('eq', 0.5, 'and'),
             ('eq', True, 'and'), ('in', ['a', 'b'], 'or')],
            [(x.op, x.value, x.combiner) for x in query.filters])

    def test_display_type_name_filters_by_type(self):
        self.useFixture(base.Types({'images': images.Image,
                                    'all': all_type.All}))
        for value, names in (('Images', ['images']), ('neq:Images', []),
                             ('in:Images,Secrets', ['images']),
                             ('like:Im%', ['images']), ('like:im%', []),
                             ('X', [])):
            self.assertEqual(
                q.Filter(storage=q.COLUMN, column='type_name', op='in',
                         value=names),
                one_filter('display_type_name', value, all_type.All))

    def test_repeated_parameters_add_up(self):
        query = build([('size', 'gte:1'), ('size', 'lt:9')],
                      ListingTestKinds)
        self.assertEqual([('gte', 1), ('lt', 9)],
                         [(x.op, x.value) for x in query.filters])

    def test_type_name_filter_of_the_all_view(self):
        self.assertEqual(
            q.Filter(storage=q.COLUMN, column='type_name', op='in',
                     value=['images', 'secrets']),
            one_filter('type_name', 'in:images,secrets', all_type.All))


class TestVersionFilters(base.TestCase):
    def test_equality_compares_normalised_text(self):
        self.assertEqual(
            q.Filter(storage=q.COLUMN, column='version', op='eq',
                     value='1.0.0'),
            one_filter('version', '1.0'))
        self.assertEqual(['1.0.0', '2.1.0'],
                         one_filter('version', 'in:1,2.1').value)

    def test_ranges_use_the_sort_key(self):
        result = one_filter('version', 'gte:2.0.0-beta')
        self.assertEqual(
            q.Filter(storage=q.COLUMN, column='version_key', op='gte',
                     value=semver.sort_key('2.0.0-beta')), result)

    def test_latest(self):
        query = build([('version', 'latest'), ('name', 'x')])
        self.assertTrue(query.latest)
        self.assertEqual(['name'], [x.column for x in query.filters])

    def test_invalid_version_names_the_field(self):
        for value in ('lt:1.x', 'eq:latest', 'in:1,x'):
            exc = self.assertRaises(exception.InvalidFilter, build,
                                    [('version', value)])
            self.assertIn('invalid value for field version', exc.msg)

    def test_like_is_not_allowed_on_versions(self):
        exc = self.assertRaises(exception.InvalidFilter, build,
                                [('version', 'like:1%')])
        self.assertIn('operator like is not allowed for field version',
                      exc.msg)


class TestContainerFilters(base.TestCase):
    def test_dict_key(self):
        self.assertEqual(
            q.Filter(storage=q.DICT_KEY, column='key_name', op='eq',
                     value='os', name='metadata'),
            one_filter('metadata', 'os', images.Image))
        self.assertEqual(['a', 'b'],
                         one_filter('metadata', 'in:a,b',
                                    images.Image).value)

    def test_dict_value(self):
        self.assertEqual(
            q.Filter(storage=q.DICT_VALUE, column='string_value', op='neq',
                     value='linux', name='metadata', key='os'),
            one_filter('metadata.os', 'neq:linux', images.Image))
        result = one_filter('limits.cpu', '4')
        self.assertEqual(('int_value', 'eq', 4),
                         (result.column, result.op, result.value))

    def test_dict_value_type_is_checked(self):
        exc = self.assertRaises(exception.InvalidFilter, build,
                                [('limits.cpu', 'many')], ListingTestKinds)
        self.assertIn('for field limits', exc.msg)

    def test_dotted_name_on_a_non_dict(self):
        exc = self.assertRaises(exception.InvalidFilter, build,
                                [('name.x', 'y')])
        self.assertIn('name is not a dict field; "name.x" is invalid',
                      exc.msg)
        exc = self.assertRaises(exception.InvalidFilter, build,
                                [('metadata.', 'y')])
        self.assertIn("empty key in 'metadata.'", exc.msg)

    def test_list_item(self):
        self.assertEqual(
            q.Filter(storage=q.LIST_ITEM, column='int_value', op='in',
                     value=[80, 443], name='ports'),
            one_filter('ports', 'in:80,443'))

    def test_tags(self):
        self.assertEqual(
            q.Filter(storage=q.TAGS_ALL, column='value', op='in',
                     value=['a', 'b']),
            one_filter('tags', 'a,b', images.Image))
        self.assertEqual(q.TAGS_ANY,
                         one_filter('tags-any', 'a', images.Image).storage)

    def test_tags_need_a_tag(self):
        for name in ('tags', 'tags-any'):
            exc = self.assertRaises(exception.InvalidFilter, build,
                                    [(name, ',')])
            self.assertIn('%s needs at least one tag' % name, exc.msg)

    def test_tags_take_no_operator(self):
        for value in ('like:a%', 'neq:a', 'or:in:a'):
            exc = self.assertRaises(exception.InvalidFilter, build,
                                    [('tags', value)])
            self.assertIn('tags takes tags, without an operator', exc.msg)

    def test_dict_keys_take_eq_and_in_only(self):
        exc = self.assertRaises(exception.InvalidFilter, build,
                                [('metadata', 'neq:os')])
        self.assertIn('operator neq is not allowed for field metadata '
                      '(its keys) (allowed: eq, in)', exc.msg)

    def test_dict_values_take_the_ops_of_their_dict(self):
        exc = self.assertRaises(exception.InvalidFilter, build,
                                [('metadata.os', 'like:lin%')])
        self.assertIn('operator like is not allowed for field metadata.os',
                      exc.msg)

    def test_unbalanced_quotes_are_refused(self):
        exc = self.assertRaises(exception.InvalidFilter, build,
                                [('name', 'in:a\nb')])
        self.assertIn('cannot split', exc.msg)


class TestSort(base.TestCase):
    def test_keys_and_directions(self):
        query = build([('sort', 'name:asc, version,size:desc')],
                      ListingTestKinds)
        self.assertEqual([
            q.Sort(storage=q.COLUMN, column='name', direction='asc',
                   nullable=False),
            q.Sort(storage=q.COLUMN, column='version_key', direction='desc',
                   nullable=False),
            # Equal precedence: by build metadata, as Glare.
            q.Sort(storage=q.COLUMN, column='version', direction='desc',
                   nullable=False),
            q.Sort(storage=q.PROPERTY, column='int_value',
                   direction='desc', name='size'),
            # Ties come newest first, as by default.
            q.Sort(storage=q.COLUMN, column='created_at', direction='desc',
                   nullable=False),
        ], query.sort)

    def test_default_order_is_newest_first(self):
        self.assertEqual([q.Sort(storage=q.COLUMN, column='created_at',
                                 direction='desc', nullable=False)],
                         build([]).sort)
        # Asked for, it is not repeated as the tie-break.
        self.assertEqual(['created_at'], [
            s.column for s in build([('sort', 'created_at:asc')]).sort])

    def test_nullable_columns_say_so(self):
        sort = build([('sort', 'activated_at:asc')]).sort[0]
        self.assertTrue(sort.nullable)

    def test_display_type_name_sorts_by_the_types_display_names(self):
        self.useFixture(base.Types({'images': images.Image,
                                    'all': all_type.All}))
        sort = build([('sort', 'display_type_name:asc')],
                     all_type.All).sort[0]
        self.assertEqual((q.TYPE_DISPLAY, 'type_name',
                          (('images', 'Images'),)),
                         (sort.storage, sort.column, sort.display_names))

    def test_bad_direction(self):
        exc = self.assertRaises(exception.InvalidSort, build,
                                [('sort', 'name:up')])
        self.assertIn("direction 'up' of name is not asc or desc", exc.msg)

    def test_unsortable_field_lists_the_sortable_ones(self):
        for key in ('tags', 'colour', ''):
            exc = self.assertRaises(exception.InvalidSort, build,
                                    [('sort', key)])
            self.assertEqual(400, exc.code)
            self.assertIn('%r is not a sortable field of images' % key,
                          exc.msg)
            self.assertIn('sortable: activated_at, consumer_count, '
                          'created_at, display_type_name, download_count, '
                          'id, last_downloaded_at, name', exc.msg)

    def test_key_given_twice(self):
        exc = self.assertRaises(exception.InvalidSort, build,
                                [('sort', 'name,name:asc')])
        self.assertIn('name is given twice', exc.msg)

    def test_sort_given_twice(self):
        exc = self.assertRaises(exception.InvalidSort, build,
                                [('sort', 'name'), ('sort', 'id')])
        self.assertIn('give sort only once', exc.msg)


class TestPaging(base.TestCase):
    def test_limit_is_clamped_to_the_maximum(self):
        self.assertEqual(10, build([('limit', '10')]).limit)
        self.assertEqual(1000, build([('limit', '5000')]).limit)

    def test_invalid_limits(self):
        for value in ('-1', 'ten', '1.5', ''):
            exc = self.assertRaises(exception.BadRequest, build,
                                    [('limit', value)])
            self.assertEqual(400, exc.code)
            self.assertIn('Invalid limit %r' % value, exc.msg)

    def test_limit_zero_asks_for_the_count_only(self):
        self.assertEqual(0, build([('limit', '0')]).limit)

    def test_any_marker_is_looked_up(self):
        # One that is no id is an artifact not found (404), as in Glare.
        self.assertEqual(MARKER, build([('marker', MARKER)]).marker)
        self.assertEqual('last', build([('marker', 'last')]).marker)


class DictOfIntegers(objects.BaseArtifact):
    fields = {'limits': f.Dict(f.Integer)}

    @classmethod
    def get_type_name(cls):
        return 'dict_of_integers'


class TestDictValueOperators(base.TestCase):
    def test_range_filter_on_numeric_dict_values(self):
        query = listing.build(DictOfIntegers, [('limits.cpu', 'gt:4')],
                              'p1', 25, 1000)
        [flt] = query.filters
        self.assertEqual(('gt', 4, 'cpu'), (flt.op, flt.value, flt.key))
