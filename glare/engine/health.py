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

"""Whether this API process can serve: the checks of ``/healthcheck``.

A check is a probe of something every request needs (the database, the
default blob store). Probes run in a thread of their own, one at a time
per check: a caller waits at most ``timeout`` seconds for a running
probe, and a result is reused for ``cache_time`` seconds, so that a
load balancer probing every API process often costs the database one
query per process and period, and a database that hangs is reported
within the timeout instead of hanging the probe's caller.
"""

import collections
import os
import threading
import time

from oslo_log import log

from glare import context as glare_context
from glare.db import health as db_health
from glare import metrics
from glare.store import api as store

LOG = log.getLogger(__name__)

Result = collections.namedtuple('Result', 'name ok seconds detail cached')

OK = 'ok'
UNAVAILABLE = 'unavailable'
DISABLED = 'disabled'

Report = collections.namedtuple('Report', 'status results')


def _first_line(exc):
    text = str(exc).strip() or type(exc).__name__
    return text.splitlines()[0][:300]


class Check:
    """One probe with its last result."""

    def __init__(self, name, probe, clock=time.monotonic):
        self.name = name
        self.probe = probe
        self.clock = clock
        self._lock = threading.Lock()
        # (result, when it was taken) of the newest finished probe.
        self._last = None
        # Set when the running probe finishes; None while none runs.
        self._running = None

    def start(self, cache_time):
        """A fresh enough result, or an event set when one is there."""
        with self._lock:
            if self._last is not None and \
                    self.clock() - self._last[1] < cache_time:
                return self._last[0]._replace(cached=True)
            if self._running is None:
                self._running = threading.Event()
                threading.Thread(target=self._probe, args=(self._running,),
                                 name='healthcheck-%s' % self.name,
                                 daemon=True).start()
            return self._running

    def wait(self, running, timeout):
        """The result of the probe ``running`` stands for."""
        if running.wait(timeout):
            with self._lock:
                return self._last[0]
        failure = Result(self.name, False, timeout,
                         'no answer within healthcheck_timeout', False)
        with self._lock:
            # Remembered like any result: while the probe hangs, callers
            # hear it at once rather than each waiting the timeout.
            if self._running is running:
                self._last = (failure, self.clock())
        return failure

    def _probe(self, running):
        started = self.clock()
        try:
            detail = self.probe()
            ok = True
        except Exception as exc:
            detail, ok = _first_line(exc), False
        finished = self.clock()
        result = Result(self.name, ok, finished - started, detail, False)
        with self._lock:
            self._last = (result, finished)
            self._running = None
        running.set()


class Monitor:
    """The checks of one API process."""

    def __init__(self, checks, cache_time, timeout, disable_file=None,
                 clock=time.monotonic):
        self.checks = list(checks)
        self.cache_time = cache_time
        self.timeout = timeout
        self.disable_file = disable_file
        self.clock = clock

    def report(self):
        """A ``Report``: ``status`` OK, UNAVAILABLE or DISABLED."""
        if self.disable_file and os.path.exists(self.disable_file):
            return Report(DISABLED, [])
        started = [(check, check.start(self.cache_time))
                   for check in self.checks]
        deadline = self.clock() + self.timeout
        results = []
        for check, outcome in started:
            if isinstance(outcome, threading.Event):
                outcome = check.wait(
                    outcome, max(0.0, deadline - self.clock()))
            results.append(outcome)
        ok = all(result.ok for result in results)
        return Report(OK if ok else UNAVAILABLE, results)


def database_probe():
    db_health.ping(glare_context.get_admin_context())
    return 'answered'


def store_probe(conf):
    backend = conf.glance_store.default_backend
    return lambda: '%s: %s' % (backend, store.check(conf, backend))


_MONITOR = None


def setup(conf):
    """This process's monitor, from its configuration."""
    global _MONITOR
    _MONITOR = Monitor(
        [Check('database', database_probe),
         Check('store', store_probe(conf))],
        cache_time=conf.healthcheck_cache_time,
        timeout=conf.healthcheck_timeout,
        disable_file=conf.healthcheck_disable_file or os.path.join(
            conf.state_dir, 'healthcheck_disable'))
    return _MONITOR


def report():
    return _MONITOR.report()


def record_scrubber_backlog():
    """Put glare-scrubber's queue in the metrics; False when unreadable.

    glare-scrubber is a process of its own, often on another host: what
    it has left to do and what keeps failing are in the database.
    """
    try:
        pending, failing = db_health.deletion_queue(
            glare_context.get_admin_context())
    except Exception as exc:
        LOG.warning('The scrubber queue could not be read for the '
                    'metrics: %s', _first_line(exc))
        return False
    queue = metrics.families().deletion_queue
    queue.labels('pending').set(pending)
    queue.labels('failing').set(failing)
    return True
