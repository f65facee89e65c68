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

"""The gunicorn worker ``glare-api`` serves with.

gunicorn's gthread worker gives a connection to one of its threads as
soon as a byte arrives, and the thread then blocks until the rest of the
request head is there: as many clients as threads, each sending half a
request line, stop the worker for everyone. This worker keeps gthread
(threads for the application, ``sendfile`` for ``wsgi.file_wrapper``,
gunicorn's processes and graceful stop) and changes what a client can
hold:

- The request head is read by the worker's event loop, without
  blocking, and a thread is only given a connection whose head is
  complete. A client has some seconds from connecting (or
  from the first byte of its next request on a kept-alive connection) to
  send the whole head (``client_header_timeout``); then the connection
  is closed. Waiting connections
  cost a file descriptor, not a thread.
- While a thread serves a request, a client that sends no more of the
  body, or takes no more of the response, for ``client_data_timeout``
  seconds loses the connection; a body cut off that way or malformed
  reaches the application as glare's 408 or 400.
- What gunicorn refuses itself (a request line over 8190 bytes, headers
  too large or too many, bad framing) is answered with glare's JSON error
  body, not gunicorn's HTML page.

Idle kept-alive connections are closed after ``client_idle_timeout``.
"""

import errno
import functools
import re
import selectors
import socket
import time
import uuid

from gunicorn.http import errors as http_errors
from gunicorn import util
from gunicorn.workers import gthread
from oslo_config import cfg
from oslo_serialization import jsonutils

from glare.api import errors
from glare.api import ranges
from glare.conf import api as api_opts
from glare import exception
from glare import wsgi
from glare.wsgi import body

# Longest request line gunicorn accepts (its maximum): Glare 5.0.1 took
# 8 KiB request lines too, and long filter queries need them.
LIMIT_REQUEST_LINE = 8190
_HEAD_READ = 65536
# How long a thread that answered a kept-alive request waits for the
# next one on the same connection before it hands the connection back to
# the event loop. Clients that send requests back to back skip a round
# trip through the loop (two thread switches and a wake-up pipe) per
# request; a thread is held at most this long for nothing.
LINGER = 0.005
_ERROR_STATUS = (
    (http_errors.LimitRequestLine, 414),
    (http_errors.LimitRequestHeaders, 431),
    (http_errors.UnsupportedTransferCoding, 501),
    (http_errors.ExpectationFailed, 417),
    (http_errors.ForbiddenProxyRequest, 403),
    # A header the application tried to send: the server's fault.
    (http_errors.InvalidResponseHeader, 500),
    (http_errors.InvalidResponseHeaderName, 500),
    (http_errors.ConfigurationProblem, 500),
    (http_errors.ParseException, 400),
)


def head_complete(head, searched_from=0):
    """Whether ``head`` holds a whole request head (a blank line)."""
    start = max(0, searched_from - 3)
    return head.find(b'\r\n\r\n', start) >= 0 or \
        head.find(b'\n\n', start) >= 0


def error_status(exc):
    for kind, status in _ERROR_STATUS:
        if isinstance(exc, kind):
            return status
    return 500


def error_message(status, exc):
    if status == 414:
        return ('The request line (method, path and query) is longer than '
                'the %d bytes allowed.' % LIMIT_REQUEST_LINE)
    if status == 431:
        return 'The request headers are too large: %s.' % exc
    if status == 500:
        return 'The server failed to complete the request.'
    return 'The request is not valid HTTP: %s.' % exc


def error_response(status, message):
    """The raw HTTP response of an error gunicorn answers itself."""
    request_id = 'req-%s' % uuid.uuid4()
    title = errors.title(status)
    body = jsonutils.dump_as_bytes(errors.body(
        status, message, re.sub(r'\W', '', title), request_id))
    head = ('HTTP/1.1 %d %s\r\nConnection: close\r\n'
            'Content-Type: application/json\r\nContent-Length: %d\r\n'
            'X-OpenStack-Request-ID: %s\r\n\r\n' % (
                status, title, len(body), request_id))
    return head.encode('latin-1') + body


