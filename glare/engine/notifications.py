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

"""Notifications of artifact changes, recorded with the change.

Event types are ``artifact.<action>`` (create, update, activate,
deactivate, reactivate, publish, upload, set_location, delete,
delete_blob, restore) and ``artifact.quota.<action>``. When oslo.messaging's
``[oslo_messaging_notifications] driver`` is set (none, the default, sends
nothing), ``notify`` writes the notification to the outbox table in the
caller's transaction (``glare.db.api.transaction``): it exists exactly when
the change was committed, and a request never waits for the broker.
glare.engine.notification_sender delivers the outbox in the background.
"""

import socket
import threading
import uuid

from oslo_config import cfg

from glare.db import outbox
from glare.objects import fields as f

CONF = cfg.CONF

# Publisher ids are ``artifact.<host>``, OpenStack's ``service.host``.
PUBLISHER = 'artifact'

# Set whenever this process commits a notification: the sender thread
# (glare.engine.notification_sender) wakes up and sends it at once.
recorded = threading.Event()


def publisher_id():
    """``artifact.<host>``: the host of the process that sends."""
    return '%s.%s' % (PUBLISHER, socket.gethostname())


def enabled():
    """True when a driver other than noop is configured."""
    drivers = CONF.oslo_messaging_notifications.driver or ()
    return bool(set(drivers) - {'noop'})


def artifact_payload(artifact):
    return {
        'id': artifact.id,
        'type_name': artifact.get_type_name(),
        'name': artifact.name,
        'version': artifact.version,
        'owner': artifact.owner,
        'visibility': artifact.visibility,
        'status': artifact.status,
        'created_at': f.format_datetime(artifact.created_at),
        'updated_at': f.format_datetime(artifact.updated_at),
        'activated_at': f.format_datetime(artifact.activated_at),
    }


def notify(context, action, payload):
    """Record ``artifact.<action>`` in the caller's transaction."""
    if not enabled():
        return
    outbox.add(context, str(uuid.uuid4()), 'artifact.%s' % action, payload,
               _sendable(context), after_commit=recorded.set)


def _sendable(context):
    """The request context without its credentials (no tokens)."""
    return context.redacted_copy(anonymous=context.anonymous).to_dict()


def artifact_event(context, action, artifact, **extra):
    payload = artifact_payload(artifact)
    payload.update(extra)
    notify(context, action, payload)
