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

"""A third party's artifact type, pip-installed and enabled by config.

The test writes a small distribution of its own (one module, one type,
a ``glare.artifact_types`` entry point in its setup.cfg), installs it
with ``pip install --target`` into a temporary directory, and starts a
real glare-api with that directory on its PYTHONPATH and the type in
``enabled_artifact_types``. Nothing of glare's code or setup changes:
the type is found, served, validated and its hook runs.
"""

import os
import subprocess
import sys
import tempfile
import textwrap

import fixtures
import requests

from glare.tests.functional import server

TOKEN = 'user1:project1:member'
HEADERS = {'X-Auth-Token': TOKEN}

SETUP_CFG = """\
[metadata]
name = glare-widgets
version = 1.0.0

[options]
py_modules = glare_widgets

[options.entry_points]
glare.artifact_types =
    widgets = glare_widgets:Widget
"""

MODULE = '''\
"""Widgets: an artifact type shipped outside glare."""

import io

from glare import objects
from glare.objects import fields as f
from glare.objects import validators as v


class Widget(objects.BaseArtifact):
    VERSION = '1.0'

    fields = {
        'colour': f.String(validators=[v.AllowedValues(['red', 'blue'])],
                           required_on_activate=True, sortable=True),
        'size': f.Integer(validators=[v.MinNumberSize(0)], mutable=True),
        'drawing': f.Blob(max_blob_size=1024),
        'parts': f.List(f.Link(type_name='widgets')),
    }

    @classmethod
    def get_type_name(cls):
        return 'widgets'

    @classmethod
    def pre_upload_hook(cls, context, artifact, field_name, key, stream,
                        writer):
        data = stream.read()
        if not data.startswith(b'<svg'):
            raise ValueError('A widget drawing must be SVG.')
        return io.BytesIO(data)
'''


def install_distribution(target):
    """Write the widgets distribution and pip-install it into ``target``.

    Offline: no index, and the test environment's own setuptools and
    wheel build it.
    """
    source = tempfile.mkdtemp(dir=os.path.dirname(target))
    with open(os.path.join(source, 'setup.cfg'), 'w') as stream:
        stream.write(SETUP_CFG)
    with open(os.path.join(source, 'setup.py'), 'w') as stream:
        stream.write('import setuptools\nsetuptools.setup()\n')
    with open(os.path.join(source, 'glare_widgets.py'), 'w') as stream:
        stream.write(textwrap.dedent(MODULE))
    subprocess.run(
        [sys.executable, '-m', 'pip', 'install', '--quiet', '--no-index',
         '--no-deps', '--no-build-isolation', '--target', target, source],
        check=True, capture_output=True, timeout=300,
        env=dict(os.environ, PIP_DISABLE_PIP_VERSION_CHECK='1'))


class TestThirdPartyType(server.ServerTestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp = fixtures.TempDir()
        cls.tmp.setUp()
        cls.target = os.path.join(cls.tmp.path, 'site')
        install_distribution(cls.target)
        cls.server = server.GlareServer(
            {'enabled_artifact_types': ['images', 'widgets']},
            env={'PYTHONPATH': cls.target})
        cls.server.setUp()

    @classmethod
    def tearDownClass(cls):
        cls.server.cleanUp()
        cls.tmp.cleanUp()

    def request(self, method, path, **kwargs):
        headers = dict(HEADERS, **kwargs.pop('headers', {}))
        return requests.request(method, self.url + path, headers=headers,
                                timeout=30, **kwargs)

    def test_installed_outside_glare(self):
        # The distribution is not in glare's environment at all.
        self.assertTrue(os.path.isdir(os.path.join(
            self.target, 'glare_widgets-1.0.0.dist-info')))
        result = subprocess.run(
            [sys.executable, '-c', 'import glare_widgets'],
            capture_output=True, env={k: v for k, v in os.environ.items()
                                      if k != 'PYTHONPATH'})
        self.assertNotEqual(0, result.returncode)

    def test_schema_is_served(self):
        resp = self.request('GET', '/schemas/widgets')
        self.assertEqual(200, resp.status_code, resp.text)
        props = resp.json()['schemas']['widgets']['properties']
        self.assertEqual(['red', 'blue'], props['colour']['enum'])
        self.assertEqual('LinkList', props['parts']['glareType'])

    def test_use_it_through_the_api(self):
        resp = self.request('POST', '/artifacts/widgets',
                            json={'name': 'gear', 'colour': 'green'})
        self.assertEqual(400, resp.status_code)
        self.assertIn('colour', resp.text)
        resp = self.request('POST', '/artifacts/widgets',
                            json={'name': 'gear', 'colour': 'red',
                                  'size': 3})
        self.assertEqual(201, resp.status_code, resp.text)
        art = resp.json()
        url = '/artifacts/widgets/%s' % art['id']
        # Its upload hook runs.
        resp = self.request('PUT', url + '/drawing', data=b'GIF89a',
                            headers={'Content-Type':
                                     'application/octet-stream'})
        self.assertEqual(400, resp.status_code)
        self.assertIn('must be SVG', resp.text)
        resp = self.request('PUT', url + '/drawing', data=b'<svg/>',
                            headers={'Content-Type':
                                     'application/octet-stream'})
        self.assertEqual(200, resp.status_code, resp.text)
        # Its links are checked.
        resp = self.request('PATCH', url, data='[{"op": "add", "path": '
                            '"/parts", "value": ["/artifacts/widgets/x"]}]',
                            headers={'Content-Type':
                                     'application/json-patch+json'})
        self.assertEqual(400, resp.status_code)
        self.assertIn('Field parts links to /artifacts/widgets/x',
                      resp.text)
        resp = self.request('PATCH', url, data='[{"op": "replace", "path": '
                            '"/status", "value": "active"}]',
                            headers={'Content-Type':
                                     'application/json-patch+json'})
        self.assertEqual(200, resp.status_code, resp.text)
        listed = self.request('GET', '/artifacts/widgets?colour=red').json()
        self.assertEqual([art['id']],
                         [a['id'] for a in listed['artifacts']])
        self.assertEqual(b'<svg/>',
                         self.request('GET', url + '/drawing').content)