class ClientInput:
    """``wsgi.input`` whose failures are glare errors the API can answer.

    gunicorn raises its own parse errors for a malformed chunked body,
    ``NoMoreData`` for a body cut short and a socket timeout for one that
    stalls; the application would report any of them as a 500.
    """

    def __init__(self, stream, timeout):
        self._stream = stream
        self._timeout = timeout

    def _call(self, method, *args):
        try:
            return method(*args)
        except http_errors.NoMoreData:
            raise exception.BadRequest(
                'The request body ended before its declared length.')
        except http_errors.ParseException as exc:
            raise exception.BadRequest(
                'The request body is not valid HTTP: %s.' % exc)
        except socket.timeout:
            raise exception.RequestTimeout(
                'The client sent no more of the request body for %s '
                'seconds.' % self._timeout)

    def read(self, size=None):
        return self._call(self._stream.read, size)

    def readline(self, size=None):
        return self._call(self._stream.readline, size)

    def readlines(self, hint=None):
        return self._call(self._stream.readlines, hint)

    def __iter__(self):
        return iter(self.readline, b'')


def guard_application(application, data_timeout):
    """Bound the time a client may stall the request being served.

    Bodies of known length are read with ``glare.wsgi.body``.
    """

    def guarded(environ, start_response):
        client = environ.get('gunicorn.socket')
        if client is not None:
            client.settimeout(data_timeout)
        environ['wsgi.input'] = ClientInput(
            body.LengthBody.wrap(environ['wsgi.input']), data_timeout)
        # gunicorn sends a file from where it is positioned, up to the
        # Content-Length: ranges of stored files go out with sendfile too.
        environ[ranges.FILE_WRAPPER_SEEKS] = True
        return application(environ, start_response)
    return guarded


def configuration():
    """glare's client timeouts, from the files the application reads.

    For a gunicorn started with its own command line; ``glare-api``
    hands its parsed configuration to the workers instead.
    """
    conf = cfg.ConfigOpts()
    api_opts.register_opts(conf)
    conf(args=[], project='glare',
         default_config_files=wsgi.config_files())
    return conf


