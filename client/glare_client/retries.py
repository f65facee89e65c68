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

"""Trying a request again after a failure that is likely to pass.

What is retried, with delays that double up to a cap:

- a connection that could not be made (refused, timed out connecting):
  the server never saw the request, so any request whose body can be
  sent again is retried, a create included;
- a connection lost after the request went out, and the answers 502, 503
  and 504 (a proxy or load balancer that could not reach glare): only
  for idempotent methods (GET, HEAD, PUT, DELETE, OPTIONS) whose body can
  be sent again. A POST or PATCH may have been applied, and an upload
  whose stream was read cannot be replayed, so those are not retried.
"""

import logging
import time

from keystoneauth1 import exceptions as ks_exceptions
import requests
import urllib3

LOG = logging.getLogger(__name__)

IDEMPOTENT_METHODS = frozenset(('GET', 'HEAD', 'PUT', 'DELETE', 'OPTIONS'))
RETRIED_STATUSES = frozenset((502, 503, 504))
# Connection failures worth another try; an SSL error is not one.
CONNECTION_ERRORS = (ks_exceptions.RetriableConnectionFailure,
                     requests.exceptions.ConnectionError,
                     requests.exceptions.Timeout)


def never_sent(error):
    """True when ``error`` happened before the request left the client.

    keystoneauth wraps the ``requests`` error it caught (which wraps
    urllib3's), so the cause is looked for along the chain.
    """
    seen = set()
    while error is not None and id(error) not in seen:
        seen.add(id(error))
        if isinstance(error, (requests.exceptions.ConnectTimeout,
                              urllib3.exceptions.ConnectTimeoutError)):
            # urllib3's NewConnectionError (refused, unreachable, unknown
            # host) is a ConnectTimeoutError too.
            return True
        reason = getattr(error, 'reason', None)
        if isinstance(reason, BaseException):
            error = reason
            continue
        args = getattr(error, 'args', ())
        if args and isinstance(args[0], BaseException):
            error = args[0]
            continue
        error = error.__cause__ or error.__context__
    return False


class Retries:
    """How often and how patiently to retry.

    :param attempts: tries in all (1 means no retry).
    :param delay: seconds before the first retry; doubled each time.
    :param max_delay: the longest wait between two tries (also the most
        a server's ``Retry-After`` is honoured).
    """

    def __init__(self, attempts=4, delay=0.5, max_delay=10.0,
                 sleep=time.sleep):
        self.attempts = max(1, attempts)
        self.delay = delay
        self.max_delay = max_delay
        self.sleep = sleep

    def delays(self):
        """The waits before the second, third, … try."""
        delay = self.delay
        for _ in range(self.attempts - 1):
            yield min(delay, self.max_delay)
            delay *= 2

    def call(self, send, method, replayable=True, what=None):
        """``send()``, again while the failure is worth retrying.

        :param replayable: whether the request body can be sent again:
            a bool, or a callable asked after a failure (an upload's body
            is replayable only while none of it was read).
        :param what: how to name the request in log messages.
        """
        method = method.upper()
        what = what or method
        for delay in self.delays():
            try:
                resp = send()
            except CONNECTION_ERRORS as error:
                if not self._may_resend(error, method, replayable):
                    raise
                LOG.warning('%s failed (%s); trying again in %.1f s.',
                            what, error, delay)
            else:
                if resp.status_code not in RETRIED_STATUSES or not \
                        self._may_repeat(method, replayable):
                    return resp
                delay = self._server_delay(resp, delay)
                resp.close()
                LOG.warning('%s answered %d; trying again in %.1f s.',
                            what, resp.status_code, delay)
            self.sleep(delay)
        return send()

    @staticmethod
    def _replayable(replayable):
        return replayable() if callable(replayable) else bool(replayable)

    def _may_resend(self, error, method, replayable):
        if not self._replayable(replayable):
            return False
        return never_sent(error) or method in IDEMPOTENT_METHODS

    def _may_repeat(self, method, replayable):
        return method in IDEMPOTENT_METHODS and self._replayable(replayable)

    def _server_delay(self, resp, delay):
        """``Retry-After`` (seconds) when the server gave one."""
        value = (resp.headers.get('Retry-After') or '').strip()
        if value.isdigit():
            return min(float(value), self.max_delay)
        return delay
