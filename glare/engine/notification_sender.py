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

"""Delivering the notification outbox to the broker, in the background.

Every glare API process runs one sender thread, started by its first
request (``ensure_running``; glare-api's gunicorn workers start it as soon
as they are up). Of all the processes of a deployment, the one holding
the ``notification-sender`` lease in the database sends; the others look
every ``notification_poll_interval`` seconds whether it has expired (its
holder died), and take over then. API processes rather than
glare-scrubber: every deployment runs them, so notifications flow with no
extra daemon, and a process sends what it recorded itself as soon as it
is committed.

Delivery is at least once. A row leaves the outbox only after the broker
confirmed it (oslo.messaging's rabbit driver publishes with confirms); a
process that dies in between, or a lease taken over from a holder that
hung, sends it again. Every delivery of a notification carries the same
``message_id``, the outbox row's, so a consumer drops repeats by it.
While the broker is unreachable, attempts back off up to
``notification_retry_interval_max``; requests never wait for it.
"""

import os
import socket
import threading
import time
import uuid

from oslo_config import cfg
from oslo_log import log
import oslo_messaging
from stevedore import named

from glare import context as glare_context
from glare.db import leases
from glare.db import outbox
from glare.engine import notifications

LOG = log.getLogger(__name__)
CONF = cfg.CONF

LEASE = 'notification-sender'
# Long enough for a holder's slowest send, short enough that a dead
# holder's notifications wait at most this long for another process.
LEASE_TIME = 30
BATCH = 100
PRIORITY = 'INFO'
# oslo.messaging's drivers that put notifications on the message bus; the
# value is their message format version.
_BUS_DRIVERS = {'messaging': 1.0, 'messagingv2': 2.0}
# One connection attempt per send: the sender's own loop retries, with
# back-off, and must not hang in a driver's retry loop meanwhile.
_SEND_RETRIES = 0


