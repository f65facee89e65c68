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

"""``/metrics``: the Prometheus metrics of every API process of the host.

For clients on a loopback address (a Prometheus agent on the API host)
without credentials, and for others whose credentials
``artifact:metrics`` allows (admins). doc/source/operations.rst lists
the families.
"""

import webob

from glare.api.middleware import auth
from glare.engine import health
from glare import metrics
from glare.policies import operations as operations_policy


def is_public(environ):
    return auth.is_loopback(environ.get('REMOTE_ADDR'))


def show(request):
    if not is_public(request.environ):
        request.context.can(operations_policy.METRICS)
    health.record_scrubber_backlog()
    body, content_type = metrics.render()
    response = webob.Response(body=body, headers={
        'Cache-Control': 'no-store'})
    response.headers['Content-Type'] = content_type
    return response
