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

# Modules without a mirrored unit test, each with the written reason why
# (test_every_exception_says_why): mostly what only runs as a whole
# process, which the functional tests (glare/tests/functional) run.
FUNCTIONALLY_TESTED = {
    'glare/cmd/scrubber.py': (
        "glare-scrubber's main and nothing else: it registers --daemon on "
        'the global configuration, parses the command line and loops over '
        'glare.engine.scrubber.scrub, which is unit-tested; the command '
        'runs as a process in '
        'glare/tests/functional/test_delayed_delete.py and '
        'test_scale_out.py.'),
    'glare/cmd/status.py': (
        "Every check reads a deployment's configuration files and "
        'database, and main parses the command line into the global '
        'configuration: glare/tests/functional/test_status.py runs '
        'glare-status as an operator does (a process with a config file) '
        "through each check's outcomes (schema behind, unreachable or "
        'embedded; notification backlog; development auth; policy file).'),
    'glare/db/migrations/env.py': (
        "Alembic's environment script: it only runs inside an alembic "
        'command, so glare/tests/unit/db/test_migration.py (SQLite) and '
        'glare/tests/functional/db/test_migrations.py (every backend) '
        'exercise it through glare.db.migration.'),
    'glare/version.py': (
        "Nothing of glare's to decide: one line asking pbr for the "
        "installed distribution's version, which nothing in glare reads "
        'yet.'),
    'glare/wsgi/api.py': (
        'The entry point WSGI servers import, whose behaviour only shows '
        'inside them: glare/tests/functional/test_wsgi_servers.py runs it '
        'under gunicorn and uwsgi (chunked uploads included).'),
    'glare/db/upload_sessions.py': (
        'Compare-and-swap appends across processes: '
        'glare/tests/functional/test_upload_sessions.py.'),
    'glare/engine/upload_sessions.py': (
        'Chunks in the store and the session in the database, resumed by '
        'another process: glare/tests/functional/test_upload_sessions.py.'),
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
            module for module in code_modules() - set(FUNCTIONALLY_TESTED)
            if not os.path.exists(unit_test_path(module)))
        self.assertEqual([], missing,
                         'Add glare/tests/unit/<path>/test_<module>.py, '
                         'or list the module in FUNCTIONALLY_TESTED with '
                         'the reason it cannot have one.')

    def test_every_exception_says_why(self):
        unexplained = sorted(module for module, reason
                             in FUNCTIONALLY_TESTED.items()
                             if not (isinstance(reason, str) and
                                     reason.strip()))
        self.assertEqual([], unexplained,
                         'Give each module in FUNCTIONALLY_TESTED the '
                         'reason it has no unit test.')

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