class Sender:
    """The sender thread of one process."""

    def __init__(self, conf=CONF):
        self.conf = conf
        self.pid = os.getpid()
        self.holder = '%s:%d:%s' % (socket.gethostname(), self.pid,
                                    uuid.uuid4().hex[:8])
        self._stopping = threading.Event()
        self._thread = None
        self._transport = None
        self._drivers = None
        # When this process's lease needs renewing (monotonic clock).
        self._renew_at = 0
        # The backlog only grows while sending fails: it is trimmed then.
        self._failing = False

    def start(self):
        self._thread = threading.Thread(target=self._run, daemon=True,
                                        name='glare-notification-sender')
        self._thread.start()

    def alive(self):
        return self._thread is not None and self._thread.is_alive()

    def stop(self, timeout=10):
        self._stopping.set()
        notifications.recorded.set()
        if self._thread is not None:
            self._thread.join(timeout)
        try:
            leases.release(glare_context.get_admin_context(), LEASE,
                           self.holder)
        except Exception as exc:
            LOG.warning('Could not release the notification sender lease: '
                        '%s', exc)
        if self._transport is not None:
            self._transport.cleanup()
            self._transport = None

    def _run(self):
        ctx = glare_context.get_admin_context()
        failures = 0
        while not self._stopping.is_set():
            # Cleared before looking, so that what is recorded meanwhile
            # is looked for at once.
            notifications.recorded.clear()
            try:
                more = self.send_pending(ctx)
                self._failing = False
            except Exception as exc:
                self._failing = True
                failures += 1
                if failures == 1:
                    LOG.warning('Notifications wait in the outbox: %s', exc)
                else:
                    LOG.debug('Notifications still wait (attempt %d): %s',
                              failures, exc)
                # Back off; a notification recorded meanwhile waits too.
                self._stopping.wait(min(
                    self.conf.notification_retry_interval_max,
                    self.conf.notification_poll_interval * 2 ** failures))
                continue
            if failures:
                LOG.info('Notifications flow again after %d failed '
                         'attempt(s)', failures)
                failures = 0
            if not more:
                notifications.recorded.wait(
                    self.conf.notification_poll_interval)

    def send_pending(self, ctx):
        """Send one batch when this process holds the lease.

        True when more may be waiting. Raises when the broker or the
        database failed; what was sent before that is removed.
        """
        if not self._hold_lease(ctx):
            return False
        if self._failing:
            dropped = outbox.trim(ctx, self.conf.notification_backlog_max)
            if dropped:
                LOG.warning('Dropped the %d oldest notifications: more '
                            'than notification_backlog_max (%d) waited for '
                            'the broker.', dropped,
                            self.conf.notification_backlog_max)
        rows = outbox.pending(ctx, BATCH)
        sent = []
        try:
            for row in rows:
                if self._stopping.is_set():
                    return False
                self._send(row)
                sent.append(row['id'])
        finally:
            outbox.remove(ctx, sent)
        return len(rows) == BATCH

    def _hold_lease(self, ctx):
        """True while this process holds the lease.

        Renewed at half its time rather than at every look, which would
        be a write to the database each time.
        """
        now = time.monotonic()
        if now < self._renew_at:
            return True
        if not leases.acquire(ctx, LEASE, self.holder, LEASE_TIME):
            self._renew_at = 0
            return False
        self._renew_at = now + LEASE_TIME / 2
        return True

    def _send(self, row):
        message = {'message_id': row['message_id'],
                   'publisher_id': notifications.publisher_id(),
                   'event_type': row['event_type'],
                   'priority': PRIORITY,
                   'payload': row['payload'],
                   'timestamp': str(row['created_at'])}
        for name, driver in self._load_drivers():
            if name in _BUS_DRIVERS:
                self._send_to_bus(row['context'], message,
                                  _BUS_DRIVERS[name])
            else:
                # log, routing and third-party drivers: they report no
                # failure to send.
                driver.notify(row['context'], message, PRIORITY,
                              _SEND_RETRIES)

    def _send_to_bus(self, ctxt, message, version):
        # oslo.messaging's bus drivers log a failure and carry on, which
        # would lose the notification; the transport they use raises it.
        for topic in self.conf.oslo_messaging_notifications.topics:
            target = oslo_messaging.Target(
                topic='%s.%s' % (topic, PRIORITY.lower()))
            self._transport_for_bus()._send_notification(
                target, ctxt, message, version=version,
                retry=_SEND_RETRIES)

    def _transport_for_bus(self):
        if self._transport is None:
            self._transport = oslo_messaging.get_notification_transport(
                self.conf)
        return self._transport

    def _load_drivers(self):
        if self._drivers is None:
            names = [name for name in
                     self.conf.oslo_messaging_notifications.driver
                     if name != 'noop']
            others = [name for name in names if name not in _BUS_DRIVERS]
            loaded = {}
            if others:
                manager = named.NamedExtensionManager(
                    'oslo.messaging.notify.drivers', names=others,
                    invoke_on_load=True, invoke_args=[self.conf],
                    invoke_kwds={
                        'topics':
                            self.conf.oslo_messaging_notifications.topics,
                        'transport': self._transport_for_bus()})
                loaded = {ext.name: ext.obj for ext in manager}
            self._drivers = [(name, loaded.get(name)) for name in names]
        return self._drivers


_LOCK = threading.Lock()
_SENDER = None


def ensure_running(conf=CONF):
    """Start this process's sender unless it runs; cheap once it does.

    Checked per process: a WSGI server that forks workers after building
    the application leaves them without the thread.
    """
    global _SENDER
    sender = _SENDER
    if sender is not None and sender.pid == os.getpid() and sender.alive():
        return sender
    if not notifications.enabled():
        return None
    with _LOCK:
        if _SENDER is None or _SENDER.pid != os.getpid() or \
                not _SENDER.alive():
            _SENDER = Sender(conf)
            _SENDER.start()
        return _SENDER


def stop():
    """Stop this process's sender (tests, and configuration changes)."""
    global _SENDER
    with _LOCK:
        sender, _SENDER = _SENDER, None
    if sender is not None and sender.pid == os.getpid():
        sender.stop()
