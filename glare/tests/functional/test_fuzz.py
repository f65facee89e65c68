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

"""Property-based fuzzing of every route, from the types' own schemas.

Hypothesis draws requests for every built-in type: create bodies whose
values follow the type's JSON schema (``GET /schemas``) or are any JSON at
all, list filters on every field with every operator and values of every
kind (numbers past 64 bits among them), JSON patches, blob uploads with
odd headers, downloads with odd ranges, locations, quotas, and paths and
methods of every shape. Whatever the request, the answer is never a 5xx,
and an error is the Glare JSON error body.

The examples are fixed (derandomized) so CI is repeatable and bounded;
``GLARE_TEST_FUZZ_RANDOM=1`` explores new ones, and
``GLARE_TEST_FUZZ_EXAMPLES`` says how many per test (default 60).
"""

import json
import os
import string
import urllib.parse

from hypothesis import given
from hypothesis import HealthCheck
from hypothesis import settings
from hypothesis import strategies as st

from glare.artifact_types import all as all_type
from glare.artifact_types import heat_environments
from glare.artifact_types import heat_templates
from glare.artifact_types import images
from glare.artifact_types import murano_packages
from glare.artifact_types import ovf_packages
from glare.artifact_types import secrets
from glare.artifact_types import tosca_templates
from glare.tests import databases
from glare.tests.functional import base

TYPES = {cls.get_type_name(): cls for cls in (
    images.Image, heat_templates.HeatTemplate,
    heat_environments.HeatEnvironment, tosca_templates.TOSCATemplate,
    murano_packages.MuranoPackage, secrets.Secret, ovf_packages.OVFPackage,
    all_type.All)}
WRITABLE = sorted(name for name in TYPES if name != 'all')
SCHEMAS = {name: cls.get_schema() for name, cls in TYPES.items()}

FUZZ = settings(
    max_examples=int(os.environ.get('GLARE_TEST_FUZZ_EXAMPLES', 60)),
    derandomize=not os.environ.get('GLARE_TEST_FUZZ_RANDOM'),
    deadline=None, database=None,
    suppress_health_check=list(HealthCheck))

V11 = {'OpenStack-API-Version': 'artifact 1.1'}
LOCATION = 'application/vnd+openstack.glare-custom-location+json'
TOKENS = (base.MEMBER, base.ADMIN, base.OTHER)

# -- values -----------------------------------------------------------------

# Any text, lone surrogates and control characters included.
TEXT = st.text(st.characters(exclude_categories=()), max_size=20)
HUGE = st.integers(min_value=-2 ** 70, max_value=2 ** 70)
NUMBERS = st.one_of(st.integers(), HUGE, st.floats())
JSON = st.recursive(
    st.one_of(st.none(), st.booleans(), NUMBERS, TEXT),
    lambda children: st.one_of(
        st.lists(children, max_size=3),
        st.dictionaries(TEXT, children, max_size=3)),
    max_leaves=6)
VERSIONS = st.one_of(
    st.from_regex(r'\A[0-9]{1,20}(\.[0-9]{1,20}){0,2}(-[a-z0-9.]{1,8})?'
                  r'(\+[a-z0-9]{1,5})?\Z'),
    TEXT, HUGE)
DATES = st.datetimes().map(lambda d: d.strftime('%Y-%m-%dT%H:%M:%SZ'))
# What list filters and headers are made of.
SCALAR_TEXT = st.one_of(
    TEXT, HUGE.map(str), st.floats().map(str), DATES,
    st.sampled_from(['true', 'false', 'latest', '', ',', '"a,b"',
                     '%', 'null', '1e999', '-0', '9' * 30]))


def value_for(schema):
    """Values shaped by a property's JSON schema, and any JSON."""
    if isinstance(schema, bool):
        # "additionalProperties": false allows nothing but what is named.
        return JSON
    kinds = schema.get('type', [])
    kinds = kinds if isinstance(kinds, list) else [kinds]
    options = [JSON]
    for kind in kinds:
        if kind == 'null':
            options.append(st.none())
        elif kind == 'string':
            if 'enum' in schema:
                options.append(st.sampled_from(schema['enum']))
            if schema.get('glareType') == 'Version':
                options.append(VERSIONS)
            if schema.get('format') == 'date-time':
                options.append(DATES)
            if schema.get('format') == 'uri-reference':
                options.append(st.sampled_from(
                    ['/artifacts/images/x', 'http://example.com/a',
                     'https://[::1', '/artifacts//']))
            options.append(st.text(max_size=schema.get('maxLength', 255) +
                                   2))
        elif kind == 'integer':
            options.append(st.one_of(st.integers(), HUGE))
        elif kind == 'number':
            options.append(st.floats())
        elif kind == 'boolean':
            options.append(st.booleans())
        elif kind == 'array':
            options.append(st.lists(value_for(schema.get('items', {})),
                                    max_size=4))
        elif kind == 'object' and 'additionalProperties' in schema:
            options.append(st.dictionaries(
                TEXT, value_for(schema['additionalProperties']),
                max_size=3))
    return st.one_of(options)


