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

"""``GET /artifacts/{type}``: the list a client sees, over HTTP.

The query rules themselves are covered on every backend in
``glare.tests.functional.db.test_db_api``; here is what the API adds: the
response body, links that a client can follow, limits from the config,
errors that name the parameter at fault, and who sees what.
"""

import urllib.parse

from glare.tests.functional import base


class TestListing(base.ApiTestCase):

    def create(self, type_name='images', token=base.MEMBER, **values):
        # What images need to be activated.
        values.setdefault('container_format', 'bare')
        values.setdefault('disk_format', 'raw')
        return super().create(type_name=type_name, token=token, **values)

    def names(self, query='', token=base.MEMBER, type_name='images'):
        resp = self.get('/artifacts/%s%s' % (type_name, query), token=token)
        self.assertEqual(200, resp.status_int, resp.text)
        return [a['name'] for a in resp.json['artifacts']]

    def walk(self, url, token=base.MEMBER):
        """Follow ``next`` links; every artifact and page seen."""
        seen, pages = [], []
        while url:
            resp = self.get(url, token=token)
            self.assertEqual(200, resp.status_int, resp.text)
            pages.append(resp.json)
            seen.extend(resp.json['artifacts'])
            url = resp.json.get('next')
            self.assertLess(len(pages), 100, 'next links never end')
        return seen, pages

    def publish(self, art, token=base.MEMBER):
        art = self.set_status(art, 'active', token=token)
        return self.update(art, [{'op': 'replace', 'path': '/visibility',
                                  'value': 'public'}], token=base.ADMIN)

    # -- the body ------------------------------------------------------------

    def test_response_shape(self):
        art = self.create(name='one', version='1.0', tags=['x'])
        self.create(name='two')
        body = self.get('/artifacts/images?name=one').json
        # Glare's keys, and nothing else.
        self.assertEqual({'type_name', 'artifacts', 'first', 'schema',
                          'total_count'}, set(body))
        self.assertEqual('images', body['type_name'])
        self.assertEqual('/schemas/images', body['schema'])
        self.assertEqual(1, body['total_count'])
        # Listed artifacts are shown exactly as GET of one shows them.
        shown = self.get('/artifacts/images/%s' % art['id']).json
        self.assertEqual([shown], body['artifacts'])
        self.assertEqual('/artifacts/images?name=one', body['first'])
        self.assertNotIn('next', body)
        body = self.get('/artifacts/images').json
        self.assertEqual('/artifacts/images', body['first'])
        self.assertEqual(2, body['total_count'])

    def test_empty_list(self):
        body = self.get('/artifacts/images').json
        self.assertEqual([], body['artifacts'])
        self.assertEqual(0, body['total_count'])
        self.assertNotIn('next', body)

    def test_next_keeps_repeated_parameters_and_encodes_them(self):
        for version in ('1.0', '1.5', '2.0', '2.5', '3.0'):
            self.create(name='a b,c', version=version, tags=['t'])
        self.create(name='a b,c', version='1.7')  # no tag
        query = [('version', 'gte:1.0'), ('version', 'lt:3.0'),
                 ('name', 'in:"a b,c",zzz'), ('tags', 't'),
                 ('sort', 'version:asc'), ('limit', '2')]
        url = '/artifacts/images?' + urllib.parse.urlencode(query)
        body = self.get(url).json
        self.assertEqual(4, body['total_count'])
        self.assertEqual(['1.0.0', '1.5.0'],
                         [a['version'] for a in body['artifacts']])
        for link, extra in ((body['first'], []),
                            (body['next'],
                             [('marker', body['artifacts'][-1]['id'])])):
            path, _, link_query = link.partition('?')
            self.assertEqual('/artifacts/images', path)
            self.assertNotIn(' ', link_query)
            self.assertNotIn('"', link_query)
            self.assertEqual(query + extra,
                             urllib.parse.parse_qsl(link_query))
        seen, pages = self.walk(url)
        self.assertEqual(['1.0.0', '1.5.0', '2.0.0', '2.5.0'],
                         [a['version'] for a in seen])
        self.assertEqual(2, len(pages))
        self.assertEqual(body['first'], pages[-1]['first'])

    # -- limits --------------------------------------------------------------

    def test_default_limit_is_25(self):
        for i in range(26):
            self.create(name='a%02d' % i)
        body = self.get('/artifacts/images').json
        self.assertEqual(25, len(body['artifacts']))
        self.assertEqual(26, body['total_count'])
        self.assertIn('next', body)
        self.assertIn('limit', self.get('/artifacts/images?limit=1000')
                      .json['first'])
        self.assertEqual(26, len(self.get('/artifacts/images?limit=1000')
                                 .json['artifacts']))

    def test_total_count_counts_up_to_the_configured_limit(self):
        self.flags(list_count_limit=3)
        for i in range(5):
            self.create(name='a%d' % i)
        # More pages: "at least 3" (or the page and one more).
        for query, total in (('?limit=1', 3), ('?limit=3', 4),
                             ('?limit=4', 5)):
            body = self.get('/artifacts/images' + query).json
            self.assertEqual(total, body['total_count'], query)
            self.assertIn('next', body)
        marker = body['artifacts'][0]['id']
        self.assertEqual(3, self.get('/artifacts/images?limit=1&marker=' +
                                     marker).json['total_count'])
        # Every match on the page, or the count alone: exact.
        self.assertEqual(5, self.get('/artifacts/images').json[
            'total_count'])
        self.assertEqual(5, self.get('/artifacts/images?limit=0').json[
            'total_count'])
        self.flags(list_count_limit=0)
        self.assertEqual(5, self.get('/artifacts/images?limit=1').json[
            'total_count'])

    def test_limits_come_from_the_config_and_large_ones_are_clamped(self):
        self.flags(default_api_limit=2, max_api_limit=3)
        for i in range(5):
            self.create(name='a%d' % i)
        self.assertEqual(2, len(self.names()))
        self.assertEqual(3, len(self.names('?limit=4')))
        self.assertEqual(3, len(self.names('?limit=1000000')))
        self.assertEqual(1, len(self.names('?limit=1')))
        seen, pages = self.walk('/artifacts/images?limit=50')
        self.assertEqual(5, len(seen))
        self.assertEqual(2, len(pages))

    # -- walking every row ---------------------------------------------------

    def test_walking_next_returns_every_row_once(self):
        expected = set()
        for i in range(11):
            art = self.create(name='n%d' % (i % 3), version='1.%d' % i)
            if i % 4 == 0:
                # activated_at is NULL for the others: a nullable key.
                self.set_status(art, 'active')
            expected.add(art['id'])
        for sort in ('', '&sort=name:asc', '&sort=activated_at:asc,name',
                     '&sort=version:desc', '&sort=name,activated_at:asc',
                     '&sort=status,activated_at'):
            seen, pages = self.walk('/artifacts/images?limit=2' + sort)
            ids = [a['id'] for a in seen]
            self.assertEqual(len(ids), len(set(ids)), sort)
            self.assertEqual(expected, set(ids), sort)
            self.assertEqual(6, len(pages), sort)
            for page in pages:
                self.assertEqual(11, page['total_count'])
                self.assertEqual('next' in page, page is not pages[-1])

    def test_latest_version_by_name(self):
        for version in ('1.0.0', '2.0.0-beta', '2.0.0', '1.10.0'):
            self.create(name='app', version=version)
        self.create(name='tool', version='0.1')
        body = self.get('/artifacts/images?version=latest&sort=name:asc'
                        ).json
        self.assertEqual([('app', '2.0.0'), ('tool', '0.1.0')],
                         [(a['name'], a['version'])
                          for a in body['artifacts']])
        self.assertEqual(2, body['total_count'])
        body = self.get('/artifacts/images?name=app&version=latest'
                        '&version=lt:2.0.0').json
        self.assertEqual(['2.0.0-beta'],
                         [a['version'] for a in body['artifacts']])

    def test_filters_and_sort_through_the_api(self):
        self.create(name='small', min_ram=256, metadata={'os': 'linux'},
                    tags=['a', 'b'])
        self.create(name='big', min_ram=4096, metadata={'os': 'bsd'},
                    tags=['b'])
        self.create(name='none')
        self.assertEqual(['big'], self.names('?min_ram=gt:256'))
        # About a value the artifact has, as in Glare: not "none".
        self.assertEqual(['small'], sorted(self.names('?min_ram=neq:4096')))
        self.assertEqual(['big', 'small'], sorted(self.names(
            '?min_ram=or:256&min_ram=or:gt:1000')))
        self.assertEqual(['small'], self.names('?metadata.os=linux'))
        self.assertEqual(['big', 'small'],
                         sorted(self.names('?metadata=os')))
        self.assertEqual(['small'], self.names('?tags=a,b'))
        # Repeated parameters AND: some of (a, zzz) and some of (b).
        self.assertEqual(['small'],
                         self.names('?tags-any=a,zzz&tags-any=b'))
        self.assertEqual(['big', 'small'],
                         sorted(self.names('?tags-any=a,b')))
        self.assertEqual(['small'], self.names('?tags-any=a,zzz'))
        self.assertEqual(['small', 'none', 'big'],
                         self.names('?sort=name:desc'))
        self.assertEqual(['big'], self.names('?name=like:b%&sort=name:asc'))
        self.assertEqual(['small', 'none'], self.names('?name=in:small,none'
                                                       '&sort=name:desc'))

    def test_all_view_filters_and_sorts_by_type_name(self):
        self.create(name='img')
        body = self.get('/artifacts/all?type_name=images').json
        self.assertEqual(['img'], [a['name'] for a in body['artifacts']])
        self.assertEqual('images', body['artifacts'][0]['type_name'])
        self.assertEqual([], self.names('?type_name=heat_templates',
                                        type_name='all'))
        self.assertEqual(['img'], self.names('?sort=type_name:asc',
                                             type_name='all'))
        self.assertEqual(['img'], self.names('?display_type_name=Images',
                                             type_name='all'))
        self.assertEqual(['img'], self.names(
            '?sort=display_type_name:desc', type_name='all'))

    # -- errors --------------------------------------------------------------

    def test_bad_parameters_are_400_naming_them(self):
        self.create(name='x')
        for query, fragments in (
                ('limit=-5', ['limit']),
                ('limit=ten', ['limit', 'ten']),
                ('sort=nosuch', ['sort', 'nosuch']),
                ('sort=name:sideways', ['sort', 'sideways']),
                ('sort=tags', ['sort', 'tags']),
                ('nosuch=1', ['nosuch']),
                ('min_ram=lots', ['min_ram']),
                ('min_ram=like:1%', ['like', 'min_ram']),
                ('status=gt:active', ['gt', 'status']),
                ('version=gt:banana', ['version']),
                ('metadata.os=gt:x', ['gt', 'metadata']),
                ('tags=', ['tags']),
                ('name.x=1', ['name'])):
            resp = self.get('/artifacts/images?' + query)
            self.assertError(resp, 400, *fragments)

    def test_limit_zero_counts(self):
        self.create(name='x')
        body = self.get('/artifacts/images?limit=0').json
        self.assertEqual(([], 1), (body['artifacts'], body['total_count']))
        self.assertNotIn('next', body)

    def test_unknown_marker_is_404(self):
        self.create(name='x')
        other = self.create(name='y', token=base.OTHER)
        missing = '00000000-0000-4000-8000-000000000000'
        self.assertError(self.get('/artifacts/images?marker=' + missing),
                         404, missing)
        self.assertError(self.get('/artifacts/images?marker=not-a-uuid'),
                         404, 'not-a-uuid')
        # Someone else's private artifact is as good as missing.
        self.assertError(self.get('/artifacts/images?marker=' + other['id']),
                         404, other['id'])

    # -- who sees what -------------------------------------------------------

    def test_members_see_own_and_public_admins_all(self):
        self.create(name='mine')
        self.publish(self.create(name='public', token=base.OTHER),
                     token=base.OTHER)
        self.create(name='theirs', token=base.OTHER)
        self.assertEqual(['mine', 'public'], sorted(self.names()))
        self.assertEqual(['public', 'theirs'],
                         sorted(self.names(token=base.OTHER)))
        self.assertEqual(['mine', 'public', 'theirs'],
                         sorted(self.names(token=base.ADMIN)))
        self.assertEqual(['public'], self.names('?visibility=public'))
        body = self.get('/artifacts/images', token=base.MEMBER).json
        self.assertEqual(2, body['total_count'])

    def test_deleted_artifacts_never_show(self):
        art = self.create(name='gone')
        self.create(name='kept')
        self.assertEqual(204, self.delete(
            '/artifacts/images/%s' % art['id']).status_int)
        self.assertEqual(['kept'], self.names(token=base.ADMIN))
        self.assertError(self.get('/artifacts/images?marker=' + art['id']),
                         404)
