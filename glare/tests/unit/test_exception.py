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

import sqlite3

from oslo_db import exception as db_exc
from sqlalchemy import exc as sa_exc

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


class TestOutage(base.TestCase):
    def test_database_outages_are_503_with_retry_after(self):
        locked = sa_exc.OperationalError(
            'INSERT', {}, sqlite3.OperationalError('database is locked'))
        for exc, reason in (
                (db_exc.DBConnectionError('refused'), 'cannot be reached'),
                (db_exc.DBDeadlock('deadlock'), 'held by another'),
                (sa_exc.TimeoutError('QueuePool limit'), 'in use'),
                (locked, 'locked by another process'),
                (db_exc.DBError(locked), 'locked by another process'),
                (sa_exc.OperationalError('SELECT', {}, Exception('gone')),
                 'restarting')):
            unavailable = exception.outage(exc)
            self.assertIsInstance(unavailable,
                                  exception.DatabaseUnavailable, exc)
            self.assertEqual(503, unavailable.code)
            self.assertEqual('5', unavailable.headers['Retry-After'])
            self.assertIn(reason, unavailable.msg)

    def test_other_errors_are_no_outage(self):
        for exc in (KeyError('x'), db_exc.DBDuplicateEntry(),
                    db_exc.DBDataError('value too long'),
                    sa_exc.IntegrityError('INSERT', {}, Exception('fk'))):
            self.assertIsNone(exception.outage(exc), exc)

    def test_store_errors_ask_for_a_later_retry(self):
        for exc in (exception.StoreError(action='store', reason='EROFS'),
                    exception.StorageFull()):
            self.assertEqual(503, exc.code)
            self.assertEqual('60', exc.headers['Retry-After'])
