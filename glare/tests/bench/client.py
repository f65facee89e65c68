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

"""HTTP clients of the benchmark: a keep-alive JSON client and curl.

The JSON client is ``http.client`` on one persistent connection, so that
a request costs what the server spends on it plus a small, steady client
overhead. Blob data moves through curl, the streaming client an operator
would use, so the client never buffers a blob in Python.
"""

import http.client
import json
import subprocess
import time
import urllib.parse

# gunicorn closes idle keep-alive connections after 2 s: reconnect before.
_IDLE_RECONNECT = 1.0
_TIMEOUT = 600


class BenchError(Exception):
    """The server answered something a benchmark step did not expect."""


class Client:
    def __init__(self, url, token):
        parts = urllib.parse.urlsplit(url)
        self.host, self.port = parts.hostname, parts.port
        self.token = token
        self.connection = None
        self.last_used = 0.0

    def _connect(self):
        self.close()
        self.connection = http.client.HTTPConnection(
            self.host, self.port, timeout=_TIMEOUT)

    def close(self):
        if self.connection is not None:
            self.connection.close()
            self.connection = None

    def request(self, method, path, body=None, content_type=None,
                expect=(200,)):
        """``(seconds, decoded JSON body or None)`` of one request."""
        headers = {'X-Auth-Token': self.token}
        data = None
        if body is not None:
            data = json.dumps(body).encode()
            headers['Content-Type'] = content_type or 'application/json'
        for attempt in (1, 2):
            if self.connection is None or \
                    time.monotonic() - self.last_used > _IDLE_RECONNECT:
                self._connect()
            try:
                start = time.perf_counter()
                self.connection.request(method, path, body=data,
                                        headers=headers)
                response = self.connection.getresponse()
                raw = response.read()
                elapsed = time.perf_counter() - start
                break
            except (http.client.RemoteDisconnected, ConnectionResetError,
                    BrokenPipeError):
                # The server closed the kept-alive connection first.
                self.close()
                if attempt == 2:
                    raise
        self.last_used = time.monotonic()
        if response.status not in expect:
            raise BenchError('%s %s answered %s: %s' % (
                method, path, response.status, raw[:500]))
        return elapsed, json.loads(raw) if raw else None

    # Shorthands for the artifact API.

    def create(self, type_name, body):
        return self.request('POST', '/artifacts/%s' % type_name, body,
                            expect=(201,))

    def show(self, type_name, artifact_id):
        return self.request('GET', '/artifacts/%s/%s' % (type_name,
                                                         artifact_id))

    def patch(self, type_name, artifact_id, operations):
        return self.request('PATCH', '/artifacts/%s/%s' % (
            type_name, artifact_id), operations,
            content_type='application/json-patch+json')

    def delete(self, type_name, artifact_id):
        return self.request('DELETE', '/artifacts/%s/%s' % (
            type_name, artifact_id), expect=(204,))

    def list(self, type_name, query):
        return self.request('GET', '/artifacts/%s?%s' % (type_name, query))


def _curl(args):
    result = subprocess.run(
        ['curl', '--silent', '--show-error', '--write-out',
         '%{http_code} %{time_total} %{size_upload} %{size_download}']
        + args, capture_output=True, text=True, timeout=_TIMEOUT)
    if result.returncode != 0:
        raise BenchError('curl failed: %s' % result.stderr.strip())
    code, seconds, up, down = result.stdout.rsplit('\n', 1)[-1].split()
    return int(code), float(seconds), int(float(up)), int(float(down))


def curl_command_upload(url, token, path, output):
    """curl arguments of a streaming blob upload, response to ``output``."""
    return ['--output', output, '--request', 'PUT', '--upload-file', path,
            '--header', 'Content-Type: application/octet-stream',
            # No "Expect: 100-continue" round trip before the body.
            '--header', 'Expect:', '--header', 'X-Auth-Token: ' + token,
            url]


def upload(url, token, path, output):
    """Seconds curl took to stream ``path`` up; the JSON answer."""
    code, seconds, sent, _ = _curl(curl_command_upload(url, token, path,
                                                       output))
    with open(output) as answer:
        body = answer.read()
    if code != 200:
        raise BenchError('upload answered %s: %s' % (code, body[:500]))
    return seconds, sent, json.loads(body)


def download(url, token):
    """Seconds curl took to fetch ``url`` into /dev/null, and the size."""
    code, seconds, _, received = _curl(
        ['--output', '/dev/null', '--header', 'X-Auth-Token: ' + token,
         url])
    if code != 200:
        raise BenchError('download of %s answered %s' % (url, code))
    return seconds, received
