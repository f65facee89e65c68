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

"""``glare-db-manage import-glare``: a real Glare 5.0.1's catalogue moves.

A real Glare 5.0.1 (glare.tests.glare501) is populated through its API:
every type it ships, blobs, a folder, an external location, public and
private artifacts, a deactivated one, a draft, quota overrides. Its
database is imported (SQLite into SQLite, using Glare's files where they
are; MariaDB into PostgreSQL, copying them), then a real glare-api over
the imported database must answer every artifact as Glare did and serve
every blob's bytes.
The import runs twice (the second changes nothing) after a dry run that
reports the same counts and writes nothing.
"""

import hashlib
import json
import os
import shutil
import subprocess
import sys

import fixtures
import requests
import sqlalchemy as sa
from testtools import content

from glare.tests import base
from glare.tests import databases
from glare.tests.functional import server
from glare.tests import glare501
from glare.tests import murano_samples

ADMIN = 'admin:admin-project:admin'
ALICE = 'alice:project-a:member'
BOB = 'bob:project-b:member'
TYPES = [t for t in glare501.TYPES if t != 'all']
OCTETS = 'application/octet-stream'
LOCATION = 'application/vnd+openstack.glare-custom-location+json'
HEAT = b'heat_template_version: 2018-08-31\nresources: {}\n'
NESTED = b'heat_template_version: 2018-08-31\ndescription: nested %d\n'
ENVIRONMENT = b'parameters:\n  flavor: m1.small\n'
TOSCA = b'tosca_definitions_version: tosca_simple_yaml_1_0\n'


class Glare501Client(object):
    """Requests to one server with Glare's trusted tokens."""

    def __init__(self, url):
        self.url = url
        self.session = requests.Session()

    def call(self, method, path, token=ALICE, expect=(200, 201, 204),
             **kwargs):
        headers = kwargs.pop('headers', {})
        headers.setdefault('X-Auth-Token', token)
        resp = self.session.request(method, self.url + path,
                                    headers=headers, timeout=60, **kwargs)
        if resp.status_code not in expect:
            raise AssertionError('%s %s answered %s: %s' % (
                method, path, resp.status_code, resp.text[:2000]))
        return resp

    def create(self, type_name, body, token=ALICE):
        return self.call('POST', '/artifacts/%s' % type_name, token=token,
                         json=body).json()

    def upload(self, type_name, art, blob, data, token=ALICE):
        self.call('PUT', '/artifacts/%s/%s/%s' % (type_name, art['id'],
                                                  blob), token=token,
                  data=data, headers={'Content-Type': OCTETS})

    def patch(self, type_name, art, changes, token=ALICE):
        return self.call(
            'PATCH', '/artifacts/%s/%s' % (type_name, art['id']),
            token=token, json=[{'op': 'replace', 'path': '/' + name,
                                'value': value}
                               for name, value in changes.items()],
            headers={'Content-Type': 'application/json-patch+json'}).json()


