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

"""The unit-test tree mirrors the code tree (doc/source/architecture.rst)."""

import os

from glare.tests import base

PACKAGE_DIR = os.path.dirname(os.path.dirname(os.path.dirname(
    os.path.abspath(__file__))))
ROOT_DIR = os.path.dirname(PACKAGE_DIR)
UNIT_DIR = os.path.join(PACKAGE_DIR, 'tests', 'unit')

# Modules that only make sense with a database or the whole WSGI
# application: the functional tests (glare/tests/functional) cover them.
FUNCTIONALLY_TESTED = {
    'glare/api/app.py',
    'glare/api/controllers/artifacts.py',
    'glare/api/controllers/blobs.py',
    'glare/api/controllers/health.py',
    'glare/api/controllers/metrics.py',
    'glare/api/controllers/openapi.py',
    'glare/api/controllers/quotas.py',
    'glare/api/controllers/schemas.py',
    'glare/cmd/manage.py',
    'glare/cmd/scrubber.py',
    'glare/cmd/status.py',
    'glare/db/api.py',
    'glare/db/blobs.py',
    'glare/db/deletions.py',
    'glare/db/health.py',
    'glare/db/leases.py',
    'glare/db/listing.py',
    'glare/db/records.py',
    'glare/db/visibility.py',
    'glare/db/quotas.py',
    'glare/db/migration.py',
    'glare/db/migrations/env.py',
    'glare/db/models.py',
    'glare/db/outbox.py',
    'glare/db/query.py',
    'glare/db/transaction.py',
    'glare/engine/artifacts.py',
    'glare/engine/scrubber.py',
    'glare/store/api.py',
    'glare/version.py',
    'glare/wsgi/api.py',
}

SKIPPED_DIRS = ('glare/tests', 'glare/db/migrations/versions')


# Packages of this repository outside glare/ whose unit tests live here:
# client/glare_client/x/y.py -> glare/tests/unit/glare_client/x/test_y.py
# (the SDK is a distribution of its own, client/pyproject.toml).
SIBLING_PACKAGES = {'glare_client': 'client/glare_client'}


def code_modules():
    modules = set()
    roots = [PACKAGE_DIR] + [os.path.join(ROOT_DIR, path)
                             for path in SIBLING_PACKAGES.values()]
    for directory, subdirs, files in (
            step for root in roots for step in os.walk(root)):
        relative_dir = os.path.relpath(directory, ROOT_DIR)
        if relative_dir.startswith(SKIPPED_DIRS):
            subdirs[:] = []
            continue
        subdirs[:] = [d for d in subdirs if d != '__pycache__']
        modules.update(os.path.join(relative_dir, name) for name in files
                       if name.endswith('.py') and name != '__init__.py')
    return modules


def unit_test_path(module):
    """glare/x/y.py -> glare/tests/unit/x/test_y.py"""
    for package, path in SIBLING_PACKAGES.items():
        if module.startswith(path + '/'):
            module = os.path.join('glare', package,
                                  os.path.relpath(module, path))
    directory, name = os.path.split(os.path.relpath(module, 'glare'))
    return os.path.join(UNIT_DIR, directory, 'test_' + name)


class TestTree(base.TestCase):
    def test_every_module_has_a_mirrored_unit_test(self):
        missing = sorted(
            module for module in code_modules() - FUNCTIONALLY_TESTED
            if not os.path.exists(unit_test_path(module)))
        self.assertEqual([], missing,
                         'Add glare/tests/unit/<path>/test_<module>.py, '
                         'or list the module in FUNCTIONALLY_TESTED.')

    def test_exceptions_are_current(self):
        modules = code_modules()
        stale = sorted(module for module in FUNCTIONALLY_TESTED
                       if module not in modules or
                       os.path.exists(unit_test_path(module)))
        self.assertEqual([], stale,
                         'Remove these from FUNCTIONALLY_TESTED: they are '
                         'gone or have unit tests now.')

    def test_test_packages_are_importable(self):
        for directory, subdirs, files in os.walk(UNIT_DIR):
            subdirs[:] = [d for d in subdirs if d != '__pycache__']
            if any(name.startswith('test_') for name in files):
                self.assertIn('__init__.py', files, directory)

    def test_no_orphan_unit_tests(self):
        # A test module whose code module was renamed or deleted.
        # test_init.py tests a package's __init__.py.
        modules = code_modules()
        orphans = []
        for directory, subdirs, files in os.walk(UNIT_DIR):
            subdirs[:] = [d for d in subdirs if d != '__pycache__']
            for name in files:
                if not (name.startswith('test_') and name.endswith('.py')):
                    continue
                tested = name[len('test_'):]
                if tested == 'init.py':
                    tested = '__init__.py'
                relative_dir = os.path.relpath(directory, UNIT_DIR)
                package = relative_dir.split(os.sep)[0]
                if package in SIBLING_PACKAGES:
                    relative_dir = os.path.join(
                        SIBLING_PACKAGES[package],
                        os.path.relpath(relative_dir, package))
                else:
                    relative_dir = os.path.join('glare', relative_dir)
                module = os.path.normpath(os.path.join(relative_dir,
                                                       tested))
                if module not in modules | TREE_TESTS and not \
                        os.path.exists(os.path.join(ROOT_DIR, module)):
                    orphans.append(os.path.join(directory, name))
        self.assertEqual([], orphans)


# Unit tests about the whole tree rather than one module.
TREE_TESTS = {'glare/tree.py', 'glare/requirements.py'}