def create_body(type_name):
    properties = SCHEMAS[type_name]['properties']
    body = st.fixed_dictionaries(
        {'name': st.one_of(st.text(min_size=1, max_size=30), JSON)},
        optional={name: value_for(schema)
                  for name, schema in properties.items() if name != 'name'})
    return st.one_of(body, JSON)


def filters(type_name):
    """``(parameter, value)`` pairs of a list request."""
    properties = SCHEMAS[type_name]['properties']
    names = st.one_of(
        st.sampled_from(sorted(properties)),
        st.sampled_from(sorted(properties)).flatmap(
            lambda name: TEXT.map(lambda key: '%s.%s' % (name, key))),
        st.sampled_from(['sort', 'limit', 'marker', 'tags', 'tags-any',
                         'version']),
        TEXT)
    ops = st.sampled_from(['', 'eq:', 'neq:', 'in:', 'gt:', 'gte:', 'lt:',
                           'lte:', 'like:', 'junk:'])
    values = st.one_of(
        st.tuples(ops, SCALAR_TEXT).map(''.join),
        st.tuples(ops, st.lists(SCALAR_TEXT, min_size=1, max_size=4).map(
            ','.join)).map(''.join),
        st.sampled_from(sorted(properties)).flatmap(
            lambda name: st.sampled_from(['asc', 'desc', 'up', '']).map(
                lambda direction: '%s:%s' % (name, direction))))
    return st.lists(st.tuples(names, values), max_size=4)


PATCH_OPS = st.fixed_dictionaries(
    {'op': st.one_of(st.sampled_from(['add', 'replace', 'remove', 'move',
                                      'copy', 'test']), JSON)},
    optional={'path': st.one_of(TEXT.map(lambda t: '/' + t), JSON),
              'from': st.one_of(TEXT.map(lambda t: '/' + t), JSON),
              'value': JSON})


def patch(type_name):
    properties = sorted(SCHEMAS[type_name]['properties'])
    shaped = st.sampled_from(properties).flatmap(
        lambda name: st.fixed_dictionaries({
            'op': st.sampled_from(['add', 'replace', 'remove']),
            'path': st.sampled_from(['/%s' % name, '/%s/-' % name,
                                     '/%s/0' % name, '/%s/k' % name]),
            'value': value_for(SCHEMAS[type_name]['properties'][name])}))
    return st.one_of(st.lists(st.one_of(shaped, PATCH_OPS), max_size=3),
                     JSON)


def blob_paths(type_name):
    """A blob field of the type (or any name), maybe with a folder key."""
    properties = SCHEMAS[type_name]['properties']
    blobs = sorted(name for name, schema in properties.items()
                   if schema.get('glareType') in ('Blob', 'Folder'))
    fields = st.one_of(st.sampled_from(blobs or ['none']),
                       st.sampled_from(sorted(properties)), TEXT)
    keys = st.one_of(st.just(''), st.sampled_from(
        ['/a', '/a/b.yaml', '/..', '/a//b', '/%00', '/' + 'k' * 300]),
        TEXT.map(lambda t: '/' + t))
    return st.tuples(fields, keys).map(
        lambda parts: urllib.parse.quote(parts[0], safe='') +
        urllib.parse.quote(parts[1], safe='/%'))


HEADER_VALUE = st.text(st.characters(min_codepoint=32, max_codepoint=126),
                       max_size=30)
RANGES = st.one_of(
    st.tuples(st.sampled_from(['bytes=', 'Bytes = ', 'items=', '']),
              st.lists(st.one_of(
                  st.tuples(st.one_of(st.none(), HUGE.map(abs)),
                            st.one_of(st.none(), HUGE.map(abs))).map(
                      lambda r: '%s-%s' % ('' if r[0] is None else r[0],
                                           '' if r[1] is None else r[1])),
                  HEADER_VALUE), max_size=3).map(','.join)).map(''.join),
    HEADER_VALUE)
