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

"""Where one request's CPU goes, without HTTP around it.

Builds ``glare.wsgi.api``'s application on a fresh state directory
(SQLite, file store, trusted tokens) and calls it directly, many times,
for one operation; prints the CPU per request and a profile::

    .tox/py3/bin/python tools/profile_requests.py show
    .tox/py3/bin/python tools/profile_requests.py patch --profiler cprofile
    .tox/py3/bin/python tools/profile_requests.py all --count 500

``--profiler pyinstrument`` (the default) needs ``pip install
pyinstrument`` in the environment. The figures are for comparing two
versions of the code on the same machine, one after the other; the
benchmark (``tox -e bench``) is the judge.
"""

import argparse
import io
import json
import os
import sys
import tempfile
import time

OPERATIONS = ('show', 'patch', 'create', 'activate', 'delete', 'list25',
              'list5')
TOKEN = 'bench-user:bench-project:member,reader'


def _app(state_dir):
    os.environ['GLARE_CONFIG_FILES'] = _config(state_dir)
    from glare.wsgi import api
    return api.application


def _config(state_dir):
    path = os.path.join(state_dir, 'glare.conf')
    with open(path, 'w') as conf:
        conf.write('[DEFAULT]\nstate_dir = %s\nauth_strategy = trusted\n'
                   'log_file = %s\n' % (state_dir,
                                        os.path.join(state_dir, 'log')))
    return path


def call(app, method, path, body=None, content_type='application/json'):
    data = json.dumps(body).encode() if body is not None else b''
    environ = {
        'REQUEST_METHOD': method, 'SCRIPT_NAME': '',
        'PATH_INFO': path.split('?')[0],
        'QUERY_STRING': path.partition('?')[2],
        'SERVER_NAME': '127.0.0.1', 'SERVER_PORT': '9494',
        'REMOTE_ADDR': '127.0.0.1', 'SERVER_PROTOCOL': 'HTTP/1.1',
        'wsgi.version': (1, 0), 'wsgi.url_scheme': 'http',
        'wsgi.input': io.BytesIO(data), 'wsgi.errors': sys.stderr,
        'wsgi.multithread': True, 'wsgi.multiprocess': False,
        'wsgi.run_once': False, 'HTTP_X_AUTH_TOKEN': TOKEN,
        'HTTP_HOST': '127.0.0.1:9494',
    }
    if body is not None:
        environ['CONTENT_TYPE'] = content_type
        environ['CONTENT_LENGTH'] = str(len(data))
    status = []
    chunks = app(environ, lambda s, h, e=None: status.append(s))
    out = b''.join(chunks)
    if hasattr(chunks, 'close'):
        chunks.close()
    code = int(status[0].split()[0])
    if code >= 400:
        raise RuntimeError('%s %s: %s %s' % (method, path, status[0], out))
    return json.loads(out) if out else None


class Runner:
    def __init__(self, app):
        self.app = app
        self.n = 0

    def _create(self):
        self.n += 1
        return call(self.app, 'POST', '/artifacts/images', {
            'name': 'img-%d' % self.n, 'version': '1.0.%d' % self.n,
            'disk_format': 'qcow2', 'container_format': 'bare',
            'tags': ['a', 'b'], 'min_ram': 512})['id']

    def prepare(self, operation, count):
        """Per-request arguments made before timing."""
        if operation in ('show', 'patch', 'list25', 'list5'):
            ids = [self._create() for _ in range(30)]
            return [ids[0]] * count
        if operation in ('activate', 'delete'):
            return [self._create() for _ in range(count)]
        return [None] * count

    def run(self, operation, arg):
        if operation == 'show':
            call(self.app, 'GET', '/artifacts/images/' + arg)
        elif operation == 'patch':
            self.n += 1
            call(self.app, 'PATCH', '/artifacts/images/' + arg,
                 [{'op': 'replace', 'path': '/description',
                   'value': 'd%d' % self.n}],
                 'application/json-patch+json')
        elif operation == 'activate':
            call(self.app, 'PATCH', '/artifacts/images/' + arg,
                 [{'op': 'replace', 'path': '/status', 'value': 'active'}],
                 'application/json-patch+json')
        elif operation == 'delete':
            call(self.app, 'DELETE', '/artifacts/images/' + arg)
        elif operation == 'create':
            self._create()
        elif operation == 'list25':
            call(self.app, 'GET', '/artifacts/images?limit=25')
        elif operation == 'list5':
            call(self.app, 'GET', '/artifacts/images?limit=5')


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument('operation', choices=OPERATIONS + ('all',))
    parser.add_argument('--count', type=int, default=300)
    parser.add_argument('--profiler', default='pyinstrument',
                        choices=('pyinstrument', 'cprofile', 'none'))
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as state_dir:
        runner = Runner(_app(state_dir))
        call(runner.app, 'GET', '/artifacts/images')  # build, migrate
        operations = OPERATIONS if args.operation == 'all' else (
            args.operation,)
        for operation in operations:
            _measure(runner, operation, args)


def _measure(runner, operation, args):
    for arg in runner.prepare(operation, 20):  # warm caches
        runner.run(operation, arg)
    work = runner.prepare(operation, args.count)
    profiler = None
    if args.profiler == 'pyinstrument':
        import pyinstrument
        profiler = pyinstrument.Profiler(interval=0.0002)
        profiler.start()
    elif args.profiler == 'cprofile':
        import cProfile
        profiler = cProfile.Profile()
        profiler.enable()
    start, wall = time.process_time(), time.perf_counter()
    for arg in work:
        runner.run(operation, arg)
    cpu = (time.process_time() - start) / len(work) * 1000
    wall = (time.perf_counter() - wall) / len(work) * 1000
    print('%-9s %.3f ms CPU, %.3f ms wall per request%s' % (
        operation, cpu, wall, ' (profiled)' if profiler else ''))
    if args.profiler == 'pyinstrument':
        profiler.stop()
        print(profiler.output_text(unicode=True, color=False,
                                   show_all=False))
    elif args.profiler == 'cprofile':
        import pstats
        profiler.disable()
        stats = pstats.Stats(profiler)
        stats.sort_stats('cumulative').print_stats(45)
        # glare's own frames, where the next saving is to be found.
        stats.sort_stats('cumulative').print_stats(
            'glare/(db|engine|objects|api|policy|context)', 40)
        stats.sort_stats('tottime').print_stats(25)


if __name__ == '__main__':
    main()