class Worker(gthread.ThreadWorker):
    """gthread whose threads only ever serve complete request heads.

    gthread's ``pending_conns`` (connections the poller watches until a
    deadline) hold the connections whose head is still arriving. The
    ``client_*_timeout`` options come from the gunicorn application's
    ``conf`` (``glare.cmd.api.Server``) or else from glare's
    configuration files.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        conf = getattr(self.app, 'conf', None) or configuration()
        self.header_timeout = conf.client_header_timeout
        self.data_timeout = conf.client_data_timeout
        self.cfg.set('keepalive', conf.client_idle_timeout)
        # Past this a head is refused by the parser rather than awaited.
        self.max_head = (self.cfg.limit_request_line + 2 +
                         (self.cfg.limit_request_field_size + 2) *
                         (self.cfg.limit_request_fields + 1))

    def load_wsgi(self):
        super().load_wsgi()
        self.wsgi = guard_application(self.wsgi, self.data_timeout)

    # -- the head phase, in the event loop --------------------------------

    def accept(self, listener):
        try:
            client, address = listener.accept()
        except OSError as exc:
            if exc.errno in (errno.EAGAIN, errno.ECONNABORTED,
                             errno.EWOULDBLOCK):
                return
            raise
        self.nr_conns += 1
        conn = gthread.TConn(self.cfg, client, address,
                             listener.getsockname())
        self._await_head(conn, b'')

    def on_client_socket_readable(self, conn, client):
        """A kept-alive connection starts its next request."""
        self.poller.unregister(client)
        self.keepalived_conns.remove(conn)
        conn.head = bytearray()
        # It is readable: read now rather than after another poll.
        complete = self._read_head(conn)
        if complete is None:
            self._watch_head(conn)
        else:
            self._leave_loop(conn, complete)

    def on_pending_socket_readable(self, conn, client):
        complete = self._read_head(conn)
        if complete is not None:
            self.poller.unregister(client)
            self.pending_conns.remove(conn)
            self._leave_loop(conn, complete)

    def _read_head(self, conn):
        """Whether the head is complete now; None while more is due.

        False: the client closed the connection (or it failed).
        """
        try:
            data = conn.sock.recv(_HEAD_READ)
        except (BlockingIOError, InterruptedError):
            return None
        except OSError:
            return False
        if not data:
            return False
        searched = len(conn.head)
        conn.head += data
        if head_complete(conn.head, searched) or \
                len(conn.head) > self.max_head:
            return True
        return None

    def _leave_loop(self, conn, complete):
        if complete:
            self.enqueue_req(conn)
        else:
            self.nr_conns -= 1
            conn.close()

    def wait_for_and_dispatch_events(self, timeout):
        # gthread polls for up to a second; wake up when the first head
        # is due, so that a late client is closed on time.
        if self.pending_conns:
            timeout = min(timeout, max(
                0.0, self.pending_conns[0].timeout - time.monotonic()))
        super().wait_for_and_dispatch_events(timeout)

    def _cap_keepalive(self, deadline):
        # A stopping worker: heads still arriving get as long as kept-alive
        # connections do, not the whole header timeout.
        super()._cap_keepalive(deadline)
        for conn in self.pending_conns:
            conn.timeout = min(conn.timeout, deadline)

    def _await_head(self, conn, head):
        conn.head = bytearray(head)
        if head_complete(conn.head):
            self.enqueue_req(conn)
        else:
            self._watch_head(conn)

    def _watch_head(self, conn):
        conn.sock.setblocking(False)
        conn.timeout = time.monotonic() + self.header_timeout
        self.pending_conns.append(conn)
        self.poller.register(conn.sock, selectors.EVENT_READ,
                             functools.partial(
                                 self.on_pending_socket_readable, conn))

    # -- in a thread ------------------------------------------------------

    def handle(self, conn):
        keepalive = self._serve(conn)
        # A client that sends its next request right away has it served
        # by this thread, without the round trip through the event loop.
        while keepalive is True and self.alive:
            complete = self._next_head(conn)
            if complete is not True:
                return keepalive if complete is None else False
            keepalive = self._serve(conn)
        return keepalive

    def _serve(self, conn):
        """One request whose head is in ``conn.head``."""
        # The head is here: gthread must not wait for data in the thread.
        conn.data_ready = True
        head, conn.head = conn.head, None
        try:
            conn.init()
        except Exception as exc:
            self.handle_error(None, conn.sock, conn.client, exc)
            return False
        if head:
            conn.parser.unreader.unread(bytes(head))
        return super().handle(conn)

    def _next_head(self, conn):
        """Wait up to ``LINGER`` for the next head on a kept-alive connection.

        True with a complete head in ``conn.head``; None with what came
        of it (maybe nothing) for the event loop; False when the client
        closed the connection.
        """
        head = bytearray(conn.parser.unreader.take_buffered())
        deadline = time.monotonic() + LINGER
        searched = 0
        while not head_complete(head, searched) and \
                len(head) <= self.max_head:
            left = deadline - time.monotonic()
            if left <= 0:
                break
            conn.sock.settimeout(left)
            try:
                data = conn.sock.recv(_HEAD_READ)
            except socket.timeout:
                break
            except OSError:
                return False
            if not data:
                return False
            searched = len(head)
            head += data
        conn.head = head
        if head_complete(head) or len(head) > self.max_head:
            return True
        return None

    def finish_request(self, conn, fs):
        """After a kept-alive answer: part of the next head may be here."""
        if not fs.cancelled() and fs.exception() is None \
                and fs.result() is True and conn.head:
            if self.alive:
                self._await_head(conn, conn.head)
                return
            # Stopping: gthread serves what is buffered, then closes.
            conn.parser.unreader.unread(bytes(conn.head))
            conn.head = None
        super().finish_request(conn, fs)

    def handle_error(self, req, client, addr, exc):
        status = error_status(exc)
        if status >= 500:
            self.log.exception('Error handling request')
        else:
            self.log.warning('Invalid request from %s: %s', addr and
                             addr[0], exc)
        try:
            util.write_nonblock(client, error_response(
                status, error_message(status, exc)))
        except Exception:
            self.log.debug('Failed to send the error response.')
