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


"""A local web server holding the data that URL imports fetch.

Imports (API 1.2) fetch from a URL; the tests serve the data from a
thread of the test process on loopback, which the glare server under
test is configured to allow.
"""

import http.server
import threading

import fixtures


class DataHandler(http.server.BaseHTTPRequestHandler):
    """Answers every GET with the server's ``data``."""

    def do_GET(self):
        self.send_data()

    def send_data(self):
        data = self.server.data
        self.send_response(200)
        self.send_header('Content-Length', str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, *args):
        pass


class DataServer(fixtures.Fixture):
    """A threaded web server on ``host`` serving ``data``.

    ``server`` is the ``ThreadingHTTPServer`` (handlers read their data
    and anything else the test sets from it); ``url(path)`` addresses it.
    """

    def __init__(self, data, handler=DataHandler, host='127.0.0.1'):
        super().__init__()
        self.data = data
        self.handler = handler
        self.host = host

    def _setUp(self):
        self.server = http.server.ThreadingHTTPServer((self.host, 0),
                                                      self.handler)
        self.server.data = self.data
        thread = threading.Thread(target=self.server.serve_forever,
                                  daemon=True)
        thread.start()
        self.addCleanup(thread.join)
        self.addCleanup(self.server.server_close)
        self.addCleanup(self.server.shutdown)

    @property
    def port(self):
        return self.server.server_port

    def url(self, path='/data'):
        return 'http://%s:%d%s' % (self.host, self.port, path)
