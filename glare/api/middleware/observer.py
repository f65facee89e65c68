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

"""Each request measured once: one access log line, and the metrics.

Outermost in the pipeline, so it sees every answer, the fault layer's
errors included. A request is done when its answer's last byte is sent
(the WSGI server closes the response), so the duration and the bytes
of a download are the whole transfer's. A download the server sends
with ``sendfile`` (``wsgi.file_wrapper``) stays a file wrapper: its
bytes are its Content-Length.

The line, at INFO on the ``glare.access`` logger (JSON, with each value
under ``extra``, when ``use_json``)::

    127.0.0.1 "GET /artifacts/images?name=x HTTP/1.1" 200 1234 \
        0.012s in=0 request_id=req-... user=u1 project=p1 \
        route=/artifacts/{type_name}
"""

import time
import urllib.parse

from oslo_log import log

from glare.api.middleware import auth
from glare.api import router
from glare import context as glare_context
from glare import metrics

ACCESS_LOG = log.getLogger('glare.access')

_METHODS = frozenset(('GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE',
                      'OPTIONS'))
UNMATCHED = 'unmatched'


class CountingInput:
    """``wsgi.input`` that counts what the application reads of it."""

    def __init__(self, stream):
        self._stream = stream
        self.count = 0

    def _counted(self, data):
        self.count += len(data)
        return data

    def read(self, *args):
        return self._counted(self._stream.read(*args))

    def readline(self, *args):
        return self._counted(self._stream.readline(*args))

    def readlines(self, *args):
        lines = self._stream.readlines(*args)
        self.count += sum(len(line) for line in lines)
        return lines

    def __iter__(self):
        for line in self._stream:
            yield self._counted(line)

    def __getattr__(self, name):
        return getattr(self._stream, name)


class _CountedBody:
    """The response body, counted as it is sent; ``done`` once closed."""

    def __init__(self, body, done):
        self._body = body
        self._done = done
        self.count = 0

    def __iter__(self):
        for chunk in self._body:
            self.count += len(chunk)
            yield chunk

    def close(self):
        try:
            close = getattr(self._body, 'close', None)
            if close is not None:
                close()
        finally:
            self._done(self.count)


class Observer:
    def __init__(self, application):
        self.application = application

    def __call__(self, environ, start_response):
        started = time.monotonic()
        body_in = None
        if environ.get('wsgi.input') is not None:
            body_in = CountingInput(environ['wsgi.input'])
            environ['wsgi.input'] = body_in
        answer = {}

        def observed_start(status, headers, exc_info=None):
            answer['status'] = int(status.split(' ', 1)[0])
            for name, value in headers:
                if name.lower() == 'content-length' and value.isdigit():
                    answer['length'] = int(value)
            return start_response(status, headers, exc_info)

        def done(sent):
            self.record(environ, answer.get('status', 500), started,
                        body_in.count if body_in else 0, sent)

        try:
            body = self.application(environ, observed_start)
        except BaseException:
            done(0)
            raise
        if hasattr(body, 'filelike'):
            # wsgi.file_wrapper: the server sends it with sendfile when
            # it is still the object it made.
            close = body.close

            def close_and_record():
                try:
                    close()
                finally:
                    done(answer.get('length', 0))
            body.close = close_and_record
            return body
        return _CountedBody(body, done)

    @staticmethod
    def record(environ, status, started, received, sent):
        seconds = time.monotonic() - started
        match = environ.get(router.ENVIRON_KEY)
        route = match.route.template if match is not None and \
            match.route is not None else UNMATCHED
        method = environ.get('REQUEST_METHOD', '')
        label = method if method in _METHODS else 'other'
        families = metrics.families()
        families.requests.labels(route, label, str(status)).inc()
        families.duration.labels(route, label, str(status)).observe(seconds)
        if received:
            families.received.labels(route).inc(received)
        if sent:
            families.sent.labels(route).inc(sent)
        context = environ.get(auth.CONTEXT_KEY)
        fields = {
            'remote_addr': environ.get('REMOTE_ADDR') or '-',
            'method': method,
            'path': _request_uri(environ),
            'protocol': environ.get('SERVER_PROTOCOL') or '-',
            'status': status,
            'bytes_sent': sent,
            'bytes_received': received,
            'seconds': round(seconds, 6),
            'request_id': environ.get('openstack.request_id') or '-',
            'user_id': getattr(context, 'user_id', None) or '-',
            'project_id': getattr(context, 'project_id', None) or '-',
            'route': route,
        }
        if context is None:
            # Not the context the thread served before (oslo.log's
            # default): a public request has none of its own.
            context = glare_context.RequestContext(
                request_id=fields['request_id'], overwrite=False)
        ACCESS_LOG.info(
            '%(remote_addr)s "%(method)s %(path)s %(protocol)s" %(status)s '
            '%(bytes_sent)d %(seconds).3fs in=%(bytes_received)d '
            'request_id=%(request_id)s user=%(user_id)s '
            'project=%(project_id)s route=%(route)s', fields,
            context=context, **fields)


def _request_uri(environ):
    """The path and query as the client sent them."""
    raw = environ.get('RAW_URI') or environ.get('REQUEST_URI')
    if raw:
        return raw
    path = urllib.parse.quote(environ.get('SCRIPT_NAME', '') +
                              environ.get('PATH_INFO', ''))
    query = environ.get('QUERY_STRING')
    return path + ('?' + query if query else '')
