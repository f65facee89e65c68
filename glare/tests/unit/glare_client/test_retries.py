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

from keystoneauth1 import exceptions as ks_exceptions
import requests
import testtools
import urllib3

from glare_client import retries


class Response:
    def __init__(self, status_code, headers=None):
        self.status_code = status_code
        self.headers = headers or {}
        self.closed = False

    def close(self):
        self.closed = True


def refused():
    """keystoneauth's error for a refused connection, chained as it is."""
    try:
        try:
            raise requests.exceptions.ConnectionError(
                urllib3.exceptions.MaxRetryError(
                    None, '/', urllib3.exceptions.NewConnectionError(
                        None, 'Connection refused')))
        except requests.exceptions.ConnectionError:
            raise ks_exceptions.ConnectFailure('Unable to establish')
    except ks_exceptions.ConnectFailure as error:
        return error


def dropped():
    """keystoneauth's error for a connection lost after sending."""
    try:
        try:
            raise requests.exceptions.ConnectionError(
                urllib3.exceptions.ProtocolError(
                    'Connection aborted.', ConnectionResetError(104)))
        except requests.exceptions.ConnectionError:
            raise ks_exceptions.ConnectFailure('Unable to establish')
    except ks_exceptions.ConnectFailure as error:
        return error


class Sender:
    """``send`` answering or raising from a script, one step a call."""

    def __init__(self, *script):
        self.script = list(script)
        self.calls = 0

    def __call__(self):
        self.calls += 1
        step = self.script.pop(0)
        if isinstance(step, BaseException):
            raise step
        return step


class TestRetries(testtools.TestCase):
    def setUp(self):
        super().setUp()
        self.slept = []
        self.retries = retries.Retries(attempts=4, delay=0.5, max_delay=1.5,
                                       sleep=self.slept.append)

    def test_delays_double_up_to_the_cap(self):
        self.assertEqual([0.5, 1.0, 1.5], list(self.retries.delays()))
        self.assertEqual([], list(retries.Retries(attempts=1).delays()))

    def test_never_sent(self):
        self.assertTrue(retries.never_sent(refused()))
        self.assertFalse(retries.never_sent(dropped()))
        self.assertTrue(retries.never_sent(
            requests.exceptions.ConnectTimeout('slow')))
        self.assertFalse(retries.never_sent(
            requests.exceptions.ReadTimeout('slow')))

    def test_a_refused_connection_is_retried_for_any_method(self):
        for method in ('GET', 'POST', 'PATCH'):
            send = Sender(refused(), refused(), Response(201))
            self.assertEqual(201, self.retries.call(send, method).status_code)
            self.assertEqual(3, send.calls)

    def test_a_dropped_connection_is_retried_only_when_idempotent(self):
        send = Sender(dropped(), Response(200))
        self.assertEqual(200, self.retries.call(send, 'get').status_code)
        for method in ('POST', 'PATCH'):
            send = Sender(dropped(), Response(200))
            self.assertRaises(ks_exceptions.ConnectFailure,
                              self.retries.call, send, method)
            self.assertEqual(1, send.calls)

    def test_gateway_errors_are_retried_only_when_idempotent(self):
        busy = Response(503)
        send = Sender(Response(502), busy, Response(504), Response(200))
        self.assertEqual(200, self.retries.call(send, 'DELETE').status_code)
        self.assertTrue(busy.closed)
        self.assertEqual([0.5, 1.0, 1.5], self.slept)
        send = Sender(Response(503), Response(200))
        self.assertEqual(503, self.retries.call(send, 'POST').status_code)
        # Other errors are the answer.
        send = Sender(Response(500), Response(200))
        self.assertEqual(500, self.retries.call(send, 'GET').status_code)

    def test_the_last_failure_is_the_result(self):
        send = Sender(*[Response(503)] * 4)
        self.assertEqual(503, self.retries.call(send, 'GET').status_code)
        self.assertEqual(4, send.calls)
        send = Sender(*[refused()] * 4)
        self.assertRaises(ks_exceptions.ConnectFailure, self.retries.call,
                          send, 'GET')
        self.assertEqual(4, send.calls)

    def test_a_read_stream_is_never_sent_again(self):
        body_read = [False]
        replayable = lambda: not body_read[0]  # noqa: E731
        send = Sender(refused(), Response(200))
        self.assertEqual(200, self.retries.call(
            send, 'PUT', replayable).status_code)
        body_read[0] = True
        for step in (dropped(), Response(503), refused()):
            send = Sender(step, Response(200))
            result = None
            try:
                result = self.retries.call(send, 'PUT', replayable)
            except ks_exceptions.ConnectFailure:
                pass
            self.assertEqual(1, send.calls)
            self.assertIn(result, (None, step))

    def test_retry_after_is_honoured_up_to_the_cap(self):
        send = Sender(Response(503, {'Retry-After': '1'}),
                      Response(503, {'Retry-After': '120'}), Response(200))
        self.retries.call(send, 'GET')
        self.assertEqual([1.0, 1.5], self.slept)

    def test_ssl_errors_are_not_retried(self):
        send = Sender(ks_exceptions.SSLError('bad certificate'),
                      Response(200))
        self.assertRaises(ks_exceptions.SSLError, self.retries.call, send,
                          'GET')
