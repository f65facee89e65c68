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

"""Quotas through the API, in Glare's shapes, and under concurrency."""

import concurrent.futures
import io
import os
import threading

from glare.artifact_types import images
from glare import context
from glare.engine import artifacts as engine
from glare.engine import quotas
from glare.engine import uploads
from glare import exception
from glare.objects import registry
from glare.store import api as store
from glare.tests import base as test_base
from glare.tests import databases
from glare.tests.functional import base

V11 = {'OpenStack-API-Version': 'artifact 1.1'}


def listed(values):
    """Quotas as Glare's API lists them."""
    return [{'quota_name': k.replace('__', ':'), 'quota_value': v}
            for k, v in values.items()]


def as_dict(items):
    return {q['quota_name']: q['quota_value'] for q in items}


class QuotaApiTestCase(base.ApiTestCase):
    def put_quotas(self, body, token=base.ADMIN):
        return self.app.put_json('/quotas', body, headers=dict(
            V11, **{'X-Auth-Token': token}), status='*')

    def set_quotas(self, project, **values):
        resp = self.put_quotas([{'project_id': project,
                                 'project_quotas': listed(values)}])
        self.assertEqual(200, resp.status_int, resp.text)
        # Glare's answer.
        self.assertIsNone(resp.json)

    def report(self, project=None, token=base.MEMBER):
        """``(quotas, usage)`` of /project-quotas[/project]."""
        url = '/project-quotas' + ('/' + project if project else '')
        resp = self.get(url, headers=V11, token=token)
        self.assertEqual(200, resp.status_int, resp.text)
        [report] = resp.json
        self.assertEqual({'project_id', 'project_quotas', 'project_usage'},
                         set(report))
        return (as_dict(report['project_quotas']),
                as_dict(report['project_usage']))


