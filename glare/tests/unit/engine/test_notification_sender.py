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

"""One pass of the outbox sender: lease, order, ids, failures, the bound."""

import datetime
import socket
from unittest import mock

import fixtures
import oslo_messaging

from glare.engine import notification_sender as sender_module
from glare.tests import base

CREATED = datetime.datetime(2026, 12, 4, 10, 0, 0, 123456)


def row(number):
    return {'id': number, 'message_id': 'msg-%d' % number,
            'event_type': 'artifact.create', 'payload': {'n': number},
            'context': {'request_id': 'req-%d' % number},
            'created_at': CREATED}


class TestSendPending(base.TestCase):
    def setUp(self):
        super().setUp()
        self.flags(group='oslo_messaging_notifications',
                   driver=['messagingv2'], topics=['a', 'b'])
        self.leases = self._patch('leases')
        self.leases.acquire.return_value = True
        self.outbox = self._patch('outbox')
        self.outbox.trim.return_value = 0
        self.transport = mock.Mock()
        self.useFixture(fixtures.MockPatch(
            'oslo_messaging.get_notification_transport',
            return_value=self.transport))
        self.sender = sender_module.Sender(base.CONF)
        self.ctx = mock.Mock()

    def _patch(self, name):
        return self.useFixture(fixtures.MockPatchObject(
            sender_module, name)).mock

    def sends(self):
        return [(call.args[0].topic, call.args[2]['message_id'],
                 call.kwargs['version'])
                for call in self.transport._send_notification.call_args_list]

    def test_sends_in_order_with_the_rows_ids_then_removes_them(self):
        self.outbox.pending.return_value = [row(1), row(2)]
        self.assertFalse(self.sender.send_pending(self.ctx))
        self.assertEqual([('a.info', 'msg-1', 2.0), ('b.info', 'msg-1', 2.0),
                          ('a.info', 'msg-2', 2.0), ('b.info', 'msg-2', 2.0)],
                         self.sends())
        target, ctxt, message = \
            self.transport._send_notification.call_args_list[0].args
        self.assertEqual({'request_id': 'req-1'}, ctxt)
        self.assertEqual({'message_id': 'msg-1',
                          'publisher_id': 'artifact.' + socket.gethostname(),
                          'event_type': 'artifact.create',
                          'priority': 'INFO', 'payload': {'n': 1},
                          'timestamp': '2026-12-04 10:00:00.123456'},
                         message)
        self.outbox.remove.assert_called_once_with(self.ctx, [1, 2])

    def test_a_full_batch_asks_for_another_at_once(self):
        self.outbox.pending.return_value = [
            row(n) for n in range(sender_module.BATCH)]
        self.assertTrue(self.sender.send_pending(self.ctx))

    def test_another_holder_sends_nothing(self):
        self.leases.acquire.return_value = False
        self.assertFalse(self.sender.send_pending(self.ctx))
        self.outbox.pending.assert_not_called()
        self.transport._send_notification.assert_not_called()
        self.leases.acquire.assert_called_once_with(
            self.ctx, 'notification-sender', self.sender.holder,
            sender_module.LEASE_TIME)

    def test_a_broker_failure_keeps_what_was_not_sent(self):
        self.flags(group='oslo_messaging_notifications', topics=['a'])
        self.outbox.pending.return_value = [row(1), row(2), row(3)]
        self.transport._send_notification.side_effect = [
            None, oslo_messaging.MessageDeliveryFailure('broker down')]
        self.assertRaises(oslo_messaging.MessageDeliveryFailure,
                          self.sender.send_pending, self.ctx)
        self.outbox.remove.assert_called_once_with(self.ctx, [1])

    def test_the_backlog_is_trimmed_to_its_bound_while_failing(self):
        self.flags(notification_backlog_max=5)
        self.outbox.trim.return_value = 3
        self.outbox.pending.return_value = []
        logger = self.useFixture(fixtures.FakeLogger())
        self.sender.send_pending(self.ctx)
        # Only a backlog that cannot be sent grows.
        self.outbox.trim.assert_not_called()
        self.sender._failing = True
        self.sender.send_pending(self.ctx)
        self.outbox.trim.assert_called_once_with(self.ctx, 5)
        self.assertIn('Dropped the 3 oldest notifications', logger.output)

    def test_the_lease_is_renewed_at_half_its_time(self):
        self.outbox.pending.return_value = []
        clock = self.useFixture(fixtures.MockPatch(
            'time.monotonic', return_value=1000.0)).mock
        for _ in range(3):
            self.sender.send_pending(self.ctx)
        self.assertEqual(1, self.leases.acquire.call_count)
        clock.return_value += sender_module.LEASE_TIME / 2
        self.sender.send_pending(self.ctx)
        self.assertEqual(2, self.leases.acquire.call_count)
        # Lost to another process: asked again at the next look.
        self.leases.acquire.return_value = False
        clock.return_value += sender_module.LEASE_TIME
        self.assertFalse(self.sender.send_pending(self.ctx))
        self.assertFalse(self.sender.send_pending(self.ctx))
        self.assertEqual(4, self.leases.acquire.call_count)

    def test_other_drivers_get_the_same_message(self):
        self.flags(group='oslo_messaging_notifications',
                   driver=['log', 'noop'])
        driver = mock.Mock()
        manager = self.useFixture(fixtures.MockPatch(
            'stevedore.named.NamedExtensionManager')).mock
        manager.return_value = [mock.Mock(obj=driver)]
        manager.return_value[0].name = 'log'
        self.outbox.pending.return_value = [row(7)]
        self.sender.send_pending(self.ctx)
        self.assertEqual(['log'], manager.call_args.kwargs['names'])
        ctxt, message, priority, retry = driver.notify.call_args.args
        self.assertEqual(('msg-7', 'INFO', 0),
                         (message['message_id'], priority, retry))
        self.transport._send_notification.assert_not_called()


class TestEnsureRunning(base.TestCase):
    def setUp(self):
        super().setUp()
        self.addCleanup(sender_module.stop)
        self.started = self.useFixture(fixtures.MockPatchObject(
            sender_module.Sender, 'start')).mock

    def test_no_thread_without_notifications(self):
        self.assertIsNone(sender_module.ensure_running())
        self.started.assert_not_called()

    def test_one_sender_per_process(self):
        self.flags(group='oslo_messaging_notifications',
                   driver=['messagingv2'])
        with mock.patch.object(sender_module.Sender, 'alive',
                               return_value=True):
            first = sender_module.ensure_running()
            self.assertIs(first, sender_module.ensure_running())
            self.assertEqual(1, self.started.call_count)
            # A forked worker has another pid: it starts its own.
            first.pid -= 1
            self.assertIsNot(first, sender_module.ensure_running())
            self.assertEqual(2, self.started.call_count)
