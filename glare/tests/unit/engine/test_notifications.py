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

"""Notification payloads, and that sending never breaks a request."""

from unittest import mock

from glare.artifact_types import images
from glare import context
from glare.engine import notifications
from glare.tests import base


class TestNotifications(base.TestCase):
    def setUp(self):
        super().setUp()
        notifications.reset()
        self.addCleanup(notifications.reset)
        self.ctx = context.RequestContext(user_id='u', project_id='p',
                                          roles=['member'])

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

    def test_nothing_is_sent_without_a_driver(self):
        self.assertFalse(notifications.enabled())
        self.flags(group='oslo_messaging_notifications', driver=['noop'])
        notifications.reset()
        self.assertFalse(notifications.enabled())

    def test_a_broken_broker_never_fails_the_caller(self):
        self.flags(group='oslo_messaging_notifications',
                   driver=['messagingv2'])
        notifier = notifications._notifier()
        with mock.patch.object(notifier, 'info',
                               side_effect=RuntimeError('broker down')):
            with self.assertLogs('glare.engine.notifications') as logs:
                notifications.notify(self.ctx, 'create', {'id': 'x'})
        self.assertIn('artifact.create', logs.output[0])
