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

"""Turns every failure inside the API into the JSON error body.

Domain exceptions carry their status; an outage of the database or the
blob store is a 503 with Retry-After; anything else is logged with its
traceback and answered with a plain 500. Error responses made by other
layers (Pecan's 404/405, keystonemiddleware) are rewritten into the same
shape when they are not JSON already.
"""

from oslo_log import log
import webob.dec
import webob.exc

from glare.api import errors
from glare import exception
from glare import metrics

LOG = log.getLogger(__name__)

# Set in the environ by a handler whose error response is its own answer
# (the health check's plain 503 for load balancers), not to be rewritten.
OWN_ERROR_BODY = 'glare.own_error_body'

_GENERIC = {
    404: ('The resource could not be found.', 'NotFound'),
    405: ('The method is not allowed for this resource.',
          'MethodNotAllowed'),
}


def _request_id(req):
    return req.environ.get('openstack.request_id')


class FaultWrapper:
    def __init__(self, application):
        self.application = application

    @webob.dec.wsgify
    def __call__(self, req):
        try:
            resp = req.get_response(self.application)
        except exception.ServiceUnavailable as exc:
            return self._unavailable(req, exc, exc)
        except exception.GlareException as exc:
            _count_quota_refusal(exc)
            if exc.code >= 500:
                LOG.exception('Request %s %s failed', req.method, req.path)
            return errors.response(exc.code, exc.msg, exc.error_type,
                                   _request_id(req), exc.headers,
                                   exc.error_code)
        except webob.exc.HTTPException as exc:
            return self._rewrite(req, exc)
        except Exception as exc:
            unavailable = exception.outage(exc)
            if unavailable is not None:
                return self._unavailable(req, unavailable, exc)
            LOG.exception('Unexpected error in %s %s', req.method, req.path)
            return errors.response(
                500, 'The server failed to complete the request; the '
                     'error is logged with request id %s.' % _request_id(req),
                'InternalServerError', _request_id(req))
        if resp.status_int >= 400 and not req.environ.get(OWN_ERROR_BODY):
            return self._rewrite(req, resp)
        return resp

    @staticmethod
    def _unavailable(req, exc, cause):
        """503 with Retry-After: an outage of the database or the store.

        Logged in one line: the cause, not a traceback, since nothing in
        glare failed.
        """
        LOG.warning('%s %s answered 503: %s', req.method, req.path,
                    str(cause).strip().splitlines()[0] if str(cause).strip()
                    else type(cause).__name__)
        return errors.response(exc.code, exc.msg, exc.error_type,
                               _request_id(req), exc.headers)

    def _rewrite(self, req, resp):
        code = resp.status_int
        message, error_type = _GENERIC.get(
            code, (getattr(resp, 'explanation', None) or
                   errors.title(code), errors.title(code).replace(' ', '')))
        if resp.content_type == 'application/json':
            other = _foreign_json_message(resp)
            if other is None:
                return resp
            # keystonemiddleware's {"error": {"message": ...}}.
            message = other
        if code == 405:
            message = 'Method %s is not allowed for %s.' % (
                req.method, req.path)
        headers = {}
        for name in ('Allow', 'WWW-Authenticate', 'Location'):
            if name in resp.headers:
                headers[name] = resp.headers[name]
        return errors.response(code, message, error_type, _request_id(req),
                               headers)


def _count_quota_refusal(exc):
    if isinstance(exc, exception.DataQuotaExceeded):
        metrics.families().quota_refusals.labels('data').inc()
    elif isinstance(exc, exception.QuotaExceeded):
        metrics.families().quota_refusals.labels('count').inc()


def _foreign_json_message(resp):
    """The message of keystonemiddleware's JSON error body, else None.

    Its 401 is ``{"error": {"code", "title", "message"}}``; other JSON
    error bodies are left as they are.
    """
    try:
        body = resp.json_body
    except ValueError:
        return None
    if not isinstance(body, dict) or set(body) != {'error'}:
        return None
    error = body['error']
    if isinstance(error, dict) and set(error) == {'code', 'title',
                                                  'message'}:
        return error['message']
    return None
