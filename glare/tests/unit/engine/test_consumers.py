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

"""What a consumer registration accepts."""

import fixtures

from glare import context
from glare.engine import consumers
from glare import exception
from glare.tests import base


def ctx(project='p1'):
    return context.RequestContext(user_id='u', project_id=project,
                                  roles=['member'])


class TestConsumerIds(base.TestCase):
    def test_printable_ids_up_to_255_characters(self):
        self.assertEqual('a' * 255, consumers.check_consumer_id('a' * 255))
        for bad, says in (('a' * 256, 'longer than 255'),
                          ('vm\x01', 'printable'), ('', 'non-empty'),
                          ('a/b', 'without "/"'), ('a\x00', 'NUL')):
            exc = self.assertRaises(exception.BadRequest,
                                    consumers.check_consumer_id, bad)
            self.assertIn(says, exc.msg)


class TestBody(base.TestCase):
    def test_project_defaults_to_the_callers(self):
        self.assertEqual(
            {'service': 'compute', 'resource_type': 'instance',
             'project_id': 'p1'},
            consumers.parse_body(ctx(), {'service': 'compute',
                                         'resource_type': 'instance'}))

    def test_bad_bodies_name_the_problem(self):
        for body, says in (
                ([], 'JSON object'),
                ({'service': 'compute'}, 'resource_type'),
                ({'service': 'compute', 'resource_type': 'i', 'x': 1},
                 'Unknown key x'),
                ({'service': 1, 'resource_type': 'i'}, 'service'),
                ({'service': 's', 'resource_type': 'i',
                  'project_id': 'p' * 129}, 'project_id')):
            exc = self.assertRaises(exception.BadRequest,
                                    consumers.parse_body, ctx(), body)
            self.assertIn(says, exc.msg)


class TestRebuildListMarker(base.TestCase):
    def setUp(self):
        super().setUp()
        self.outdated = self.useFixture(fixtures.MockPatch(
            'glare.db.consumers.outdated', return_value=([], False))).mock
        self.key = self.useFixture(fixtures.MockPatch(
            'glare.db.consumers.outdated_marker')).mock

    def test_the_marker_of_an_item_continues_after_it(self):
        item = {'artifact': {'id': 'a1'}, 'consumer': {'consumer_id': 'vm'}}
        self.assertEqual('a1/vm', consumers.outdated_marker(item))
        self.key.return_value = ('images', 'ubuntu', 'vm', 'a1')
        consumers.outdated(ctx(), 'p1', limit=2, marker='a1/vm')
        self.assertEqual(('a1', 'vm'), self.key.call_args[0][1:])
        self.assertEqual((2, ('images', 'ubuntu', 'vm', 'a1')),
                         self.outdated.call_args[0][-2:])

    def test_a_marker_naming_nothing_is_404(self):
        self.key.return_value = None
        for marker in ('a1/vm', 'a1', 'a1/'):
            exc = self.assertRaises(exception.MarkerNotFound,
                                    consumers.outdated, ctx(), 'p1',
                                    marker=marker)
            self.assertEqual(404, exc.code)
            self.assertIn(marker, str(exc))
        self.outdated.assert_not_called()
