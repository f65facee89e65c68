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

"""glare answers as Glare 5.0.1 does: the differential suite.

Every scenario of ``glare501_parity.yaml`` is one test: its requests go
to a real Glare 5.0.1 (``glare.tests.glare501``) and to a real glare-api,
and the answers must be the same but for the documented differences
(doc/source/api.rst, "Differences from Glare 5.0.1"). So is every story
of python-glareclient 0.5.3 commands (``test_cli_*``): what works against
Glare 5.0.1 must work, and print the same, against glare.

Both servers are real processes, started once per test process: the
suite compares what goes over the wire (status lines, headers, bodies,
redirects) through one HTTP client, whatever glare's routing is built
with, and starting them costs a few seconds once rather than per test.
Scenarios do not share artifacts (each has projects of its own and
starts from servers without artifacts), so any subset runs in any
order.
"""

import os
import re

import fixtures
import testtools
from testtools import content

from glare.tests import differential
from glare.tests.functional import server
from glare.tests.functional import test_glareclient
from glare.tests import glare501

API_DOC = os.path.join(os.path.dirname(os.path.dirname(os.path.dirname(
    os.path.dirname(os.path.abspath(__file__))))), 'doc', 'source',
    'api.rst')

# glare configured as the reference is: its types, its quotas.
GLARE_OPTIONS = {
    'auth_strategy': 'trusted',
    'enabled_artifact_types': [t for t in glare501.TYPES if t != 'all'],
    'max_artifact_number': 100,
    'max_uploaded_data': 1024 ** 4,
    # Pages with a next link count only this far (total_count_capped):
    # low, so that the paging scenario's few artifacts show it.
    'list_count_limit': 3,
}
TABLE = differential.load_table()


class TestGlare501Parity(testtools.TestCase):
    """One test per scenario of the table."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.fixtures = fixtures.Fixture()
        cls.fixtures.setUp()
        try:
            cls.reference = cls.fixtures.useFixture(
                glare501.Glare501Server())
            cls.glare = cls.fixtures.useFixture(
                server.GlareServer(GLARE_OPTIONS))
            cls.client = cls.fixtures.useFixture(
                test_glareclient.glareclient_venv())
            cls.files = cls.fixtures.useFixture(fixtures.TempDir()).path
        except Exception:
            cls.fixtures.cleanUp()
            raise
        cls.servers = (
            differential.Server(differential.REFERENCE, cls.reference.url),
            differential.Server(differential.GLARE, cls.glare.url))

    @classmethod
    def tearDownClass(cls):
        for one in cls.servers:
            one.close()
        cls.fixtures.cleanUp()
        super().tearDownClass()

    def run_scenario(self, name):
        self.addOnException(self._attach_logs)
        spec = TABLE['scenarios'][name]
        steps, mismatches = differential.run_scenario(TABLE, name,
                                                      *self.servers)

        def same():
            self.assertEqual([], mismatches, 'glare and Glare 5.0.1 differ '
                             'in %d of %d steps' % (len(mismatches), steps))

        if spec.get('pending'):
            # The table says why; once it passes, drop the mark.
            self.expectFailure(spec['pending'], same)
        else:
            same()

    def run_cli_story(self, name):
        self.addOnException(self._attach_logs)
        steps, mismatches = differential.run_cli_story(
            TABLE, name, *self.servers, self.client.bin('glare'),
            test_glareclient.client_env(), self.files)
        self.assertEqual([], mismatches, 'python-glareclient prints '
                         'otherwise from glare than from Glare 5.0.1 in %d '
                         'of %d commands' % (len(mismatches), steps))

    def _attach_logs(self, exc_info):
        self.addDetail('glare-api.log', content.text_content(
            self.glare.log_text()[-20000:]))
        self.addDetail('glare-5.0.1.log', content.text_content(
            self.reference.log_text()))


def _test(run, name, test_name):
    def test(self):
        getattr(self, run)(name)
    test.__name__ = test_name
    return test


for _name in TABLE['scenarios']:
    setattr(TestGlare501Parity, 'test_%s' % _name,
            _test('run_scenario', _name, 'test_%s' % _name))
for _name in TABLE['cli']:
    setattr(TestGlare501Parity, 'test_cli_%s' % _name,
            _test('run_cli_story', _name, 'test_cli_%s' % _name))


class TestParityTable(testtools.TestCase):
    """The table and the documentation say the same."""

    def setUp(self):
        super().setUp()
        with open(API_DOC) as stream:
            self.doc = stream.read()

    def test_every_difference_is_documented(self):
        labels = set(re.findall(r'^\.\. _([\w-]+):$', self.doc, re.M))
        for name, spec in TABLE['differences'].items():
            self.assertIn(spec['doc'], labels,
                          'difference %s points at no paragraph of %s' % (
                              name, API_DOC))

    def test_every_documented_paragraph_has_its_difference(self):
        labels = set(re.findall(r'^\.\. _(glare501-[\w-]+):$', self.doc,
                                re.M))
        used = {spec['doc'] for spec in TABLE['differences'].values()}
        self.assertEqual(set(), labels - used,
                         'documented differences the table never takes '
                         'out: the paragraph is stale or the table lacks '
                         'the entry')

    def test_every_difference_is_used(self):
        named = {difference
                 for scenario in TABLE['scenarios'].values()
                 for step in scenario['steps']
                 for difference in step.get('differences', ())}
        unused = {name for name, spec in TABLE['differences'].items()
                  if name not in named and not spec.get('where')}
        self.assertEqual(set(), unused,
                         'differences no step shows: delete them')