def populate(client):
    """Every kind of thing a Glare deployment holds.

    Returns the data uploaded, by download path.
    """
    data = {}

    def upload(type_name, art, blob, payload, token=ALICE):
        client.upload(type_name, art, blob, payload, token=token)
        data['/artifacts/%s/%s/%s' % (type_name, art['id'], blob)] = payload

    env = client.create('heat_environments', {
        'name': 'small', 'version': '1.0', 'tags': ['env'],
        'metadata': {'team': 'infra'}})
    upload('heat_environments', env, 'environment', ENVIRONMENT)
    client.patch('heat_environments', env, {'status': 'active'})

    image = client.create('images', {
        'name': 'cirros', 'version': '0.6.2-rc.1+build.7',
        'container_format': 'bare', 'disk_format': 'qcow2',
        'min_ram': 64, 'min_disk': 1, 'os_distro': 'cirros',
        'architecture': 'x86_64', 'description': 'A tiny image',
        'tags': ['tiny', 'test'], 'metadata': {'a': '1', 'b': '2'}})
    upload('images', image, 'image', os.urandom(300 * 1024))
    client.patch('images', image, {'status': 'active'})
    client.patch('images', image, {'visibility': 'public'}, token=ADMIN)

    old = client.create('images', {
        'name': 'old', 'version': '2', 'container_format': 'bare',
        'disk_format': 'raw'})
    upload('images', old, 'image', b'old image data')
    client.patch('images', old, {'status': 'active'})
    client.patch('images', old, {'status': 'deactivated'}, token=ADMIN)

    remote = client.create('images', {'name': 'remote', 'version': '1'})
    client.call('PUT', '/artifacts/images/%s/image' % remote['id'],
                data=json.dumps({'url': 'http://example.com/remote.qcow2',
                                 'md5': 'd41d8cd98f00b204e9800998ecf8427e'}),
                headers={'Content-Type': LOCATION})

    client.create('images', {'name': 'draft'}, token=BOB)

    template = client.create('heat_templates', {
        'name': 'stack', 'version': '3.1.4',
        'environments': {'small': '/artifacts/heat_environments/%s' %
                         env['id']},
        'default_envs': {'region': 'one'}})
    upload('heat_templates', template, 'template', HEAT)
    for i in (1, 2):
        upload('heat_templates', template,
               'nested_templates/nested%d.yaml' % i, NESTED % i)
    client.patch('heat_templates', template, {'status': 'active'})

    tosca = client.create('tosca_templates', {
        'name': 'service', 'template_format': 'yaml'}, token=BOB)
    upload('tosca_templates', tosca, 'template', TOSCA, token=BOB)

    lib = client.create('murano_packages', {
        'name': 'org.example.Lib', 'type': 'Library',
        'display_name': 'Lib'})
    upload('murano_packages', lib, 'package', murano_samples.package())
    client.patch('murano_packages', lib, {'status': 'active'})
    app = client.create('murano_packages', {
        'name': 'org.example.App', 'display_name': 'App',
        'categories': ['Web', 'Databases'], 'keywords': ['app'],
        'class_definitions': ['org.example.App'],
        'inherits': {'org.example.App': 'io.murano.Application'},
        'dependencies': ['/artifacts/murano_packages/%s' % lib['id']]})
    upload('murano_packages', app, 'package', murano_samples.package())

    gone = client.create('tosca_templates', {'name': 'gone'}, token=BOB)
    client.call('DELETE', '/artifacts/tosca_templates/%s' % gone['id'],
                token=BOB)

    secret = client.create('secrets', {
        'name': 'key', 'secret_type': 'symmetric', 'algorithm': 'aes',
        'bit_length': 256, 'mode': 'cbc',
        'payload_content_encoding': 'base64'}, token=BOB)
    upload('secrets', secret, 'payload', b'c2VjcmV0', token=BOB)

    client.call('PUT', '/quotas', token=ADMIN, json=[
        {'project_id': 'project-a', 'project_quotas': [
            {'quota_name': 'max_artifact_number', 'quota_value': 50},
            {'quota_name': 'max_uploaded_data:images',
             'quota_value': 10 * 1024 ** 2}]},
        {'project_id': 'project-b', 'project_quotas': [
            {'quota_name': 'max_artifact_number:secrets',
             'quota_value': 5}]}],
        headers={'OpenStack-API-Version': 'artifact 1.1'})
    return data


def answers(client):
    """Every artifact (as admin) by id, and the rest a server answers.

    The rest: the quotas, and what each project lists.
    """
    found = {}
    for type_name in TYPES:
        resp = client.call('GET', '/artifacts/%s?limit=100' % type_name,
                           token=ADMIN).json()
        for art in resp.get(type_name, resp.get('artifacts', ())):
            if art['status'] == 'deleted':
                continue  # Glare's, waiting for its scrubber
            found[art['id']] = client.call(
                'GET', '/artifacts/%s/%s' % (type_name, art['id']),
                token=ADMIN).json()
    rest = {'quotas': client.call('GET', '/quotas', token=ADMIN, headers={
        'OpenStack-API-Version': 'artifact 1.1'}).json()}
    # What each project sees through the "all" view: visibility and
    # ownership came along.
    for token in (ALICE, BOB):
        resp = client.call('GET', '/artifacts/all?limit=100',
                           token=token).json()
        rest[token] = sorted(
            (art['id'], art['type_name']) for art in resp.get(
                'all', resp.get('artifacts', ()))
            if art['status'] != 'deleted')
    return found, rest


# Secrets kept in Glare's database store (always copied by the import);
# deleted TOSCA templates kept until Glare's scrubber comes (reported).
GLARE501_SECTIONS = {
    'artifact_type:secrets': {'default_store': 'database'},
    'artifact_type:tosca_templates': {'delayed_delete': 'true'},
}


def _comparable(art):
    """Tags are a set: Glare answers them in its database's order."""
    return dict(art, tags=sorted(art['tags']))


