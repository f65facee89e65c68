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

"""Notification payloads, and what is recorded in the outbox."""

from unittest import mock

from glare.artifact_types import images
from glare import context
from glare.engine import notifications
from glare.tests import base


class TestNotifications(base.TestCase):
    def setUp(self):
        super().setUp()
        self.ctx = context.RequestContext(
            user_id='u', project_id='p', roles=['member'],
            auth_token='secret-token', request_id='req-1')
        patcher = mock.patch.object(notifications.outbox, 'add')
        self.add = patcher.start()
        self.addCleanup(patcher.stop)

    def test_payload_describes_the_artifact(self):
        art = images.Image.new(self.ctx, {'name': 'ubuntu',
                                          'version': '1.2.0'})
        payload = notifications.artifact_payload(art)
        self.assertEqual({'id', 'type_name', 'name', 'version', 'owner',
                          'visibility', 'status', 'created_at',
                          'updated_at', 'activated_at'}, set(payload))
        self.assertEqual(('images', 'ubuntu', '1.2.0', 'p', 'drafted'),
                         (payload['type_name'], payload['name'],
                          payload['version'], payload['owner'],
                          payload['status']))
        self.assertIsNone(payload['activated_at'])
        self.assertTrue(payload['created_at'].endswith('Z'))

    def test_nothing_is_recorded_without_a_driver(self):
        self.assertFalse(notifications.enabled())
        notifications.notify(self.ctx, 'create', {'id': 'x'})
        self.flags(group='oslo_messaging_notifications', driver=['noop'])
        self.assertFalse(notifications.enabled())
        notifications.notify(self.ctx, 'create', {'id': 'x'})
        self.add.assert_not_called()

    def test_recorded_with_an_id_and_no_credentials(self):
        self.flags(group='oslo_messaging_notifications',
                   driver=['messagingv2'])
        notifications.notify(self.ctx, 'create', {'id': 'x'})
        notifications.notify(self.ctx, 'create', {'id': 'y'})
        first, second = self.add.call_args_list
        ctx, message_id, event_type, payload, sent_context = first.args
        self.assertIs(self.ctx, ctx)
        self.assertEqual('artifact.create', event_type)
        self.assertEqual({'id': 'x'}, payload)
        self.assertEqual(36, len(message_id))
        self.assertNotEqual(message_id, second.args[1])
        self.assertEqual(('u', 'p', 'req-1'), (
            sent_context['user'], sent_context['project_id'],
            sent_context['request_id']))
        self.assertNotIn('secret-token', str(sent_context))
        # Committing wakes this process's sender.
        self.assertEqual(notifications.recorded.set,
                         first.kwargs['after_commit'])
