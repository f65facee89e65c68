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

"""Notifications of artifact changes through oslo.messaging.

Event types are ``artifact.<action>`` (create, update, activate,
deactivate, reactivate, publish, upload, set_location, delete,
delete_blob, restore) and ``artifact.quota.<action>``. The driver is
oslo.messaging's ``[oslo_messaging_notifications] driver``: no driver
(the default) sends nothing. A notification that cannot be sent is
logged and never fails the request that caused it.
"""

import threading

from oslo_config import cfg
from oslo_log import log
import oslo_messaging

from glare.objects import fields as f

LOG = log.getLogger(__name__)
CONF = cfg.CONF

PUBLISHER = 'artifact'
# A broker that is down must not hold a request for long.
SEND_RETRIES = 2

_LOCK = threading.Lock()
_NOTIFIER = None


def _notifier():
    global _NOTIFIER
    with _LOCK:
        if _NOTIFIER is None:
            transport = oslo_messaging.get_notification_transport(CONF)
            _NOTIFIER = oslo_messaging.Notifier(
                transport, publisher_id=PUBLISHER, retry=SEND_RETRIES)
        return _NOTIFIER


def reset():
    """Forget the notifier (tests, and after configuration changes)."""
    global _NOTIFIER
    with _LOCK:
        _NOTIFIER = None


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
    """Send ``artifact.<action>``; never raises."""
    if not enabled():
        return
    try:
        _notifier().info(context.to_dict(), 'artifact.%s' % action, payload)
    except Exception:
        LOG.exception('Could not send the artifact.%s notification', action)


def artifact_event(context, action, artifact, **extra):
    payload = artifact_payload(artifact)
    payload.update(extra)
    notify(context, action, payload)