CONTENT_TYPES = st.one_of(
    st.sampled_from(['application/json', 'application/json-patch+json',
                     'application/octet-stream', LOCATION,
                     'multipart/form-data', 'multipart/form-data; '
                     'boundary=x', 'text/plain; charset=latin-1',
                     'application/x-www-form-urlencoded', '']),
    HEADER_VALUE)
LOCATION_BODY = st.one_of(
    st.fixed_dictionaries({}, optional={
        'url': st.one_of(st.sampled_from(
            ['http://example.com/data', 'file:///etc/passwd',
             'file:///tmp/../x', 's3://bucket/key', 'http://[::1']), TEXT),
        'md5': st.one_of(st.text(string.hexdigits, min_size=32,
                                 max_size=32), JSON),
        'sha1': JSON, 'sha256': JSON,
        'location_type': st.one_of(st.sampled_from(['internal',
                                                    'external']), JSON),
        'backend': JSON}),
    JSON)


class FuzzTestCase(base.ApiTestCase):
    types = TYPES

    def setUp(self):
        super().setUp()
        self.flags(max_uploaded_data=10 * 1024)
        self.arts = {}
        for type_name in WRITABLE:
            resp = self.post('/artifacts/%s' % type_name,
                             {'name': 'fuzz-target'})
            self.assertEqual(201, resp.status_int, resp.text)
            self.arts[type_name] = resp.json['id']

    def check(self, resp, request):
        """No 5xx; an error is the JSON error body naming its status."""
        where = '%s: %s %r' % (request, resp.status, resp.body[:500])
        self.assertLess(resp.status_int, 500, where)
        if resp.status_int >= 400 and resp.request.method != 'HEAD':
            self.assertEqual('application/json', resp.content_type, where)
            body = resp.json
            self.assertEqual(resp.status_int, body['code'], where)
            self.assertIsInstance(body['error']['message'], str, where)
            self.assertNotIn('Traceback', resp.text, where)

    def call(self, method, url, body=None, headers=None, token=base.MEMBER):
        headers = dict(headers or {})
        if token:
            headers.setdefault('X-Auth-Token', token)
        if isinstance(body, (dict, list, int, float, bool)) or \
                body is None and method in ('POST', 'PATCH', 'PUT'):
            body = json.dumps(body)
        if isinstance(body, str):
            body = body.encode('utf-8', 'surrogatepass')
        resp = self.app.request(url, method=method, body=body or b'',
                                headers=headers, expect_errors=True)
        self.check(resp, (method, url, headers, body and body[:200]))
        return resp


class TestFuzzArtifacts(FuzzTestCase):
    @FUZZ
    @given(st.data())
    def test_create(self, data):
        type_name = data.draw(st.sampled_from(sorted(TYPES)))
        body = data.draw(create_body(type_name))
        token = data.draw(st.sampled_from(TOKENS))
        resp = self.call('POST', '/artifacts/%s' % type_name, body,
                         {'Content-Type': 'application/json'}, token)
        if resp.status_int == 201:
            self.call('DELETE', '/artifacts/%s/%s' % (type_name,
                                                      resp.json['id']),
                      token=token)

    @FUZZ
    @given(st.data())
    def test_patch(self, data):
        type_name = data.draw(st.sampled_from(WRITABLE))
        document = data.draw(patch(type_name))
        token = data.draw(st.sampled_from(TOKENS))
        content_type = data.draw(st.one_of(
            st.just('application/json-patch+json'), CONTENT_TYPES))
        self.call('PATCH', '/artifacts/%s/%s' % (type_name,
                                                 self.arts[type_name]),
                  document, {'Content-Type': content_type}, token)

    @FUZZ
    @given(st.data())
    def test_paths_methods_and_headers(self, data):
        segments = st.one_of(
            st.sampled_from(sorted(TYPES) + ['artifacts', 'schemas',
                                             'quotas', 'project-quotas',
                                             'versions', 'healthcheck',
                                             '', '..', '%00']),
            st.sampled_from(sorted(self.arts.values())),
            TEXT.map(lambda t: urllib.parse.quote(t, safe='')))
        path = '/' + '/'.join(data.draw(st.lists(segments, max_size=6)))
        method = data.draw(st.sampled_from(
            ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS',
             'TRACE', 'PROPFIND']))
        headers = data.draw(st.dictionaries(
            st.sampled_from(['OpenStack-API-Version', 'Content-Type',
                             'Range', 'If-None-Match', 'Content-MD5',
                             'X-Openstack-Glare-Content-SHA256', 'Accept',
                             'X-Roles', 'X-Identity-Status']),
            HEADER_VALUE, max_size=3))
        token = data.draw(st.one_of(st.sampled_from(TOKENS), HEADER_VALUE))
        body = data.draw(st.one_of(st.none(), JSON, st.binary(max_size=50)))
        self.call(method, path, body, headers, token)