class TestQuotaApi(QuotaApiTestCase):
    def test_quotas_at_every_microversion(self):
        # As Glare served them, whatever the microversion.
        body = self.get('/quotas', token=base.ADMIN).json
        self.assertEqual({'quotas': [], 'global_quotas': {
            'max_artifact_number': -1, 'max_uploaded_data': -1}}, body)
        resp = self.get('/project-quotas')
        self.assertEqual(200, resp.status_int, resp.text)
        self.assertEqual('project1', resp.json[0]['project_id'])

    def test_count_quota_global_and_per_type(self):
        self.set_quotas('project1', max_artifact_number=3,
                        max_artifact_number__images=2)
        self.create(name='a')
        self.create(name='b')
        body = self.assertError(self.post('/artifacts/images',
                                          {'name': 'c'}), 403,
                                'max_artifact_number:images')
        self.assertEqual('Forbidden', body['error']['type'])
        self.assertEqual('QuotaExceeded', body['errors'][0]['code'])
        # Another project is not limited by project1's quota.
        self.create(name='c', token=base.OTHER)

    def test_defaults_from_config_and_unlimited(self):
        self.flags(max_artifact_number=1)
        self.create(name='a')
        self.assertError(self.post('/artifacts/images', {'name': 'b'}), 403,
                         'max_artifact_number')
        self.set_quotas('project1', max_artifact_number=-1)
        self.create(name='b')
        self.assertEqual({'max_artifact_number': 1,
                          'max_uploaded_data': -1},
                         self.get('/quotas', token=base.ADMIN).json[
                             'global_quotas'])

    def test_type_quota_defaults_from_config(self):
        self.flags(type_quotas=['max_artifact_number:images:1'])
        self.create(name='a')
        self.assertError(self.post('/artifacts/images', {'name': 'b'}), 403,
                         'max_artifact_number:images')

    def test_deleted_artifacts_free_their_slot(self):
        self.set_quotas('project1', max_artifact_number=1)
        art = self.create(name='a')
        self.delete('/artifacts/images/%s' % art['id'])
        self.create(name='b')

    def test_own_quotas_and_usage(self):
        self.set_quotas('project1', max_artifact_number=10)
        self.create(name='a')
        self.create(name='b')
        limits, usage = self.report()
        # The defaults merged in, as in Glare.
        self.assertEqual({'max_artifact_number': 10,
                          'max_uploaded_data': -1}, limits)
        self.assertEqual({'max_artifact_number': 2,
                          'max_artifact_number:images': 2,
                          'max_uploaded_data': 0}, usage)

    def test_other_projects_quotas_are_for_admins(self):
        self.assertError(self.get('/project-quotas/project2', headers=V11),
                         403)
        resp = self.get('/project-quotas/project2', headers=V11,
                        token=base.ADMIN)
        self.assertEqual('project2', resp.json[0]['project_id'])

    def test_only_admins_list_and_set(self):
        self.assertError(self.get('/quotas', headers=V11), 403)
        self.assertError(self.put_quotas([{
            'project_id': 'project1',
            'project_quotas': listed({'max_artifact_number': 100})}],
            token=base.MEMBER), 403)

    def test_list_pages_through_projects(self):
        for project in ('p-a', 'p-b', 'p-c'):
            self.set_quotas(project, max_uploaded_data=1000)
        # Every project unless a limit is given.
        body = self.get('/quotas', headers=V11, token=base.ADMIN).json
        self.assertEqual(['p-a', 'p-b', 'p-c'],
                         [q['project_id'] for q in body['quotas']])
        self.assertNotIn('next', body)
        seen, url = [], '/quotas?limit=2'
        while url:
            body = self.get(url, headers=V11, token=base.ADMIN).json
            seen.extend(q['project_id'] for q in body['quotas'])
            url = body.get('next')
        self.assertEqual(['p-a', 'p-b', 'p-c'], seen)
        # A project's own quotas only; the defaults are global_quotas.
        self.assertEqual([{'quota_name': 'max_uploaded_data',
                           'quota_value': 1000}],
                         body['quotas'][0]['project_quotas'])

    def test_a_put_replaces_a_projects_quotas(self):
        self.set_quotas('project1', max_artifact_number=5,
                        max_uploaded_data=10)
        # As in Glare: the quotas left out go back to their defaults.
        self.set_quotas('project1', max_artifact_number=7)
        self.assertEqual({'max_artifact_number': 7,
                          'max_uploaded_data': -1}, self.report()[0])
        self.set_quotas('project1')
        self.assertEqual({'max_artifact_number': -1,
                          'max_uploaded_data': -1}, self.report()[0])
        self.assertEqual([], self.get('/quotas', token=base.ADMIN).json[
            'quotas'])

    def test_bad_quota_bodies_are_400_and_change_nothing(self):
        def body(values, project='project1'):
            return [{'project_id': project, 'project_quotas': values}]

        self.set_quotas('project1', max_artifact_number=3)
        for bad, fragment in (
                (body(listed({'max_artifact_number': 1, 'max_things': 3})),
                 'max_things'),
                (body(listed({'max_artifact_number:nosuchtype': 3})),
                 'nosuchtype'),
                (body(listed({'max_artifact_number': -5})), '-5'),
                (body(listed({'max_artifact_number': '5'})), "'5'"),
                (body(listed({'max_artifact_number': None})), 'None'),
                (body({'max_artifact_number': 1}), 'project_quotas'),
                (body([{'quota_name': 'max_artifact_number'}]),
                 'project_quotas'),
                ({'quotas': body([])}, 'list'),
                ([{'project_id': 'project1'}], 'project_quotas')):
            self.assertError(self.put_quotas(bad), 400, fragment)
        self.assertEqual(3, self.report()[0]['max_artifact_number'])


