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

"""A TCP proxy in front of a real server that fails on purpose.

Clients talk to ``FaultyProxy.url`` and the bytes go to and from the
server unchanged, until a rule matches a request: the next request whose
first packet holds a fragment (e.g. ``'/image HTTP/1.1'``) gets its
answer cut (both connections closed after so many bytes of the answer),
stalled (the bytes stop coming but the connection stays open, as when a
network path dies) or replaced by an error status the server never sees.
Each rule applies once.
"""

import socket
import threading

import fixtures

_CHUNK = 64 * 1024
_REASONS = {502: 'Bad Gateway', 503: 'Service Unavailable',
            504: 'Gateway Timeout'}


class _Rule:
    def __init__(self, fragment, kind, value):
        self.fragment = fragment.encode()
        self.kind = kind
        self.value = value


class FaultyProxy(fixtures.Fixture):
    """Forward ``127.0.0.1:<port>`` to ``upstream_url`` (http only)."""

    def __init__(self, upstream_url):
        super().__init__()
        host, port = upstream_url[len('http://'):].rstrip('/').rsplit(':', 1)
        self.upstream = (host, int(port))
        self._rules = []
        self._lock = threading.Lock()
        self._stopped = threading.Event()
        self._sockets = []
        # What the proxy saw: ``(fragment, kind)`` of each rule applied.
        self.applied = []

    def _setUp(self):
        self._listener = socket.create_server(('127.0.0.1', 0))
        self.url = 'http://127.0.0.1:%d' % self._listener.getsockname()[1]
        self._sockets.append(self._listener)
        thread = threading.Thread(target=self._accept, daemon=True)
        thread.start()
        self.addCleanup(self._stop)

    def cut(self, fragment, after):
        """Close the connection after ``after`` bytes of the answer."""
        self._add(_Rule(fragment, 'cut', after))

    def stall(self, fragment, after):
        """Stop passing the answer on after ``after`` bytes."""
        self._add(_Rule(fragment, 'stall', after))

    def answer(self, fragment, status):
        """Answer ``status`` (502, 503, 504) instead of the server."""
        self._add(_Rule(fragment, 'status', status))

    def _add(self, rule):
        with self._lock:
            self._rules.append(rule)

    def _take_rule(self, data):
        with self._lock:
            for rule in self._rules:
                if rule.fragment in data:
                    self._rules.remove(rule)
                    self.applied.append((rule.fragment.decode(),
                                         rule.kind))
                    return rule
        return None

    def _stop(self):
        self._stopped.set()
        for sock in list(self._sockets):
            _close(sock)

    def _accept(self):
        while not self._stopped.is_set():
            try:
                client, _address = self._listener.accept()
            except OSError:
                return
            threading.Thread(target=self._serve, args=(client,),
                             daemon=True).start()

    def _serve(self, client):
        try:
            upstream = socket.create_connection(self.upstream, timeout=30)
        except OSError:
            _close(client)
            return
        upstream.settimeout(None)
        self._sockets.extend((client, upstream))
        answer = _Answer()
        threading.Thread(target=self._answers, args=(upstream, client,
                                                     answer),
                         daemon=True).start()
        self._requests(client, upstream, answer)

    def _requests(self, client, upstream, answer):
        """Client to server; a request that matches a rule arms it."""
        while not self._stopped.is_set():
            try:
                data = client.recv(_CHUNK)
            except OSError:
                break
            if not data:
                break
            rule = self._take_rule(data)
            if rule is not None and rule.kind == 'status':
                client.sendall(
                    ('HTTP/1.1 %d %s\r\nContent-Length: 0\r\n'
                     'Connection: close\r\n\r\n' % (
                         rule.value, _REASONS[rule.value])).encode())
                break
            if rule is not None:
                answer.arm(rule)
            try:
                upstream.sendall(data)
            except OSError:
                break
        _close(client)
        _close(upstream)

    def _answers(self, upstream, client, answer):
        """Server to client, cut or stalled as an armed rule says."""
        while not self._stopped.is_set():
            try:
                data = upstream.recv(_CHUNK)
            except OSError:
                break
            if not data:
                break
            data, fault = answer.passing(data)
            try:
                client.sendall(data)
            except OSError:
                break
            if fault == 'cut':
                break
            if fault == 'stall':
                # Hold both connections open, silent, until the end.
                self._stopped.wait()
                break
        _close(client)
        _close(upstream)


class _Answer:
    """Counts an armed rule's bytes on the way back."""

    def __init__(self):
        self.rule = None
        self.left = None

    def arm(self, rule):
        self.rule = rule
        self.left = rule.value

    def passing(self, data):
        """``(bytes to pass on, fault to apply after them or None)``."""
        if self.rule is None:
            return data, None
        if len(data) < self.left:
            self.left -= len(data)
            return data, None
        kind, self.rule = self.rule.kind, None
        return data[:self.left], kind


def _close(sock):
    try:
        sock.shutdown(socket.SHUT_RDWR)
    except OSError:
        pass
    sock.close()
