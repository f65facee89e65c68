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

"""Notification options: oslo.messaging's own, registered up front.

glare sends ``artifact.*`` notifications when
``[oslo_messaging_notifications] driver`` is set (e.g. ``messagingv2``)
to ``transport_url`` (or ``[oslo_messaging_notifications]
transport_url``). The options are oslo.messaging's; the sample config
lists them under the ``oslo.messaging`` namespace.
"""

import oslo_messaging
from oslo_messaging import opts as messaging_opts

# Notifications go to this exchange unless control_exchange says otherwise.
EXCHANGE = 'glare'


def register_opts(conf):
    oslo_messaging.set_transport_defaults(EXCHANGE)
    for group, opts in messaging_opts.list_opts():
        if group in (None, 'oslo_messaging_notifications'):
            conf.register_opts(opts, group=group)
