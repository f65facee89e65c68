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

"""Negotiates the API microversion of each request.

Puts ``(major, minor)`` in ``environ['glare.api_version']`` and answers
every response, errors included, with the version it was served at.
"""

import microversion_parse
import webob.dec

from glare.api import errors
from glare.api import microversion as mv


class MicroversionMiddleware:
    def __init__(self, application):
        self.application = application

    @webob.dec.wsgify
    def __call__(self, req):
        try:
            version = self._requested(req)
        except ValueError:
            resp = errors.response(
                400, 'Invalid %s header %r: expected "%s X.Y" or "%s '
                     'latest".' % (mv.HEADER, req.headers.get(mv.HEADER),
                                   mv.SERVICE_TYPE, mv.SERVICE_TYPE),
                'BadRequest', req.environ.get('openstack.request_id'),
                error_code='InvalidMicroversion')
            return self._stamp(resp, mv.min_version())
        if not mv.min_version() <= version <= mv.max_version():
            resp = errors.response(
                406, 'Version %s is not supported; this service supports '
                     '%s to %s.' % (mv.format_version(version),
                                    mv.MIN_VERSION, mv.MAX_VERSION),
                # Glare's name for it.
                'InvalidGlobalAPIVersion',
                req.environ.get('openstack.request_id'),
                error_code='VersionNotSupported')
            body = resp.json_body
            body.update(min_version=mv.MIN_VERSION,
                        max_version=mv.MAX_VERSION)
            resp.json_body = body
            return self._stamp(resp, mv.min_version())
        req.environ[mv.ENVIRON_KEY] = version
        return self._stamp(req.get_response(self.application), version)

    @staticmethod
    def _requested(req):
        text = microversion_parse.get_version(
            req.headers, service_type=mv.SERVICE_TYPE)
        accept = req.headers.get('Accept', '')
        if text is None and accept.startswith(mv.MEDIA_TYPE_PREFIX):
            # Glare's other way to ask: Accept: <media type of X.Y>.
            text = accept[len(mv.MEDIA_TYPE_PREFIX):].split(',')[0]
        if text is None:
            return mv.min_version()
        if text.strip() == 'latest':
            return mv.max_version()
        return mv.parse(text)

    @staticmethod
    def _stamp(resp, version):
        resp.headers[mv.HEADER] = '%s %s' % (mv.SERVICE_TYPE,
                                             mv.format_version(version))
        vary = resp.headers.get('Vary')
        resp.headers['Vary'] = mv.HEADER if not vary else \
            '%s, %s' % (vary, mv.HEADER)
        return resp
