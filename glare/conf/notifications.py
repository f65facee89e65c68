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

"""Notification options: oslo.messaging's own, and the outbox's.

glare sends ``artifact.*`` notifications when
``[oslo_messaging_notifications] driver`` is set (e.g. ``messagingv2``)
to ``transport_url`` (or ``[oslo_messaging_notifications]
transport_url``). Those options are oslo.messaging's; the sample config
lists them under the ``oslo.messaging`` namespace. glare's own say how
the outbox that holds notifications until the broker has them is sent
and how large it may grow.
"""

from oslo_config import cfg
import oslo_messaging
from oslo_messaging import opts as messaging_opts

# Notifications go to this exchange unless control_exchange says otherwise.
EXCHANGE = 'glare'

opts = [
    cfg.IntOpt('notification_backlog_max', default=100000, min=1,
               help='Most notifications kept waiting while the broker '
                    'cannot be reached. Beyond it the oldest are dropped, '
                    'with a warning in the log; glare-status upgrade check '
                    'warns as the backlog nears it.'),
    cfg.FloatOpt('notification_poll_interval', default=1.0, min=0.05,
                 help='Seconds between looks at the notification outbox '
                      'by the process that sends it. A process sends the '
                      'notifications it records itself at once; those '
                      'other API processes record wait up to this long.'),
    cfg.FloatOpt('notification_retry_interval_max', default=10.0,
                 min=0.05,
                 help='Longest wait, in seconds, between two attempts to '
                      'reach a broker that is down. Attempts start after '
                      'notification_poll_interval and double up to it.'),
]


def register_opts(conf):
    oslo_messaging.set_transport_defaults(EXCHANGE)
    for group, messaging in messaging_opts.list_opts():
        if group in (None, 'oslo_messaging_notifications'):
            conf.register_opts(messaging, group=group)
    conf.register_opts(opts)


def list_opts():
    return {'DEFAULT': opts}
