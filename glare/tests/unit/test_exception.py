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

"""Domain errors carry their HTTP status and a readable message."""

from glare import exception
from glare.tests import base


def _subclasses(cls):
    for sub in cls.__subclasses__():
        yield sub
        yield from _subclasses(sub)


class TestExceptions(base.TestCase):
    def test_every_error_has_a_http_status_and_message(self):
        for cls in _subclasses(exception.GlareException):
            self.assertGreaterEqual(cls.code, 400, cls.__name__)
            self.assertLess(cls.code, 600, cls.__name__)
            self.assertTrue(cls.message, cls.__name__)

    def test_message_is_formatted_from_keywords(self):
        exc = exception.ArtifactNotFound(id='abc')
        self.assertEqual('Artifact with id=abc not found.', exc.msg)
        self.assertEqual('Artifact with id=abc not found.', str(exc))
        self.assertEqual('ArtifactNotFound', exc.error_type)
        self.assertEqual({}, exc.headers)

    def test_explicit_message_wins(self):
        exc = exception.BadRequest('Exactly this.')
        self.assertEqual('Exactly this.', exc.msg)
        self.assertEqual(400, exc.code)

    def test_message_without_keywords_is_the_default(self):
        self.assertEqual('The request is invalid.',
                         exception.BadRequest().msg)

    def test_families(self):
        self.assertTrue(issubclass(exception.InvalidFilter,
                                   exception.BadRequest))
        self.assertTrue(issubclass(exception.PolicyNotAuthorized,
                                   exception.Forbidden))
        self.assertTrue(issubclass(exception.TypeNotFound,
                                   exception.NotFound))
        self.assertEqual(409, exception.ConcurrentUpdate(id='x').code)
        # Start-up failures are not API errors.
        self.assertFalse(issubclass(exception.TypeLoadError,
                                    exception.GlareException))
