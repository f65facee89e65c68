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

"""What glare declares it needs is what it imports (issue 16).

Every third-party module glare's code imports comes from a distribution
named in requirements.txt, and every distribution named there is
imported; the tests' own imports come from requirements.txt or
test-requirements.txt. The extras name the drivers a deployment adds.
"""

import ast
import configparser
from importlib import metadata
import os
import re
import sys

from glare.tests import base
from glare.tests.unit import test_tree

ROOT = test_tree.ROOT_DIR

# Imported although no requirement provides them, with the reason.
NOT_DECLARED = {
    # Only exists inside uwsgi's own interpreter (glare.wsgi.api).
    'uwsgi',
    # The SDK of this repository (client/), installed beside glare by
    # tox for the tests that drive it.
    'glare_client',
}


def normalized(name):
    return re.sub(r'[-_.]+', '-', name).lower()


def declared(path):
    names = set()
    with open(os.path.join(ROOT, path)) as stream:
        for line in stream:
            line = line.split('#', 1)[0].strip()
            if line and not line.startswith('-'):
                names.add(normalized(re.split(r'[<>=!~;\[ ]', line)[0]))
    return names


def imported_modules(tests):
    """Top-level names of the modules imported by the code (or tests)."""
    modules = set()
    package = os.path.join(ROOT, 'glare')
    for directory, subdirs, files in os.walk(package):
        in_tests = os.path.relpath(directory, package).split(
            os.sep)[0] == 'tests'
        subdirs[:] = [d for d in subdirs if d != '__pycache__']
        if in_tests != tests:
            continue
        for name in files:
            if not name.endswith('.py'):
                continue
            with open(os.path.join(directory, name)) as stream:
                tree = ast.parse(stream.read())
            for node in ast.walk(tree):
                if isinstance(node, ast.Import):
                    modules.update(a.name.split('.')[0]
                                   for a in node.names)
                elif isinstance(node, ast.ImportFrom) and not node.level:
                    modules.add(node.module.split('.')[0])
    return {m for m in modules if m not in sys.stdlib_module_names and
            m not in ('glare', '__future__') and m not in NOT_DECLARED}


def distributions(modules):
    """``{distribution: modules}``; unknown modules under None."""
    providers = metadata.packages_distributions()
    found = {}
    for module in modules:
        names = providers.get(module) or [None]
        for name in names:
            found.setdefault(name and normalized(name), set()).add(module)
    return found


class TestRequirements(base.TestCase):
    def test_the_code_imports_exactly_what_it_declares(self):
        needed = distributions(imported_modules(tests=False))
        self.assertNotIn(None, needed, 'Modules of no installed '
                         'distribution: %s' % needed.get(None))
        required = declared('requirements.txt')
        self.assertEqual([], sorted(set(needed) - required),
                         'Imported but not in requirements.txt')
        self.assertEqual([], sorted(required - set(needed)),
                         'In requirements.txt but never imported')

    def test_the_tests_import_only_what_is_declared(self):
        needed = distributions(imported_modules(tests=True))
        self.assertNotIn(None, needed, needed.get(None))
        required = declared('requirements.txt') | declared(
            'test-requirements.txt')
        self.assertEqual([], sorted(set(needed) - required))

    def test_extras_for_databases_and_s3(self):
        parser = configparser.ConfigParser()
        parser.read(os.path.join(ROOT, 'setup.cfg'))
        extras = {name: {normalized(re.split(r'[<>=!~;\[ ]', line)[0])
                         for line in value.split() if line}
                  for name, value in parser['extras'].items()}
        self.assertEqual({'postgresql': {'psycopg2-binary'},
                          'mysql': {'pymysql'}, 's3': {'boto3'}}, extras)
