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

"""Loading artifact types from the ``glare.artifact_types`` entry points."""

import importlib.metadata
import os
import sys

import fixtures
import stevedore

from glare.artifact_types import all as all_type
from glare.artifact_types import images
from glare import exception
from glare.objects import base as objects
from glare.objects import registry
from glare.tests import base


class NotAnArtifact:
    @classmethod
    def get_type_name(cls):
        return 'not_an_artifact'


class RegistryTestReserved(objects.BaseArtifact):
    @classmethod
    def get_type_name(cls):
        return 'schema'


class RegistryTestWidgets(objects.BaseArtifact):
    @classmethod
    def get_type_name(cls):
        return 'widgets'


BROKEN_MODULE = 'glare_unit_test_broken_type'


class TestLoadTypes(base.TestCase):
    def setUp(self):
        super().setUp()
        # load_types makes its result the process's types; put them back.
        self.useFixture(base.Types(registry.all_types()))

    def use_entry_points(self, **extra):
        """Installed plugins plus ``extra`` {name: 'module:attr'}.

        stevedore keeps the entry points it read per namespace; the test
        gives it its own list and takes it away afterwards.
        """
        installed = list(importlib.metadata.entry_points(
            group=registry.NAMESPACE))
        added = [importlib.metadata.EntryPoint(name, value,
                                               registry.NAMESPACE)
                 for name, value in extra.items()]
        self.useFixture(fixtures.MockPatchObject(
            stevedore.ExtensionManager, 'ENTRY_POINT_CACHE',
            {registry.NAMESPACE: installed + added}))

    def assertLoadError(self, enabled, *fragments):
        exc = self.assertRaises(exception.TypeLoadError,
                                registry.load_types, enabled)
        for fragment in fragments:
            self.assertIn(fragment, str(exc))
        return exc

    def test_enabled_builtins_load_with_the_all_view(self):
        types = registry.load_types(['images'])
        self.assertEqual({'images': images.Image, 'all': all_type.All},
                         types)
        self.assertIs(images.Image, registry.get('images'))
        self.assertEqual(types, registry.all_types())

    def test_all_is_loaded_even_when_nothing_is_enabled(self):
        self.assertEqual({'all': all_type.All}, registry.load_types([]))
        self.assertEqual({'all': all_type.All},
                         registry.load_types(['all', 'all']))

    def test_unknown_type_is_404(self):
        registry.load_types([])
        exc = self.assertRaises(exception.TypeNotFound, registry.get,
                                'images')
        self.assertEqual(404, exc.code)
        self.assertIn('images', exc.msg)

    def test_enabled_name_without_entry_point(self):
        self.use_entry_points()
        self.assertLoadError(['images', 'no_such_type'],
                             "'no_such_type' is enabled but no plugin",
                             registry.NAMESPACE)
        # A failed start-up does not half-enable anything.
        self.assertNotIn('no_such_type', registry.all_types())

    def test_plugin_that_fails_to_import(self):
        directory = self.useFixture(fixtures.TempDir()).path
        with open(os.path.join(directory, BROKEN_MODULE + '.py'), 'w') as f:
            f.write("raise RuntimeError('needs libfoo')\n")
        self.useFixture(fixtures.PythonPathEntry(directory))
        self.addCleanup(sys.modules.pop, BROKEN_MODULE, None)
        self.use_entry_points(broken=BROKEN_MODULE + ':Broken')
        self.assertLoadError(['broken'],
                             "Artifact type 'broken' failed to load",
                             'needs libfoo')

    def test_plugin_with_a_missing_module(self):
        self.use_entry_points(ghost='glare_unit_test_no_such_module:Ghost')
        self.assertLoadError(['ghost'], "'ghost' failed to load",
                             'glare_unit_test_no_such_module')

    def test_plugin_that_is_not_an_artifact_type(self):
        self.use_entry_points(
            not_an_artifact=__name__ + ':NotAnArtifact')
        self.assertLoadError(['not_an_artifact'],
                             "Plugin 'not_an_artifact' is not an artifact "
                             "type")

    def test_plugin_name_must_match_the_type_name(self):
        self.use_entry_points(pictures='glare.artifact_types.images:Image')
        self.assertLoadError(['pictures'],
                             "Plugin 'pictures' declares type name "
                             "'images'")

    def test_reserved_name(self):
        self.use_entry_points(schema=__name__ + ':RegistryTestReserved')
        self.assertLoadError(['schema'], "type name 'schema' is reserved")

    def test_third_party_type_loads(self):
        self.use_entry_points(widgets=__name__ + ':RegistryTestWidgets')
        types = registry.load_types(['widgets', 'images'])
        self.assertIs(RegistryTestWidgets, types['widgets'])
        self.assertEqual(['widgets', 'images', 'all'], list(types))
