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

"""Artifacts and schemas as each microversion's clients see them."""

from glare.api import http
from glare.api import microversion
from glare.api import views
from glare import context
from glare.tests import base
from glare.tests.unit.objects import test_base


def request(version):
    req = http.Request.blank('/')
    req.environ[microversion.ENVIRON_KEY] = version
    return req


class TestViews(base.TestCase):
    def test_fields_of_newer_versions_are_hidden_from_older_clients(self):
        ctx = context.RequestContext(project_id='p1', roles=['member'])
        art = test_base.Evolved.new(ctx, {'name': 'e', 'grade': 'b'})
        self.assertNotIn('grade', views.artifact(request((1, 1)), art))
        self.assertEqual('b', views.artifact(request((1, 2)), art)['grade'])

    def test_schemas_too(self):
        old = views.schema(request((1, 0)), test_base.Evolved)
        new = views.schema(request((1, 2)), test_base.Evolved)
        self.assertEqual(('1.0', '1.1'), (old['version'], new['version']))
        self.assertEqual({'grade'}, set(new['properties']) -
                         set(old['properties']))
