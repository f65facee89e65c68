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

"""``/healthcheck``: whether a load balancer should send requests here.

``GET /healthcheck`` needs no credentials and answers 200 ``OK`` when
the database and the default blob store answer, 503 otherwise (and 503
``DISABLED BY FILE`` while the drain file exists). ``?detail`` adds each
check with its latency and error, as JSON: for clients on a loopback
address, or with credentials that ``artifact:healthcheck_detail``
allows.
"""

from oslo_serialization import jsonutils
import webob

from glare.api.middleware import auth
from glare.api.middleware import fault
from glare.engine import health
from glare.policies import operations as operations_policy

_PLAIN = {
    health.OK: 'OK',
    health.DISABLED: 'DISABLED BY FILE',
}
# Seconds a load balancer might wait before asking again.
_RETRY_AFTER = '5'


def _detail_asked(environ):
    return 'detail' in webob.Request(environ).GET


def is_public(environ):
    """Plain answers for everyone; details for loopback clients only."""
    return not _detail_asked(environ) or auth.is_loopback(
        environ.get('REMOTE_ADDR'))


def show(request):
    detail = _detail_asked(request.environ)
    if detail and not is_public(request.environ):
        request.context.can(operations_policy.HEALTH_DETAIL)
    report = health.report()
    response = webob.Response(
        status=200 if report.status == health.OK else 503,
        headers={'Cache-Control': 'no-store'})
    if report.status != health.OK:
        response.headers['Retry-After'] = _RETRY_AFTER
        request.environ[fault.OWN_ERROR_BODY] = True
    if detail:
        response.content_type = 'application/json'
        response.text = jsonutils.dumps({
            'status': report.status,
            'checks': {result.name: {
                'ok': result.ok,
                'seconds': round(result.seconds, 4),
                'detail': result.detail,
                'cached': result.cached} for result in report.results}},
            indent=2, sort_keys=True)
    else:
        response.content_type = 'text/plain'
        response.text = _PLAIN.get(report.status) or 'UNAVAILABLE: %s' % (
            ', '.join(result.name for result in report.results
                      if not result.ok))
    return response