class TestFuzzBlobs(FuzzTestCase):
    @FUZZ
    @given(st.data())
    def test_upload_download_and_remove(self, data):
        type_name = data.draw(st.sampled_from(WRITABLE))
        url = '/artifacts/%s/%s/%s' % (type_name, self.arts[type_name],
                                       data.draw(blob_paths(type_name)))
        token = data.draw(st.sampled_from(TOKENS))
        headers = data.draw(st.fixed_dictionaries(
            {'Content-Type': CONTENT_TYPES},
            optional={'Content-MD5': HEADER_VALUE,
                      'X-Openstack-Glare-Content-SHA256': HEADER_VALUE,
                      'OpenStack-API-Version': st.sampled_from(
                          ['artifact 1.0', 'artifact 1.1', 'artifact 9.9',
                           'artifact latest'])}))
        body = data.draw(st.one_of(st.binary(max_size=2048),
                                   LOCATION_BODY.map(json.dumps)))
        self.call('PUT', url, body, headers, token)
        for method in ('GET', 'HEAD'):
            self.call(method, url, headers=data.draw(st.fixed_dictionaries(
                {}, optional={'Range': RANGES,
                              'If-None-Match': HEADER_VALUE})), token=token)
        if data.draw(st.booleans()):
            self.call('DELETE', url, headers=V11, token=token)


class TestFuzzQuotas(FuzzTestCase):
    @FUZZ
    @given(st.data())
    def test_set_and_read_quotas(self, data):
        names = st.one_of(
            st.sampled_from(['max_artifact_number', 'max_uploaded_data']),
            st.sampled_from(['max_artifact_number', 'max_uploaded_data']
                            ).flatmap(lambda kind: st.sampled_from(
                                sorted(TYPES) + ['', 'nosuch']).map(
                                lambda t: '%s:%s' % (kind, t))),
            TEXT)
        values = st.one_of(st.none(), st.integers(), HUGE, JSON)
        item = st.fixed_dictionaries({
            'project_id': st.one_of(st.text(max_size=200), JSON),
            'project_quotas': st.one_of(
                st.dictionaries(names, values, max_size=3),
                st.lists(st.fixed_dictionaries(
                    {'quota_name': names, 'quota_value': values}),
                    max_size=2),
                JSON)})
        body = data.draw(st.one_of(
            st.fixed_dictionaries({'quotas': st.lists(item, max_size=3)}),
            JSON))
        token = data.draw(st.sampled_from(TOKENS))
        self.call('PUT', '/quotas', body,
                  dict(V11, **{'Content-Type': 'application/json'}), token)
        params = data.draw(st.dictionaries(
            st.sampled_from(['limit', 'marker']), SCALAR_TEXT, max_size=2))
        self.call('GET', '/quotas?' + urllib.parse.urlencode(params),
                  headers=V11, token=token)
        project = urllib.parse.quote(data.draw(TEXT), safe='')
        self.call('GET', '/project-quotas/' + project, headers=V11,
                  token=token)


class _FuzzListingMixin:
    """List filters reach SQL: every database must refuse bad ones."""

    backend = None

    def database(self):
        return databases.MigratedDatabase(self.backend)

    @FUZZ
    @given(st.data())
    def test_list_filters(self, data):
        type_name = data.draw(st.sampled_from(sorted(TYPES)))
        query = urllib.parse.urlencode(data.draw(filters(type_name)))
        token = data.draw(st.sampled_from(TOKENS))
        self.call('GET', '/artifacts/%s?%s' % (type_name, query),
                  token=token)


class TestFuzzListingSQLite(_FuzzListingMixin, FuzzTestCase):
    backend = databases.SQLITE


class TestFuzzListingPostgreSQL(_FuzzListingMixin, FuzzTestCase):
    backend = databases.POSTGRESQL


class TestFuzzListingMySQL(_FuzzListingMixin, FuzzTestCase):
    backend = databases.MYSQL
