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

"""The list query engine and the database rules, on every backend.

Everything here goes through ``glare.engine.artifacts`` (list parameters
exactly as a client sends them) or ``glare.db.api`` and runs on real
SQLite, PostgreSQL and MySQL databases, because each of them compares,
sorts and reports conflicts its own way.
"""

import datetime

from glare.api import authorization
from glare import context as glare_context
from glare.db import api as db_api
from glare.engine import artifacts as engine
from glare import exception
from glare.objects import base as objects_base
from glare.objects import fields as f
from glare.tests import base
from glare.tests import databases

P1 = 'project1'
P2 = 'project2'


class Sample(objects_base.BaseArtifact):
    """A type with a field of every filterable kind."""

    VERSION = '1.0'

    fields = {
        'int1': f.Integer(sortable=True),
        'str1': f.String(sortable=True),
        'bool1': f.Boolean(),
        'float1': f.Float(sortable=True),
        'dt1': f.DateTime(sortable=True),
        'list_of_str': f.List(f.String),
        'list_of_int': f.List(f.Integer, filter_ops=f.RANGE_OPS),
        'dict_of_str': f.Dict(f.String),
        'dict_of_int': f.Dict(f.Integer, filter_ops=f.RANGE_OPS),
    }

    @classmethod
    def get_type_name(cls):
        return 'sample_artifacts'


def _context(project, admin=False):
    return glare_context.RequestContext(
        user_id='user-' + project, project_id=project,
        # The roles a keystone token carries: member implies reader.
        roles=['admin', 'member', 'reader'] if admin else ['member',
                                                           'reader'],
        is_admin=admin)


