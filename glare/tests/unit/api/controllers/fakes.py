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

"""Requests as the middleware hands them to a controller.

Controller unit tests call a handler with one of these and the engine
mocked; the policy rules are the real defaults.
"""

from oslo_serialization import jsonutils

from glare.api import http
from glare.api import microversion
from glare.api.middleware import auth
from glare import context as glare_context
from glare.objects import base as objects_base
from glare.objects import fields as f
from glare.tests import base


class Sample(objects_base.BaseArtifact):
    VERSION = '1.0'
    fields = {
        'notes': f.String(mutable=True),
        'image': f.Blob(),
        'files': f.Folder(),
    }

    @classmethod
    def get_type_name(cls):
        return 'samples'


MEMBER = ('member', 'reader')
READER = ('reader',)
ADMIN = ('admin', 'member', 'reader')


def context(project='p1', roles=MEMBER):
    return glare_context.RequestContext(
        user_id='u-' + project, project_id=project, roles=list(roles),
        all_projects='admin' in roles)


def request(path, method='GET', body=None, content_type=None,
            version=(1, 2), ctx=None, headers=None):
    req = http.Request.blank(path, method=method, headers=headers or {})
    if body is not None:
        req.body = body if isinstance(body, bytes) else \
            jsonutils.dump_as_bytes(body)
        req.content_type = content_type or 'application/json'
    elif content_type:
        req.content_type = content_type
    req.environ[auth.CONTEXT_KEY] = ctx or context()
    req.environ[microversion.ENVIRON_KEY] = version
    return req


def artifact(owner='p1', **values):
    values.setdefault('name', 'sample')
    art = Sample.new(context(owner), values)
    return art


class ControllerTestCase(base.TestCase):
    def setUp(self):
        super().setUp()
        self.useFixture(base.Types({'samples': Sample}))

    def json(self, resp):
        return jsonutils.loads(resp.body)