class TestImportGlare(base.TestCase):

    def setUp(self):
        super().setUp()
        self.dir = self.useFixture(fixtures.TempDir()).path

    def _glare_config(self, connection, store_dir, copy_blobs):
        options = {'state_dir': os.path.join(self.dir, 'state'),
                   'auth_strategy': 'trusted',
                   'enabled_artifact_types': TYPES,
                   'max_artifact_number': 100,
                   'max_uploaded_data': 1024 ** 4}
        sections = {'database': {'connection': connection},
                    'glance_store': {'default_backend': 'fs'},
                    'fs': {'filesystem_store_datadir':
                           os.path.join(self.dir, 'glare-blobs')}}
        if not copy_blobs:
            # Glare's files stay where they are, in a backend of their
            # own; new data goes to glare's default one.
            options['enabled_backends'] = 'fs:file,glare501:file'
            sections['glare501'] = {'filesystem_store_datadir': store_dir}
        return options, sections

    def manage(self, config, *args, expect=0):
        result = subprocess.run(
            [os.path.join(os.path.dirname(sys.executable), 'glare-manage'),
             '--config-file', config] + list(args), capture_output=True,
            text=True, timeout=600, stdin=subprocess.DEVNULL)
        self.addDetailUniqueName(
            'glare-db-manage %s' % args[0],
            content.text_content(result.stdout + result.stderr))
        self.assertEqual(expect, result.returncode, result.stderr)
        self.stderr = result.stderr
        return result.stdout

    def check_import(self, source_connection, glare_connection,
                     copy_blobs=False):
        reference = self.useFixture(glare501.Glare501Server(
            connection=source_connection, sections=GLARE501_SECTIONS))
        self.addOnException(lambda exc_info: self.addDetail(
            'glare-5.0.1.log', content.text_content(reference.log_text())))
        ref_client = Glare501Client(reference.url)
        data = populate(ref_client)
        expected, expected_rest = answers(ref_client)
        reference.stop()

        options, sections = self._glare_config(
            glare_connection, reference.store_dir, copy_blobs)
        config = server.write_config(os.path.join(self.dir, 'glare.conf'),
                                     options, sections)
        self.manage(config, 'upgrade')
        command = ['import-glare', '--from-connection',
                   reference.connection, '--json']
        if copy_blobs:
            command.append('--copy-blobs')
        # The deleted one is reported, not carried: exit status 2.
        dry = json.loads(self.manage(config, *command, '--dry-run',
                                     expect=2))
        self.assertEqual([], self._artifact_ids(glare_connection))
        self.assertEqual([], os.listdir(os.path.join(self.dir,
                                                     'glare-blobs')))
        first = json.loads(self.manage(config, *command, expect=2))
        [deleted] = first['not_carried']
        self.assertEqual('artifact', deleted['kind'])
        self.assertIn('deleted in Glare', deleted['reason'])
        self.assertTrue(dry['dry_run'])
        self.assertEqual(first['counts'], dry['counts'])
        self.assertEqual({'imported': len(expected), 'not_carried': 1},
                         first['counts']['artifact'])
        self.assertEqual({'imported': 3}, first['counts']['quota'])
        # The secret's payload was in Glare's database store.
        self.assertEqual(
            {'copied': len(data)} if copy_blobs else
            {'in_place': len(data) - 1, 'copied': 1},
            {k: v for k, v in first['counts']['blob'].items()
             if k != 'external'})
        self.assertEqual(1, first['counts']['blob']['external'])

        second = json.loads(self.manage(config, *command, expect=2))
        self.assertEqual({'artifact': {'unchanged': len(expected),
                                       'not_carried': 1},
                          'quota': {'unchanged': 3}}, second['counts'])
        if copy_blobs:
            # Glare's files are no longer needed.
            shutil.rmtree(reference.store_dir)

        glare = self.useFixture(server.GlareServer(options, sections))
        self.addOnException(lambda exc_info: self.addDetail(
            'glare-api.log', content.text_content(glare.log_text())))
        client = Glare501Client(glare.url)
        found, rest = answers(client)
        self.assertEqual(sorted(expected), sorted(found))
        for art_id, art in expected.items():
            self.assertEqual(_comparable(art), _comparable(
                {name: found[art_id].get(name) for name in art}), art_id)
        self.assertEqual(expected_rest, rest)
        for path, payload in data.items():
            body = client.call('GET', path, token=ADMIN).content
            self.assertEqual(hashlib.sha256(payload).hexdigest(),
                             hashlib.sha256(body).hexdigest(), path)

    def _artifact_ids(self, connection):
        engine = sa.create_engine(connection)
        try:
            with engine.connect() as conn:
                return list(conn.execute(sa.text(
                    'SELECT id FROM artifacts')).scalars())
        finally:
            engine.dispose()

    def test_from_sqlite(self):
        self.check_import(None, 'sqlite:///%s' % os.path.join(
            self.dir, 'glare.sqlite'))

    def test_from_mariadb_into_postgresql_copying_blobs(self):
        source = self.useFixture(databases.FreshDatabase(databases.MYSQL))
        target = self.useFixture(databases.FreshDatabase(
            databases.POSTGRESQL))
        self.check_import(
            source.url.render_as_string(hide_password=False),
            target.url.render_as_string(hide_password=False),
            copy_blobs=True)

    def test_a_database_that_is_not_glare_s_is_refused(self):
        options, sections = self._glare_config(
            'sqlite:///%s' % os.path.join(self.dir, 'glare.sqlite'),
            self.dir, copy_blobs=True)
        config = server.write_config(os.path.join(self.dir, 'glare.conf'),
                                     options, sections)
        self.manage(config, 'upgrade')
        glare_db = sections['database']['connection']
        self.manage(config, 'import-glare', '--from-connection', glare_db,
                    expect=1)
        self.assertIn('not a Glare 5.0.1 database', self.stderr)
        self.manage(config, 'import-glare', '--from-connection',
                    'sqlite:///%s/nowhere/glare.sqlite' % self.dir, expect=1)
        self.assertIn('Cannot read the Glare database', self.stderr)
