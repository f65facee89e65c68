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

"""Notifications reach a real RabbitMQ broker.

Uses the machine's RabbitMQ (``GLARE_TEST_RABBIT_URL``, default
rabbit://guest:guest@127.0.0.1:5672/); a real oslo.messaging notification
listener receives what glare sends.
"""

import os
import queue
import time
import uuid

from oslo_config import cfg
import oslo_messaging

from glare.engine import notifications
from glare.tests.functional import base

RABBIT_URL = os.environ.get('GLARE_TEST_RABBIT_URL',
                            'rabbit://guest:guest@127.0.0.1:5672/')


class Collector:
    def __init__(self):
        self.received = queue.Queue()

    def info(self, ctxt, publisher_id, event_type, payload, metadata):
        self.received.put((publisher_id, event_type, payload, ctxt))


class TestNotifications(base.ApiTestCase):
    def setUp(self):
        super().setUp()
        self.topic = 'glare-test-%s' % uuid.uuid4().hex
        self.flags(group='oslo_messaging_notifications',
                   driver=['messagingv2'], topics=[self.topic],
                   transport_url=RABBIT_URL)
        notifications.reset()
        self.addCleanup(notifications.reset)
        transport = oslo_messaging.get_notification_transport(
            cfg.CONF, url=RABBIT_URL)
        self.addCleanup(transport.cleanup)
        self.collector = Collector()
        listener = oslo_messaging.get_notification_listener(
            transport, [oslo_messaging.Target(topic=self.topic)],
            [self.collector], executor='threading')
        listener.start()
        self.addCleanup(listener.wait)
        self.addCleanup(listener.stop)

    def events(self, count, timeout=20):
        got = []
        deadline = time.monotonic() + timeout
        while len(got) < count and time.monotonic() < deadline:
            try:
                got.append(self.collector.received.get(timeout=0.5))
            except queue.Empty:
                continue
        return got

    def test_lifecycle_sends_each_event_with_the_artifact(self):
        art = self.create(name='ubuntu', version='2.0',
                          container_format='bare', disk_format='qcow2')
        self.update(art, [{'op': 'replace', 'path': '/description',
                           'value': 'x'}])
        self.set_status(art, 'active')
        self.update(art, [{'op': 'replace', 'path': '/visibility',
                           'value': 'public'}], token=base.ADMIN)
        self.set_status(art, 'deactivated', token=base.ADMIN)
        self.set_status(art, 'active', token=base.ADMIN)
        self.delete('/artifacts/images/%s' % art['id'], token=base.ADMIN)
        events = self.events(7)
        self.assertEqual(
            ['artifact.create', 'artifact.update', 'artifact.activate',
             'artifact.publish', 'artifact.deactivate',
             'artifact.reactivate', 'artifact.delete'],
            [event_type for _, event_type, _, _ in events])
        publisher, _, payload, _ = events[0]
        self.assertEqual('artifact', publisher)
        self.assertEqual({
            'id': art['id'], 'type_name': 'images', 'name': 'ubuntu',
            'version': '2.0.0', 'owner': 'project1',
            'visibility': 'private', 'status': 'drafted',
            'created_at': art['created_at'],
            'updated_at': art['updated_at'], 'activated_at': None},
            payload)
        self.assertEqual('public', events[3][2]['visibility'])
        self.assertEqual('deactivated', events[4][2]['status'])

    def test_failed_requests_send_nothing(self):
        self.post('/artifacts/images', {'name': 'x', 'min_ram': 'lots'})
        self.create(name='marker')
        [(_, event_type, payload, _)] = self.events(1)
        self.assertEqual('artifact.create', event_type)
        self.assertEqual('marker', payload['name'])
