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

"""A TCP proxy that plays network faults in front of a real server.

``TcpProxy(port)`` listens on a free loopback port (``self.port``) and
forwards every connection to ``127.0.0.1:port``. A test points glare at
the proxy instead of the server (PostgreSQL, RabbitMQ, the S3 test
server) and then:

``refuse()``   the server is down: live connections are cut and new
               ones refused (ECONNREFUSED), as while it restarts
``stall()``    the network hangs: connections stay open, new ones are
               accepted, but no byte moves either way
``cut()``      live connections are reset at once; new ones work
``forward()``  back to normal; bytes held by a stall flow on

The machine's servers are never stopped: other tests share them.
"""

import errno
import random
import socket
import struct
import threading
import time

import fixtures
from oslo_config import cfg

from glare import conf as glare_conf
from glare.db import migration
from glare.tests import databases
from glare.tests.functional import server

_CHUNK = 65536
# How often blocked threads look at the proxy's state.
_TICK = 0.05
# Listening ports are taken below Linux's ephemeral range (32768 and up):
# while ``refuse`` has closed the listener, the kernel may hand a port of
# that range to any outgoing connection of another test process, and
# ``forward`` could not listen on it again.
_PORTS = (20000, 32000)


class TcpProxy(fixtures.Fixture):
    def __init__(self, target_port, target_host='127.0.0.1'):
        super().__init__()
        self.target = (target_host, target_port)
        self.port = None

    def _setUp(self):
        self._lock = threading.Lock()
        self._flowing = threading.Event()
        self._flowing.set()
        self._closed = False
        self._connections = set()
        self._threads = []
        self._listener = None
        self.accepted = 0
        self._listen_anywhere()
        self.addCleanup(self._close)

    # -- what tests call -------------------------------------------------

    def refuse(self):
        """Cut live connections and refuse new ones until ``forward``."""
        with self._lock:
            listener, self._listener = self._listener, None
        if listener is not None:
            listener.close()
        self.cut()

    def stall(self):
        """Hold every byte, in both directions, until ``forward``."""
        self._flowing.clear()

    def cut(self):
        """Reset every live connection."""
        with self._lock:
            connections, self._connections = self._connections, set()
        for sock in connections:
            _reset(sock)

    def forward(self):
        """Forward again, listening anew if refusing."""
        with self._lock:
            listening = self._listener is not None
        if not listening:
            # The closed listener holds its port until its accept thread
            # wakes up (within a tick).
            deadline = time.monotonic() + 20 * _TICK
            while True:
                try:
                    self._listen(self.port)
                    break
                except OSError as exc:
                    if exc.errno != errno.EADDRINUSE or \
                            time.monotonic() > deadline:
                        raise
                    time.sleep(_TICK)
        self._flowing.set()

    # -- machinery -------------------------------------------------------

    def _listen_anywhere(self):
        for _ in range(100):
            try:
                return self._listen(random.randint(*_PORTS))
            except OSError as exc:
                if exc.errno != errno.EADDRINUSE:
                    raise
        raise RuntimeError('No free port in %d-%d for the proxy.' % _PORTS)

    def _listen(self, port):
        listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            listener.bind(('127.0.0.1', port))
            listener.listen(64)
        except OSError:
            listener.close()
            raise
        listener.settimeout(_TICK)
        self.port = listener.getsockname()[1]
        with self._lock:
            self._listener = listener
        self._start(self._accept, listener)

    def _start(self, target, *args):
        thread = threading.Thread(target=target, args=args, daemon=True)
        thread.start()
        with self._lock:
            self._threads = [t for t in self._threads if t.is_alive()]
            self._threads.append(thread)

    def _accept(self, listener):
        while True:
            with self._lock:
                if self._listener is not listener:
                    return
            try:
                client, _ = listener.accept()
            except socket.timeout:
                continue
            except OSError:
                return
            self.accepted += 1
            try:
                upstream = socket.create_connection(self.target, timeout=5)
            except OSError:
                _reset(client)
                continue
            with self._lock:
                self._connections.update((client, upstream))
            self._start(self._pump, client, upstream)
            self._start(self._pump, upstream, client)

    def _pump(self, source, sink):
        source.settimeout(_TICK)
        try:
            while not self._closed:
                if not self._flowing.wait(_TICK):
                    continue
                try:
                    data = source.recv(_CHUNK)
                except socket.timeout:
                    continue
                if not data:
                    sink.shutdown(socket.SHUT_WR)
                    return
                while not self._flowing.is_set() and not self._closed:
                    self._flowing.wait(_TICK)
                sink.sendall(data)
        except OSError:
            _reset(source)
            _reset(sink)

    def _close(self):
        self._closed = True
        self.refuse()
        self._flowing.set()
        with self._lock:
            threads = list(self._threads)
        for thread in threads:
            thread.join(5)


def _reset(sock):
    """Close with RST, as a crashed server's connections end."""
    try:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER,
                        struct.pack('ii', 1, 0))
    except OSError:
        pass
    try:
        sock.close()
    except OSError:
        pass


class PostgreSQLServerTestCase(server.ServerTestCase):
    """glare-api on a fresh PostgreSQL database reached through a proxy.

    ``cls.proxy`` plays the database's faults (each test ends with it
    forwarding again); ``cls.database`` reaches the database directly,
    for a test's checks. Subclasses set ``server_options``.
    """

    @classmethod
    def prepare_class(cls):
        # The database fixture reads [database] options.
        glare_conf.register_opts(cfg.CONF)
        cls.database = cls.use_class_fixture(
            databases.FreshDatabase(databases.POSTGRESQL))
        migration.upgrade(engine=cls.database.engine)
        cls.proxy = cls.use_class_fixture(TcpProxy(
            databases.server_url(databases.POSTGRESQL).port or 5432))
        url = cls.database.url.set(port=cls.proxy.port)
        cls.server_sections = {'database': {
            'connection': url.render_as_string(hide_password=False)}}

    def setUp(self):
        super().setUp()
        self.addCleanup(self.proxy.forward)