class _DbApiMixin:
    backend = None

    def setUp(self):
        super().setUp()
        self.useFixture(databases.MigratedDatabase(self.backend))
        self.useFixture(base.Types({'sample_artifacts': Sample}))
        self.ctx = _context(P1)
        self.other = _context(P2)
        self.admin = _context('admin-project', admin=True)

    # -- helpers -------------------------------------------------------------

    def create(self, ctx=None, **values):
        values.setdefault('name', 'art')
        return engine.create(ctx or self.ctx, Sample, values)

    def patch(self, art, changes, ctx=None):
        ctx = ctx or self.ctx
        return engine.update(ctx, Sample, art.id,
                             engine.parse_patch(changes),
                             authorization.guard(ctx))

    def activate(self, art, ctx=None):
        return self.patch(art, [{'op': 'replace', 'path': '/status',
                                 'value': 'active'}], ctx=ctx)

    def publish(self, art, ctx=None):
        return self.patch(art, [{'op': 'replace', 'path': '/visibility',
                                 'value': 'public'}], ctx=ctx or self.admin)

    def list(self, params=(), ctx=None, limit=1000):
        if isinstance(params, dict):
            params = list(params.items())
        return engine.list_artifacts(ctx or self.ctx, Sample, list(params),
                                     limit, 1000)

    def names(self, params=(), ctx=None):
        arts, total, more = self.list(params, ctx=ctx)
        self.assertEqual(len(arts), total)
        self.assertFalse(more)
        return sorted(a.name for a in arts)

    def ordered(self, params=(), ctx=None):
        return [a.name for a in self.list(params, ctx=ctx)[0]]

    def walk(self, params, limit, ctx=None):
        """Follow markers page by page; every page's artifacts."""
        seen, marker, pages = [], None, 0
        while True:
            page = list(params) + ([('marker', marker)] if marker else [])
            arts, total, more = self.list(page, ctx=ctx, limit=limit)
            pages += 1
            self.assertLessEqual(len(arts), limit)
            seen.extend(arts)
            if not more:
                break
            self.assertEqual(limit, len(arts))
            marker = arts[-1].id
            self.assertLess(pages, 100, 'paging does not end')
        return seen, total

    def assertBadFilter(self, params, *fragments):
        exc = self.assertRaises(exception.BadRequest, self.list, params)
        self.assertEqual(400, exc.code)
        for fragment in fragments:
            self.assertIn(fragment, exc.msg)

    # -- filters on properties -----------------------------------------------

    def test_integer_filters(self):
        for i in range(1, 5):
            self.create(name='i%d' % i, int1=i)
        self.create(name='none')
        self.assertEqual(['i2'], self.names({'int1': '2'}))
        self.assertEqual(['i2'], self.names({'int1': 'eq:2'}))
        # "neq" is about artifacts with another value, not without one,
        # as in Glare.
        self.assertEqual(['i1', 'i3', 'i4'],
                         self.names({'int1': 'neq:2'}))
        # "or:" alternatives are ORed, then ANDed with the others.
        self.assertEqual(['i1', 'i4'], self.names(
            [('int1', 'or:1'), ('int1', 'or:gt:3')]))
        self.assertEqual(['i4'], self.names(
            [('int1', 'or:1'), ('int1', 'or:gt:3'), ('int1', 'gt:2')]))
        self.assertEqual(['i3', 'i4'], self.names({'int1': 'gt:2'}))
        self.assertEqual(['i2', 'i3', 'i4'], self.names({'int1': 'gte:2'}))
        self.assertEqual(['i1'], self.names({'int1': 'lt:2'}))
        self.assertEqual(['i1', 'i2'], self.names({'int1': 'lte:2'}))
        self.assertEqual(['i1', 'i4'], self.names({'int1': 'in:1,4,9'}))
        # Repeating a parameter ANDs the conditions.
        self.assertEqual(['i2', 'i3'], self.names(
            [('int1', 'gte:2'), ('int1', 'lt:4')]))
        self.assertBadFilter({'int1': 'gt:two'}, 'int1')
        self.assertBadFilter({'int1': 'like:1%'}, 'like', 'int1')

    def test_string_filters(self):
        self.create(name='a', str1='alpha')
        self.create(name='b', str1='beta')
        self.create(name='c', str1='al,pha')
        self.create(name='d', str1='alps 100%')
        self.create(name='none')
        self.assertEqual(['a'], self.names({'str1': 'alpha'}))
        self.assertEqual(['b', 'c', 'd'],
                         self.names({'str1': 'neq:alpha'}))
        # A quoted item keeps its comma.
        self.assertEqual(['b', 'c'],
                         self.names({'str1': 'in:beta,"al,pha"'}))
        self.assertEqual(['a', 'c', 'd'], self.names({'str1': 'like:al%'}))
        self.assertEqual(['a', 'd'], self.names({'str1': 'like:alp%'}))
        self.assertBadFilter({'str1': 'gt:alz'}, 'gt', 'str1')
        # A value that merely contains a colon is not an operator.
        self.create(name='e', str1='x:y')
        self.assertEqual(['e'], self.names({'str1': 'x:y'}))
        self.assertEqual(['e'], self.names({'str1': 'eq:x:y'}))

    def test_strings_compare_case_sensitively_everywhere(self):
        self.create(name='App', str1='Alpha', version='1.0')
        # Names differing only in case are different artifacts.
        self.create(name='app', str1='alpha', version='1.0')
        self.assertEqual(['App'], self.names({'name': 'App'}))
        self.assertEqual(['app'], self.names({'str1': 'alpha'}))
        self.assertEqual(['App'], self.names({'str1': 'like:Al%'}))
        self.assertEqual(['App'], self.names({'name': 'like:A%'}))
        self.assertEqual(['App', 'app'], self.ordered(
            {'sort': 'name:asc'}))
        self.assertEqual(['App'], self.names(
            [('version', 'latest'), ('name', 'App')]))

    def test_boolean_filters(self):
        self.create(name='t', bool1=True)
        self.create(name='f', bool1=False)
        self.create(name='none')
        self.assertEqual(['t'], self.names({'bool1': 'true'}))
        self.assertEqual(['f'], self.names({'bool1': 'eq:False'}))
        self.assertEqual(['f'], self.names({'bool1': 'neq:true'}))
        self.assertBadFilter({'bool1': 'yes'}, 'bool1')
        self.assertBadFilter({'bool1': 'gt:true'}, 'gt', 'bool1')

    def test_float_filters(self):
        self.create(name='small', float1=0.25)
        self.create(name='mid', float1=1.5)
        self.create(name='big', float1=1e10)
        self.create(name='none')
        self.assertEqual(['mid'], self.names({'float1': '1.5'}))
        self.assertEqual(['big', 'mid'], self.names({'float1': 'gt:0.25'}))
        self.assertEqual(['mid', 'small'], self.names({'float1': 'lte:1.5'}))
        self.assertEqual(['big', 'small'],
                         self.names({'float1': 'neq:1.5'}))
        self.assertEqual(['big', 'small'],
                         self.names({'float1': 'in:0.25,1e10'}))
        self.assertBadFilter({'float1': 'lt:abc'}, 'float1')

    def test_datetime_property_filters(self):
        self.create(name='old', dt1='2020-01-01T00:00:00Z')
        self.create(name='new', dt1='2024-06-30T12:30:00+02:00')
        self.create(name='none')
        self.assertEqual(['new'], self.names(
            {'dt1': 'gt:2021-01-01T00:00:00Z'}))
        self.assertEqual(['old'], self.names({'dt1': 'lt:2021-01-01'}))
        # Time zones are converted: 12:30+02:00 is 10:30 UTC.
        self.assertEqual(['new'], self.names(
            {'dt1': 'eq:2024-06-30T10:30:00Z'}))
        self.assertEqual(['new'], self.names(
            {'dt1': 'neq:2020-01-01T00:00:00Z'}))
        self.assertBadFilter({'dt1': 'gt:yesterday'}, 'dt1')

    # -- filters on base columns ---------------------------------------------

    def test_name_and_column_filters(self):
        a = self.create(name='alpha', version='1.0')
        self.create(name='beta')
        a = self.activate(a)
        self.create(name='gamma', ctx=self.other)
        self.assertEqual(['alpha'], self.names({'name': 'alpha'}))
        self.assertEqual(['beta'], self.names({'name': 'neq:alpha'}))
        self.assertEqual(['alpha', 'beta'],
                         self.names({'name': 'in:alpha,beta,gamma'}))
        self.assertEqual(['alpha'], self.names({'name': 'like:%lph%'}))
        self.assertEqual(['alpha'], self.names({'status': 'active'}))
        self.assertEqual(['beta'], self.names({'status': 'neq:active'}))
        self.assertEqual(['alpha', 'beta'],
                         self.names({'owner': P1}))
        self.assertEqual(['gamma'], self.names({'owner': P2},
                                               ctx=self.admin))
        self.assertEqual(['alpha', 'beta'],
                         self.names({'visibility': 'private'}))
        self.assertEqual(['alpha'], self.names({'id': a.id}))
        # Only the activated one has activated_at: neq finds nothing.
        activated = a.activated_at.isoformat()
        self.assertEqual(['alpha'], self.names(
            {'activated_at': 'gt:2000-01-01T00:00:00Z'}))
        self.assertEqual(['alpha'], self.names({'activated_at': activated}))
        self.assertEqual([], self.names(
            {'activated_at': 'neq:' + activated}))
        self.assertEqual(['alpha', 'beta'], self.names(
            {'created_at': 'lte:%s' % (datetime.datetime.utcnow() +
                                       datetime.timedelta(minutes=1))
             .isoformat()}))
        self.assertEqual([], self.names(
            {'created_at': 'gt:%s' % (datetime.datetime.utcnow() +
                                      datetime.timedelta(minutes=1))
             .isoformat()}))
        self.assertBadFilter({'status': 'like:act%'}, 'like', 'status')
        self.assertBadFilter({'nosuchfield': 'x'}, 'nosuchfield')
        self.assertBadFilter({'description': 'x'}, 'description')

    def test_version_filters_compare_semver_precedence(self):
        for version in ('1.9.0', '1.10.0', '2.0.0-beta', '2.0.0', '10.0.0'):
            self.create(name='v' + version, version=version)
        # Short forms are normalised.
        self.assertEqual(['v2.0.0'], self.names({'version': '2'}))
        self.assertEqual(['v1.10.0', 'v1.9.0'],
                         self.names({'version': 'in:1.9,1.10.0'}))
        # Text order would put 1.10.0 before 1.9.0 and 10 before 2.
        self.assertEqual(['v1.10.0', 'v2.0.0-beta'], self.names(
            [('version', 'gt:1.9.0'), ('version', 'lt:2.0.0')]))
        self.assertEqual(['v10.0.0', 'v2.0.0'],
                         self.names({'version': 'gte:2.0.0'}))
        self.assertEqual(['v1.10.0', 'v1.9.0', 'v10.0.0', 'v2.0.0'],
                         self.names({'version': 'neq:2.0.0-beta'}))
        self.assertBadFilter({'version': 'gt:one'}, 'version')

    # -- dicts, lists and tags -----------------------------------------------

    def test_dict_key_and_value_filters(self):
        self.create(name='a', metadata={'os': 'linux', 'arch': 'x86'},
                    dict_of_int={'cpus': 4})
        self.create(name='b', metadata={'os': 'windows'},
                    dict_of_int={'cpus': 16})
        self.create(name='c')
        self.assertEqual(['a'], self.names({'metadata': 'arch'}))
        # Keys are looked for with eq and in only, as in Glare.
        self.assertBadFilter({'metadata': 'neq:arch'}, 'neq', 'metadata')
        self.assertEqual(['a', 'b'],
                         self.names({'metadata': 'in:arch,os'}))
        self.assertEqual(['b'], self.names({'metadata.os': 'windows'}))
        # An "os" that is not linux: c, without one, is not listed.
        self.assertEqual(['b'], self.names({'metadata.os': 'neq:linux'}))
        self.assertEqual(['a', 'b'], self.names(
            {'metadata.os': 'in:linux,windows'}))
        # A value under another key does not count.
        self.assertEqual([], self.names({'metadata.arch': 'linux'}))
        self.assertEqual(['b'], self.names({'dict_of_int.cpus': 'gt:4'}))
        self.assertEqual(['a', 'b'],
                         self.names({'dict_of_int.cpus': 'lte:16'}))
        self.assertBadFilter({'dict_of_int.cpus': 'gt:many'},
                             'dict_of_int')
        self.assertBadFilter({'int1.x': '1'}, 'int1')
        self.assertBadFilter({'metadata.os': 'gt:a'}, 'gt', 'metadata')

    def test_list_filters(self):
        self.create(name='a', list_of_str=['x', 'y,z'], list_of_int=[1, 5])
        self.create(name='b', list_of_str=['y'], list_of_int=[7])
        self.create(name='c')
        self.assertEqual(['a'], self.names({'list_of_str': 'x'}))
        self.assertEqual(['a', 'b'], self.names(
            {'list_of_str': 'in:"y,z",y'}))
        # An item other than x.
        self.assertEqual(['a', 'b'], self.names({'list_of_str': 'neq:x'}))
        self.assertEqual(['a', 'b'], self.names({'list_of_int': 'gt:4'}))
        self.assertEqual(['a'], self.names({'list_of_int': 'lt:2'}))
        self.assertBadFilter({'list_of_int': 'gt:x'}, 'list_of_int')

    def test_tags_all_and_any(self):
        self.create(name='ab', tags=['a', 'b'])
        self.create(name='bc', tags=['b', 'c'])
        self.create(name='none')
        self.assertEqual(['ab'], self.names({'tags': 'a,b'}))
        self.assertEqual(['ab', 'bc'], self.names({'tags': 'b'}))
        self.assertEqual(['ab', 'bc'], self.names({'tags-any': 'a,c'}))
        self.assertEqual([], self.names({'tags': 'a,c'}))
        self.assertEqual(['bc'], self.names([('tags', 'c'),
                                             ('tags-any', 'a,b')]))
        self.assertBadFilter({'tags': ''}, 'tags')

    # -- version=latest ------------------------------------------------------

    def test_latest_is_the_highest_semver_per_name(self):
        for version in ('1.0.0', '2.0.0-beta', '2.0.0', '1.10.0'):
            self.create(name='app', version=version)
        for version in ('0.9.0', '1.0.0-rc.1', '1.0.0-rc.2'):
            self.create(name='lib', version=version)
        arts, total, _ = self.list({'version': 'latest'})
        self.assertEqual(2, total)
        self.assertEqual({('app', '2.0.0'), ('lib', '1.0.0-rc.2')},
                         {(a.name, a.version) for a in arts})

    def test_latest_among_rows_matching_other_filters(self):
        for version, tags in (('1.0.0', ['stable']), ('2.0.0-beta', []),
                              ('1.5.0', ['stable']), ('2.0.0', [])):
            self.create(name='app', version=version, tags=tags)
        self.create(name='tool', version='3.0.0')
        params = [('version', 'latest'), ('version', 'lt:2.0.0')]
        for order in (params, list(reversed(params))):
            arts, total, _ = self.list(order + [('name', 'app')])
            self.assertEqual(['2.0.0-beta'], [a.version for a in arts])
            self.assertEqual(1, total)
        arts, _, _ = self.list([('tags', 'stable'), ('version', 'latest')])
        self.assertEqual([('app', '1.5.0')],
                         [(a.name, a.version) for a in arts])
        arts, _, _ = self.list([('version', 'latest'),
                                ('sort', 'name:asc')])
        self.assertEqual([('app', '2.0.0'), ('tool', '3.0.0')],
                         [(a.name, a.version) for a in arts])

    def test_latest_only_among_visible_rows(self):
        self.create(name='app', version='1.0.0')
        self.create(name='app', version='5.0.0', ctx=self.other)
        arts, _, _ = self.list({'version': 'latest'})
        self.assertEqual(['1.0.0'], [a.version for a in arts])

    def test_latest_keeps_every_row_of_an_equal_version(self):
        # The same name and version in two projects: an admin sees both,
        # and which one a page shows must not change between requests.
        self.create(name='app', version='1.0.0')
        self.create(name='app', version='2.0.0')
        self.create(name='app', version='2.0.0', ctx=self.other)
        self.create(name='app', version='2.0.0+build.7', ctx=self.other)
        arts, total, _ = self.list({'version': 'latest'}, ctx=self.admin)
        self.assertEqual(['2.0.0', '2.0.0', '2.0.0+build.7'],
                         sorted(a.version for a in arts))
        self.assertEqual(3, total)
        seen, total = self.walk([('version', 'latest')], 1, ctx=self.admin)
        self.assertEqual(3, total)
        self.assertEqual(sorted(a.id for a in arts),
                         sorted(a.id for a in seen))

    # -- sorting -------------------------------------------------------------

    def test_default_order_is_newest_first(self):
        for name in ('first', 'second', 'third'):
            self.create(name=name)
        self.assertEqual(['third', 'second', 'first'], self.ordered())

    def test_sort_by_several_keys_with_a_nullable_property(self):
        self.create(name='b', int1=2)
        self.create(name='a', int1=2)
        self.create(name='c')
        self.create(name='d', int1=1)
        self.create(name='e')
        # NULL is the smallest value on every backend.
        self.assertEqual(['c', 'e', 'd', 'a', 'b'],
                         self.ordered({'sort': 'int1:asc,name:asc'}))
        self.assertEqual(['b', 'a', 'd', 'e', 'c'],
                         self.ordered({'sort': 'int1,name'}))
        self.assertEqual(['a', 'b', 'd', 'c', 'e'],
                         self.ordered({'sort': 'int1:desc,name:asc'}))

    def test_sort_by_version_is_semver_order(self):
        for version in ('1.10.0', '1.9.0', '2.0.0', '2.0.0-beta',
                        '2.0.0-alpha.10', '2.0.0-alpha.9', '2.0.0-alpha'):
            self.create(name='app', version=version)
        arts, _, _ = self.list({'sort': 'version:asc'})
        self.assertEqual(['1.9.0', '1.10.0', '2.0.0-alpha', '2.0.0-alpha.9',
                          '2.0.0-alpha.10', '2.0.0-beta', '2.0.0'],
                         [a.version for a in arts])

    def test_sort_by_float_datetime_and_string_properties(self):
        self.create(name='x', float1=2.5, dt1='2021-01-01T00:00:00Z',
                    str1='b')
        self.create(name='y', float1=-1.0, dt1='2022-01-01T00:00:00Z',
                    str1='c')
        self.create(name='z', float1=10.0, dt1='2020-01-01T00:00:00Z',
                    str1='a')
        self.assertEqual(['y', 'x', 'z'],
                         self.ordered({'sort': 'float1:asc'}))
        self.assertEqual(['y', 'x', 'z'], self.ordered({'sort': 'dt1'}))
        self.assertEqual(['z', 'x', 'y'],
                         self.ordered({'sort': 'str1:asc'}))

    def test_bad_sorts_are_rejected(self):
        for value, fragment in (('nosuch', 'nosuch'),
                                ('name:up', 'up'),
                                ('tags', 'tags'),
                                ('metadata', 'metadata'),
                                ('bool1', 'bool1'),
                                ('name,name', 'name')):
            exc = self.assertRaises(exception.InvalidSort, self.list,
                                    {'sort': value})
            self.assertEqual(400, exc.code)
            self.assertIn(fragment, exc.msg)

    # -- keyset paging -------------------------------------------------------

    def _tied_rows(self):
        values = [3, 1, None, 1, 2, None, 1, 3, 2, None, 1]
        for i, value in enumerate(values):
            self.create(name='n%02d' % (i % 4), int1=value,
                        version='1.0.%d' % i)
        return len(values)

    def test_marker_paging_visits_every_row_once(self):
        count = self._tied_rows()
        for sort in ('int1:asc', 'int1:desc', 'int1:asc,name:desc',
                     'name:asc,int1:desc', 'version:asc', 'name,version',
                     'created_at:asc', 'float1:asc'):
            full = self.ordered({'sort': sort})
            self.assertEqual(count, len(full))
            for limit in (1, 2, 3):
                seen, total = self.walk([('sort', sort)], limit)
                self.assertEqual(count, total)
                ids = [a.id for a in seen]
                self.assertEqual(len(ids), len(set(ids)),
                                 'a row came twice sorting by %s' % sort)
                self.assertEqual(count, len(ids), sort)
                self.assertEqual(full, [a.name for a in seen], sort)

    def test_ties_come_newest_first(self):
        for version in ('1', '2', '3'):
            self.create(name='same', version=version)
        self.create(name='other')
        # Equal names keep the default order, as in Glare: newest first.
        self.assertEqual(['3.0.0', '2.0.0', '1.0.0'], [
            a.version for a in self.list({'sort': 'name:desc'})[0]
            if a.name == 'same'])
        self.assertEqual(['3.0.0', '2.0.0', '1.0.0'], [
            a.version for a in self.list({'sort': 'name:asc'})[0]
            if a.name == 'same'])

    def test_marker_paging_with_filters(self):
        self._tied_rows()
        expected = self.names({'int1': 'neq:3'})
        seen, total = self.walk([('int1', 'neq:3'), ('sort', 'int1:asc')],
                                2)
        self.assertEqual(len(expected), total)
        self.assertEqual(expected, sorted(a.name for a in seen))

    def test_unknown_or_invisible_marker_is_not_found(self):
        self.create(name='mine')
        theirs = self.create(name='theirs', ctx=self.other)
        exc = self.assertRaises(
            exception.MarkerNotFound, self.list,
            {'marker': '00000000-0000-0000-0000-000000000000'})
        self.assertEqual(404, exc.code)
        self.assertRaises(exception.MarkerNotFound, self.list,
                          {'marker': theirs.id})
        self.assertRaises(exception.MarkerNotFound, self.list,
                          {'marker': 'not-an-id'})

    # -- who sees what -------------------------------------------------------

    def test_projects_see_their_own_and_public_admins_all(self):
        self.create(name='mine')
        public = self.activate(self.create(name='public', ctx=self.other),
                               ctx=self.other)
        self.publish(public)
        self.create(name='theirs', ctx=self.other)
        self.assertEqual(['mine', 'public'], self.names())
        self.assertEqual(['public', 'theirs'], self.names(ctx=self.other))
        self.assertEqual(['mine', 'public', 'theirs'],
                         self.names(ctx=self.admin))

    def test_limit_and_total_count(self):
        for i in range(5):
            self.create(name='a%d' % i)
        arts, total, more = self.list(limit=2)
        self.assertEqual((2, 5, True), (len(arts), total, more))
        arts, total, more = self.list(limit=5)
        self.assertEqual((5, 5, False), (len(arts), total, more))
        arts, _, _ = self.list({'limit': '3'})
        self.assertEqual(3, len(arts))
        arts, _, _ = engine.list_artifacts(self.ctx, Sample,
                                           [('limit', '1000000')], 25, 4)
        self.assertEqual(4, len(arts))
        # limit=0: the count alone.
        self.assertEqual(([], 5, False), self.list({'limit': '0'}))
        for bad in ('-1', 'x', '1.5'):
            self.assertBadFilter({'limit': bad}, 'limit')

    # -- identity and concurrency --------------------------------------------

    def test_duplicate_identity_in_a_project(self):
        self.create(name='app', version='1.0')
        exc = self.assertRaises(exception.Duplicate, self.create,
                                name='app', version='1.0.0')
        self.assertEqual(409, exc.code)
        self.assertIn('app', exc.msg)
        # Another project, another version or another name is fine.
        self.create(name='app', version='1.0', ctx=self.other)
        self.create(name='app', version='1.0.1')
        other = self.create(name='other', version='1.0')
        exc = self.assertRaises(
            exception.Duplicate, self.patch, other,
            [{'op': 'replace', 'path': '/name', 'value': 'app'}])
        self.assertEqual(409, exc.code)
        # The failed rename left the artifact as it was.
        self.assertEqual('other', engine.get(self.ctx, Sample,
                                             other.id).name)

    def test_publishing_a_clashing_artifact_is_a_conflict(self):
        mine = self.activate(self.create(name='app', version='1.0'))
        theirs = self.activate(self.create(name='app', version='1.0',
                                           ctx=self.other), ctx=self.other)
        self.assertEqual('public', self.publish(mine).visibility)
        exc = self.assertRaises(exception.Duplicate, self.publish, theirs)
        self.assertEqual(409, exc.code)
        self.assertIn('public', exc.msg)
        self.assertEqual('private', engine.get(self.admin, Sample,
                                               theirs.id).visibility)
        # A new private artifact may not take a public identity either
        # once the owner publishes; but a private twin stays allowed.
        self.create(name='app', version='1.0')

    def test_stale_row_version_is_a_concurrent_update(self):
        art = self.create(name='app')
        stale = art.row_version
        db_api.update(self.ctx, art.id, stale, {'description': 'first'}, {})
        exc = self.assertRaises(exception.ConcurrentUpdate, db_api.update,
                                self.ctx, art.id, stale,
                                {'description': 'second'}, {})
        self.assertEqual(409, exc.code)
        self.assertEqual('first', engine.get(self.ctx, Sample,
                                             art.id).description)
        self.assertRaises(exception.ConcurrentUpdate, db_api.delete,
                          self.ctx, art.id, stale)
        fresh = engine.get(self.ctx, Sample, art.id)
        db_api.delete(self.ctx, art.id, fresh.row_version)
        self.assertRaises(exception.ArtifactNotFound, engine.get, self.ctx,
                          Sample, art.id)

    def test_properties_and_tags_round_trip(self):
        values = dict(name='full', version='1.2.3-rc.1+b.5', int1=-(2 ** 62),
                      str1='ünïcödé', bool1=False, float1=0.1,
                      dt1='2024-02-29T23:59:59Z', list_of_str=['b', 'a', 'b'],
                      list_of_int=[3, 1, 2], dict_of_str={'k': 'v'},
                      dict_of_int={'z': 0, 'a': 1}, tags=['t2', 't1'],
                      metadata={'m': 'n'}, description='d' * 4096)
        created = self.create(**values).to_dict()
        shown = engine.get(self.ctx, Sample, created['id']).to_dict()
        self.assertEqual(created, shown)
        for name in ('int1', 'str1', 'bool1', 'float1', 'list_of_str',
                     'list_of_int', 'dict_of_str', 'dict_of_int',
                     'metadata', 'description', 'version'):
            self.assertEqual(values[name], shown[name], name)
        self.assertEqual('2024-02-29T23:59:59Z', shown['dt1'])
        self.assertEqual(['t1', 't2'], sorted(shown['tags']))


class TestDbApiSQLite(_DbApiMixin, base.TestCase):
    backend = databases.SQLITE


class TestDbApiPostgreSQL(_DbApiMixin, base.TestCase):
    backend = databases.POSTGRESQL


class TestDbApiMySQL(_DbApiMixin, base.TestCase):
    backend = databases.MYSQL