class _ConcurrentCreatesMixin:
    """Parallel creates against a limit never overshoot it."""

    backend = None
    WORKERS = 8
    LIMIT = 5

    def setUp(self):
        super().setUp()
        self.useFixture(databases.MigratedDatabase(self.backend))
        self.useFixture(test_base.Types({'images': images.Image}))
        admin = context.get_admin_context()
        quotas.set_quotas(admin, {'p1': {'max_artifact_number':
                                         self.LIMIT}})

    def test_parallel_creates_stop_at_the_limit(self):
        start = threading.Barrier(self.WORKERS)

        def create(i):
            ctx = context.RequestContext(user_id='u', project_id='p1',
                                         roles=['member'])
            start.wait(timeout=60)
            try:
                engine.create(ctx, registry.get('images'),
                              {'name': 'n%d' % i})
                return 'created'
            except exception.QuotaExceeded:
                return 'refused'

        with concurrent.futures.ThreadPoolExecutor(self.WORKERS) as pool:
            results = list(pool.map(create, range(self.WORKERS * 2)))
        self.assertEqual(self.LIMIT, results.count('created'))
        usage = quotas.usage(context.get_admin_context(), 'p1')
        self.assertEqual(self.LIMIT, usage['max_artifact_number'])

    def test_parallel_uploads_stop_at_the_data_quota(self):
        store.setup(test_base.CONF)
        admin = context.get_admin_context()
        quotas.set_quotas(admin, {'p1': {'max_artifact_number': -1,
                                         'max_uploaded_data': 35}})
        ctx = context.RequestContext(user_id='u', project_id='p1',
                                     roles=['member'])
        arts = [engine.create(ctx, registry.get('images'),
                              {'name': 'n%d' % i})
                for i in range(self.WORKERS)]
        start = threading.Barrier(self.WORKERS)

        def upload(art):
            start.wait(timeout=60)
            try:
                # Chunked: the size is known only once the data is in.
                uploads.upload(ctx, art, 'image', None,
                               io.BytesIO(b'x' * 10), None,
                               'application/octet-stream')
                return 'stored'
            except exception.RequestEntityTooLarge:
                return 'refused'

        with concurrent.futures.ThreadPoolExecutor(self.WORKERS) as pool:
            results = list(pool.map(upload, arts))
        self.assertEqual(3, results.count('stored'), results)
        usage = quotas.usage(admin, 'p1')
        self.assertEqual(30, usage['max_uploaded_data'])


class TestConcurrentCreatesSQLite(_ConcurrentCreatesMixin,
                                  test_base.TestCase):
    backend = databases.SQLITE


class TestConcurrentCreatesPostgreSQL(_ConcurrentCreatesMixin,
                                      test_base.TestCase):
    backend = databases.POSTGRESQL


class TestConcurrentCreatesMySQL(_ConcurrentCreatesMixin,
                                 test_base.TestCase):
    backend = databases.MYSQL


class TestDataQuota(QuotaApiTestCase):
    def upload(self, art, data, headers=None):
        return self.app.put(
            '/artifacts/images/%s/image' % art['id'], data,
            headers=dict(headers or {}, **{
                'X-Auth-Token': base.MEMBER,
                'Content-Type': 'application/octet-stream'}), status='*')

    def stored_files(self):
        path = os.path.join(self.conf_fixture.state_dir, 'blobs', 'fs')
        return os.listdir(path) if os.path.isdir(path) else []

    def test_declared_size_over_quota_is_413_before_streaming(self):
        self.set_quotas('project1', max_uploaded_data=10)
        art = self.create()
        self.assertError(self.upload(art, b'x' * 11), 413,
                         'max_uploaded_data')
        self.assertEqual([], self.stored_files())
        self.assertEqual(200, self.upload(art, b'x' * 10).status_int)

    def test_quota_counts_every_artifact_and_type(self):
        self.set_quotas('project1', max_uploaded_data=100,
                        max_uploaded_data__images=15)
        first, second = self.create(name='a'), self.create(name='b')
        self.assertEqual(200, self.upload(first, b'x' * 10).status_int)
        self.assertError(self.upload(second, b'x' * 6), 413,
                         'max_uploaded_data:images')
        # Replacing a blob frees what it held.
        self.assertEqual(200, self.upload(first, b'x' * 4).status_int)
        self.assertEqual(200, self.upload(second, b'x' * 11).status_int)
        self.assertEqual(15, self.report()[1]['max_uploaded_data'])

    def test_chunked_upload_is_stopped_at_the_quota(self):
        self.set_quotas('project1', max_uploaded_data=1000)
        art = self.create()

        def body():
            for _ in range(20):
                yield b'x' * 100

        resp = self.app.put(
            '/artifacts/images/%s/image' % art['id'], headers={
                'X-Auth-Token': base.MEMBER,
                'Content-Type': 'application/octet-stream',
                'Transfer-Encoding': 'chunked'},
            params=b''.join(body()), status='*',
            extra_environ={'CONTENT_LENGTH': ''})
        self.assertError(resp, 413)
        self.assertEqual([], self.stored_files())
        self.assertIsNone(self.get('/artifacts/images/%s' %
                                   art['id']).json['image'])
