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

"""Links must lead to artifacts the caller can read."""

from glare import context
from glare.engine import links
from glare import exception
from glare.objects import base as objects_base
from glare.objects import fields as f
from glare.objects import registry
from glare.tests import base


class Linker(objects_base.BaseArtifact):
    VERSION = '1.0'
    fields = {'one': f.Link(), 'many': f.List(f.Link()),
              'named': f.Dict(f.Link()), 'text': f.String()}

    @classmethod
    def get_type_name(cls):
        return 'unit_test_linker'


class TestCheck(base.TestCase):
    def setUp(self):
        super().setUp()
        self.useFixture(base.Types({'unit_test_linker': Linker}))
        self.ctx = context.RequestContext(user_id='u', project_id='p')
        self.readable = {'ok'}
        self.asked = []

    def get(self, ctx, artifact_type, artifact_id):
        self.asked.append((artifact_type.get_type_name(), artifact_id))
        if artifact_id not in self.readable:
            raise exception.ArtifactNotFound(id=artifact_id)

    def artifact(self, **values):
        return Linker.new(self.ctx, dict(name='a', **values))

    def test_readable_links_and_urls_pass(self):
        art = self.artifact(
            one='/artifacts/unit_test_linker/ok',
            many=['https://example.invalid/x', '/artifacts/unit_test_linker/'
                  'ok'], named={'k': '/artifacts/unit_test_linker/ok'},
            text='/artifacts/unit_test_linker/missing')
        links.check(self.ctx, art, list(Linker.attributes), self.get)
        # URLs are never fetched; strings are not links.
        self.assertEqual([('unit_test_linker', 'ok')] * 3, self.asked)

    def test_unreadable_link_is_400_naming_the_field(self):
        art = self.artifact(named={'k': '/artifacts/unit_test_linker/no'})
        exc = self.assertRaises(exception.BadRequest, links.check, self.ctx,
                                art, ['named'], self.get)
        self.assertEqual(400, exc.code)
        self.assertIn('Field named links to /artifacts/unit_test_linker/no',
                      exc.msg)

    def test_link_to_a_type_not_enabled(self):
        art = self.artifact(one='/artifacts/widgets/ok')
        exc = self.assertRaises(exception.BadRequest, links.check, self.ctx,
                                art, ['one'], self.get)
        self.assertIn('Field one links to /artifacts/widgets/ok', exc.msg)
        self.assertNotIn('widgets', registry.all_types())

    def test_only_named_fields_are_checked(self):
        art = self.artifact(one='/artifacts/unit_test_linker/no')
        links.check(self.ctx, art, ['many'], self.get)
