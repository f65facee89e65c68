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

"""Regressions of issue 19: malformed input that used to answer 500.

Ranges a blob download cannot serve, integers too large for the
database in list filters and quotas, and form bodies on create; on every
database backend where the database is what used to fail.
"""

from glare.artifact_types import all as all_type
from glare.artifact_types import images
from glare.artifact_types import ovf_packages
from glare.artifact_types import secrets
from glare.tests import databases
from glare.tests.functional import base

V11 = {'OpenStack-API-Version': 'artifact 1.1'}
HUGE = str(2 ** 63)
HUGER = '99999999999999999999'


class TestRanges(base.ApiTestCase):
    def setUp(self):
        super().setUp()
        art = self.create()
        self.url = '/artifacts/images/%s/image' % art['id']
        resp = self.app.put(self.url, b'x', headers={
            'X-Auth-Token': base.MEMBER,
            'Content-Type': 'application/octet-stream'})
        self.assertEqual(200, resp.status_int, resp.text)

    def ranged(self, header, method='get'):
        return getattr(self.app, method)(
            self.url, headers={'X-Auth-Token': base.MEMBER,
                               'Range': header}, status='*')

    def test_malformed_ranges_are_416_not_500(self):
        for header in ('bytes=--1', 'bytes=-', 'bytes=1-x', 'bytes=',
                       'bytes=5-2'):
            for method in ('get', 'head'):
                resp = self.ranged(header, method)
                self.assertEqual(416, resp.status_int, (header, method))
                self.assertEqual('bytes */1', resp.headers['Content-Range'])
            self.assertError(self.ranged(header), 416, header)

    def test_a_suffix_longer_than_the_blob_is_the_whole_blob(self):
        resp = self.ranged('bytes=-6')
        self.assertEqual(206, resp.status_int, resp.text)
        self.assertEqual(b'x', resp.body)
        self.assertEqual('bytes 0-0/1', resp.headers['Content-Range'])

    def test_other_units_and_several_ranges_get_the_whole_blob(self):
        for header in ('items=0-0', 'bytes=0-0,0-0'):
            resp = self.ranged(header)
            self.assertEqual(200, resp.status_int, header)
            self.assertEqual(b'x', resp.body)
            self.assertNotIn('Content-Range', resp.headers)


class _UnstorableValuesMixin:
    """Values no column holds reach no database: 400 naming them."""

    backend = None
    types = {'images': images.Image, 'secrets': secrets.Secret,
             'ovf_packages': ovf_packages.OVFPackage, 'all': all_type.All}

    def database(self):
        return databases.MigratedDatabase(self.backend)

    def test_list_filters(self):
        self.create(name='kept', min_ram=5)
        for url, parameter in (
                ('/artifacts/images?min_ram=gt:' + HUGER, 'min_ram'),
                ('/artifacts/images?min_ram=' + HUGE, 'min_ram'),
                ('/artifacts/images?min_ram=lte:-' + HUGE + '1', 'min_ram'),
                ('/artifacts/images?min_ram=in:1,' + HUGER, 'min_ram'),
                ('/artifacts/secrets?bit_length=gte:' + HUGER, 'bit_length'),
                ('/artifacts/ovf_packages?disk_capacities.disk1=lt:' +
                 HUGER, 'disk_capacities.disk1')):
            self.assertError(self.get(url), 400, parameter, 'too large')
        # The largest value that fits still filters.
        listed = self.get('/artifacts/images?min_ram=lt:%d' %
                          (2 ** 63 - 1)).json
        self.assertEqual(['kept'], [a['name'] for a in listed['artifacts']])

    def test_text_with_nul(self):
        for url, parameter in (
                ('/artifacts/all?id=%00', 'id'),
                ('/artifacts/images?name=like:a%00', 'name'),
                ('/artifacts/images?metadata.k%00=v', 'metadata.k'),
                ('/artifacts/images?tags=a,%00', 'tags')):
            self.assertError(self.get(url), 400, parameter, 'NUL')

    def test_quota_values(self):
        for value in (2 ** 63, int(HUGER), -2 ** 63):
            resp = self.app.put_json('/quotas', [{
                'project_id': 'project1',
                'project_quotas': [{'quota_name': 'max_uploaded_data',
                                    'quota_value': value}]}],
                headers=dict(V11, **{'X-Auth-Token': base.ADMIN}),
                status='*')
            self.assertError(resp, 400, 'max_uploaded_data')
        resp = self.app.put_json('/quotas', [{
            'project_id': 'p' * 129,
            'project_quotas': [{'quota_name': 'max_uploaded_data',
                                'quota_value': 1}]}],
            headers=dict(V11, **{'X-Auth-Token': base.ADMIN}), status='*')
        self.assertError(resp, 400, 'project_id')
        [report] = self.get('/project-quotas', headers=V11).json
        self.assertIn({'quota_name': 'max_uploaded_data', 'quota_value': -1},
                      report['project_quotas'])


class TestUnstorableValuesSQLite(
        _UnstorableValuesMixin, base.ApiTestCase):
    backend = databases.SQLITE


class TestUnstorableValuesPostgreSQL(
        _UnstorableValuesMixin, base.ApiTestCase):
    backend = databases.POSTGRESQL


class TestUnstorableValuesMySQL(
        _UnstorableValuesMixin, base.ApiTestCase):
    backend = databases.MYSQL


class TestFormBodies(base.ApiTestCase):
    def test_multipart_create_is_415(self):
        for body in (b'', b'--x\r\nContent-Disposition: form-data; '
                     b'name="name"\r\n\r\nfoo\r\n--x--\r\n', b'junk'):
            resp = self.post('/artifacts/images', body,
                             content_type='multipart/form-data; boundary=x')
            self.assertError(resp, 415, 'multipart/form-data',
                             'application/json')
        resp = self.post('/artifacts/images', b'name=foo',
                         content_type='application/x-www-form-urlencoded')
        self.assertError(resp, 415, 'application/json')
        self.assertEqual(0, self.get('/artifacts/images').json[
            'total_count'])
