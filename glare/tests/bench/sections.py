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

"""The four measurements, each against one running layout.

Every function returns plain data (lists of per-repeat figures, summarised
with ``measure.summary``) for ``glare.tests.bench.report``.
"""

import concurrent.futures
import http.client as http_client
import json
import os
import socket
import subprocess
import tempfile
import threading
import time
import urllib.parse
import uuid

from glare.tests.bench import bulk
from glare.tests.bench import client as http
from glare.tests.bench import measure
from glare.tests.bench import servers
from glare.tests.functional import server

TYPE = 'images'
DIGEST_CONTENT_TYPE = 'application/vnd+openstack.glare-blob-digest+json'
PROJECT = 'bench-project'
OTHER_PROJECT = 'bench-other'
TOKEN = 'bench-user:%s:member' % PROJECT
METADATA_OPS = ('create', 'show', 'update', 'activate', 'list', 'list5',
                'delete')
# The list pages: the benchmark's own artifacts, limit 25 and 5.
LIST_QUERIES = {'list': 'limit=25', 'list5': 'limit=5'}
# The mix the 8-client figure is: each client creates, shows and
# deletes its artifacts.
MIX = ('create', 'show', 'delete')
CLIENTS = 8


# -- 1. metadata operations ---------------------------------------------------

def _new_body(tag):
    return {'name': 'meta-%s' % tag, 'version': '1.0.0',
            'container_format': 'bare', 'disk_format': 'qcow2',
            'tags': ['bench'], 'metadata': {'team': 'bench'}}


def _one_op(client, op, artifact_id, i=0):
    """One request of ``op``; the new artifact's id for a create."""
    if op == 'create':
        return client.create(TYPE, _new_body(uuid.uuid4().hex))[1]['id']
    if op == 'show':
        client.show(TYPE, artifact_id)
    elif op == 'update':
        client.patch(TYPE, artifact_id, [
            {'op': 'replace', 'path': '/description',
             'value': 'changed by the benchmark %d' % i},
            {'op': 'add', 'path': '/metadata/stage', 'value': 'tested'}])
    elif op == 'activate':
        client.patch(TYPE, artifact_id, [
            {'op': 'replace', 'path': '/status', 'value': 'active'}])
    elif op in LIST_QUERIES:
        client.list(TYPE, LIST_QUERIES[op])
    else:
        client.delete(TYPE, artifact_id)
    return artifact_id


def _run_ops(client, count, pids=()):
    """Each operation ``count`` times in turn, on one connection.

    Latencies (s) per operation, and the server's CPU seconds per
    request of each operation (the processes ``pids``).
    """
    latencies = {op: [] for op in METADATA_OPS}
    cpu = {}
    ids = [None] * count
    for op in METADATA_OPS:
        used = measure.cpu_seconds(pids)
        for i in range(count):
            start = time.perf_counter()
            ids[i] = _one_op(client, op, ids[i], i)
            latencies[op].append(time.perf_counter() - start)
        cpu[op] = (measure.cpu_seconds(pids) - used) / count
    return latencies, cpu


def metadata(layouts, count, clients_count, repeats):
    """p50/p95 and CPU per request with one client, throughput with more.

    Several layouts are measured in turns, repeat by repeat, the order
    reversed every other repeat: they share the machine's noise.
    """
    runs = {layout.name: {'p50': {op: [] for op in METADATA_OPS},
                          'p95': {op: [] for op in METADATA_OPS},
                          'cpu': {op: [] for op in METADATA_OPS},
                          'rps': {op: [] for op in METADATA_OPS},
                          'mix': [], 'failed': {op: [] for op in
                                                METADATA_OPS}}
            for layout in layouts}
    for layout in layouts:
        # Warm every worker process and connection pool first.
        warm = http.Client(layout.url, TOKEN)
        _run_ops(warm, min(5, count))
        warm.close()
    for repeat in range(repeats):
        for layout in layouts if repeat % 2 == 0 else layouts[::-1]:
            figures = runs[layout.name]
            client = http.Client(layout.url, TOKEN)
            latencies, cpu = _run_ops(client, count,
                                      servers.process_tree(layout.pid))
            client.close()
            for op in METADATA_OPS:
                figures['p50'][op].append(
                    measure.percentile(latencies[op], 0.5) * 1000)
                figures['p95'][op].append(
                    measure.percentile(latencies[op], 0.95) * 1000)
                figures['cpu'][op].append(cpu[op] * 1000)
            rates, mix, errors = _throughput(layout, count, clients_count)
            figures['mix'].append(mix)
            for op, rate in rates.items():
                figures['rps'][op].append(rate)
                figures['failed'][op].extend(errors[op])
    return {name: {
        'requests_per_repeat': count,
        'clients': clients_count,
        'latency_ms': {op: {'p50': measure.summary(figures['p50'][op]),
                            'p95': measure.summary(figures['p95'][op])}
                       for op in METADATA_OPS},
        'server_cpu_ms': {op: measure.summary(figures['cpu'][op])
                          for op in METADATA_OPS},
        'throughput_rps': {op: measure.summary(figures['rps'][op])
                           for op in METADATA_OPS},
        # create + show + delete by every client: requests/s overall.
        'mix_rps': measure.summary(figures['mix']),
        # Requests that failed with several clients (at most 3 messages
        # per operation are kept).
        'failed': {op: len(v) for op, v in figures['failed'].items()},
        'failure_examples': {op: v[:3] for op, v in
                             figures['failed'].items() if v},
    } for name, figures in runs.items()}


def _throughput(layout, count, clients_count):
    """Requests per second of each operation, ``clients_count`` at once.

    The clients create their own artifacts, then all show, then all
    update... so that each operation is timed alone: from the moment
    every client is ready to the moment the last one finishes. Also the
    rate of create, show and delete together.
    """
    per_client = max(1, count // clients_count)
    clients = [http.Client(layout.url, TOKEN) for _ in range(clients_count)]
    ids = [[] for _ in clients]
    barrier = threading.Barrier(clients_count + 1)
    rates, errors, elapsed_by_op, done_by_op = {}, {}, {}, {}

    def work(index, op):
        client, mine = clients[index], ids[index]
        failed = []
        barrier.wait()
        count = per_client if op == 'create' or op in LIST_QUERIES \
            else len(mine)
        for i in range(count):
            try:
                made = _one_op(client, op, mine[i] if i < len(mine)
                               else None, i)
                if op == 'create':
                    mine.append(made)
            except http.BenchError as exc:
                failed.append(str(exc))
        return count, failed

    with concurrent.futures.ThreadPoolExecutor(clients_count) as pool:
        for op in METADATA_OPS:
            futures = [pool.submit(work, i, op)
                       for i in range(clients_count)]
            barrier.wait()
            start = time.perf_counter()
            done = [future.result() for future in futures]
            elapsed = time.perf_counter() - start
            failed = [message for _, messages in done
                      for message in messages]
            done_by_op[op] = sum(n for n, _ in done) - len(failed)
            elapsed_by_op[op] = elapsed
            rates[op] = done_by_op[op] / elapsed
            errors[op] = failed
    for client in clients:
        client.close()
    mix = sum(done_by_op[op] for op in MIX) / sum(elapsed_by_op[op]
                                                  for op in MIX)
    return rates, mix, errors


# -- 2. listing at scale ------------------------------------------------------

def list_queries(catalogue):
    """The query shapes, by name, for the catalogue as it is now."""
    return {
        'filtered first page': 'status=active&disk_format=qcow2&'
                               'os_distro=ubuntu&sort=name:asc&limit=25',
        'deep marker page': 'limit=25&marker=%s' % catalogue.deep_marker(),
        'latest by name': 'name=%s&version=latest' %
                          catalogue.visible_name(),
        'like filter': 'name=like:app-0004%25&limit=25',
        'tag filter': 'tags=tag-07&limit=25',
    }


def listing(layout, sizes, requests_per_shape, repeats, profiler):
    """p50 per query shape and catalogue size; rows bulk-loaded."""
    catalogue = bulk.Catalogue(layout.database_url, PROJECT, OTHER_PROJECT)
    client = http.Client(layout.url, TOKEN)
    result = {'sizes': list(sizes), 'p50_ms': {}, 'matches': {},
              'load_seconds': {}}
    try:
        result['bulk_check_values'] = bulk.check_equivalence(client,
                                                             catalogue)
        for size in sizes:
            start = time.perf_counter()
            catalogue.grow_to(size)
            result['load_seconds'][size] = time.perf_counter() - start
            queries = list_queries(catalogue)
            for shape, query in queries.items():
                # Warm caches; record how many rows the query matches.
                for _ in range(3):
                    _, answer = client.list(TYPE, query)
                result['matches'].setdefault(shape, {})[size] = \
                    answer['total_count']
            p50s = {shape: [] for shape in queries}
            for _ in range(repeats):
                for shape, query in queries.items():
                    times = [client.list(TYPE, query)[0]
                             for _ in range(requests_per_shape)]
                    p50s[shape].append(measure.percentile(times, 0.5) * 1000)
            for shape, runs in p50s.items():
                result['p50_ms'].setdefault(shape, {})[size] = \
                    measure.summary(runs)
        if profiler.enabled:
            for shape, query in queries.items():
                with profiler.record('%s list %s at %d' % (
                        layout.name, shape, sizes[-1]), layout.pid):
                    for _ in range(max(requests_per_shape, 20)):
                        client.list(TYPE, query)
        result['queries'] = list_queries(catalogue)
    finally:
        client.close()
        catalogue.dispose()
    return result


# -- 3. blobs -----------------------------------------------------------------

def _blob_url(layout, artifact_id):
    return '%s/artifacts/%s/%s/image' % (layout.url, TYPE, artifact_id)


def _stored_file(layout, artifact_size, before):
    """The file the store wrote for the last upload."""
    new = [os.path.join(layout.store_dir, name)
           for name in set(os.listdir(layout.store_dir)) - before]
    new = [path for path in new if os.path.getsize(path) == artifact_size]
    if len(new) != 1:
        raise http.BenchError('Cannot tell which file in %s holds the '
                              'upload: %s' % (layout.store_dir, new))
    return new[0]


_BLOB_FIGURES = ('upload_mbps', 'download_mbps', 'upload_rss_growth_mib',
                 'download_rss_growth_mib', 'upload_peak_rss_mib',
                 'download_peak_rss_mib')
_BASELINES = ('write_fsync_mbps', 'hash3_mbps', 'read_stored_mbps',
              'sendfile_ceiling_mbps')


def _transfer(layout, client, source, digests, work_dir, figures):
    """Upload ``source`` and download it again; the stored file."""
    size = os.path.getsize(source)
    _, made = client.create(TYPE, _new_body(uuid.uuid4().hex))
    url = _blob_url(layout, made['id'])
    before = set(os.listdir(layout.store_dir))
    pids = servers.process_tree(layout.pid)
    with measure.MemoryWatch(pids) as up_memory:
        seconds, sent, answer = http.upload(
            url, TOKEN, source, os.path.join(work_dir, 'answer.json'))
    blob = answer['image']
    if sent != size or (blob['md5'], blob['sha1'],
                        blob['sha256']) != digests:
        raise http.BenchError('The upload of %d bytes to %s came back as '
                              '%r' % (size, layout.name, blob))
    figures['upload_mbps'].append(measure.mbps(size, seconds))
    with measure.MemoryWatch(pids) as down_memory:
        seconds, received = http.download(url, TOKEN)
    if received != size:
        raise http.BenchError('Downloaded %d of %d bytes from %s' % (
            received, size, layout.name))
    figures['download_mbps'].append(measure.mbps(size, seconds))
    for way, memory in (('upload', up_memory), ('download', down_memory)):
        figures['%s_rss_growth_mib' % way].append(memory.growth_mib)
        figures['%s_peak_rss_mib' % way].append(memory.peak_rss_mib)
    return made['id'], _stored_file(layout, size, before)


def blobs(layouts, sizes, repeats, work_dir, profiler):
    """Upload and download MB/s and server memory growth per size.

    Every layout moves the same bytes in each repeat, in turns (the
    order reversed every other repeat); the baselines are measured once
    per repeat on the first layout's stored file. The first layout's
    result carries them.
    """
    clients = {layout.name: http.Client(layout.url, TOKEN)
               for layout in layouts}
    result = {layout.name: {} for layout in layouts}
    try:
        for size in sizes:
            source = measure.make_source(
                os.path.join(work_dir, 'source-%d' % size), size)
            figures = {layout.name: {k: [] for k in _BLOB_FIGURES}
                       for layout in layouts}
            baselines = {k: [] for k in _BASELINES}
            for repeat in range(repeats[size]):
                rate, digests = measure.hash3(source)
                baselines['hash3_mbps'].append(rate)
                stored = {}
                for layout in layouts if repeat % 2 == 0 else \
                        layouts[::-1]:
                    client = clients[layout.name]
                    stored[layout.name] = _transfer(
                        layout, client, source, digests, work_dir,
                        figures[layout.name])
                first = layouts[0]
                baselines['write_fsync_mbps'].append(measure.write_fsync(
                    source, os.path.join(first.store_dir, 'baseline')))
                path = stored[first.name][1]
                baselines['read_stored_mbps'].append(measure.read_all(path))
                with measure.sendfile_server(path) as ceiling_url:
                    seconds, _ = http.download(ceiling_url, TOKEN)
                baselines['sendfile_ceiling_mbps'].append(
                    measure.mbps(size, seconds))
                for layout in layouts:
                    clients[layout.name].delete(TYPE,
                                                stored[layout.name][0])
            if profiler.enabled and size == sizes[-1]:
                _profile_transfer(layouts[0], clients[layouts[0].name],
                                  source, work_dir, profiler)
            os.unlink(source)
            for layout in layouts:
                result[layout.name][size] = {
                    k: measure.summary(v)
                    for k, v in figures[layout.name].items()}
            result[layouts[0].name][size].update(
                {k: measure.summary(v) for k, v in baselines.items()})
    finally:
        for client in clients.values():
            client.close()
    return result


def _profile_transfer(layout, client, source, work_dir, profiler):
    _, made = client.create(TYPE, _new_body(uuid.uuid4().hex))
    url = _blob_url(layout, made['id'])
    label = '%s %s of %d bytes' % (layout.name, '%s',
                                   os.path.getsize(source))
    with profiler.record(label % 'upload', layout.pid):
        http.upload(url, TOKEN, source, os.path.join(work_dir,
                                                     'answer.json'))
    with profiler.record(label % 'download', layout.pid):
        for _ in range(3):
            http.download(url, TOKEN)
    client.delete(TYPE, made['id'])


# -- 4. concurrency -----------------------------------------------------------

def concurrency(layout, size, clients_count, repeats, work_dir):
    """Aggregate MB/s of ``clients_count`` uploads of ``size`` at once."""
    client = http.Client(layout.url, TOKEN)
    source = measure.make_source(os.path.join(work_dir, 'concurrent'), size)
    figures = {'aggregate_mbps': [], 'rss_growth_mib': [],
               'hash3_mbps': []}
    failed, examples = 0, []
    try:
        for _ in range(repeats):
            figures['hash3_mbps'].append(measure.hash3(source)[0])
            ids = [client.create(TYPE, _new_body(uuid.uuid4().hex))[1]['id']
                   for _ in range(clients_count)]
            commands = [
                ['curl', '--silent', '--show-error']
                + http.curl_command_upload(
                    _blob_url(layout, artifact_id), TOKEN, source,
                    os.path.join(work_dir, 'answer-%d.json' % i))
                for i, artifact_id in enumerate(ids)]
            pids = servers.process_tree(layout.pid)
            with measure.MemoryWatch(pids) as memory:
                start = time.perf_counter()
                running = [_popen(command) for command in commands]
                codes = [process.wait() for process in running]
                elapsed = time.perf_counter() - start
            # Only the uploads that succeeded count towards the rate;
            # failures are reported as such.
            stored = 0
            for i, artifact_id in enumerate(ids):
                _, shown = client.show(TYPE, artifact_id)
                if codes[i] == 0 and shown['image'] and \
                        shown['image']['size'] == size:
                    stored += 1
                else:
                    failed += 1
                    with open(os.path.join(work_dir,
                                           'answer-%d.json' % i)) as answer:
                        examples.append(answer.read()[:300])
                client.delete(TYPE, artifact_id)
            figures['aggregate_mbps'].append(
                measure.mbps(size * stored, elapsed))
            figures['rss_growth_mib'].append(memory.growth_mib)
    finally:
        client.close()
        os.unlink(source)
    result = {k: measure.summary(v) for k, v in figures.items()}
    result.update(clients=clients_count, size=size, failed=failed,
                  uploads=clients_count * repeats,
                  failure_examples=examples[:3])
    return result


# -- 6. large transfers (API 1.2) ---------------------------------------------

_V12 = {'OpenStack-API-Version': 'artifact 1.2'}
_FILE_BLOCK = 1024 * 1024


class _Slice:
    """Bytes ``start`` to ``start + length`` of a file, read in blocks."""

    def __init__(self, stream, start, length):
        stream.seek(start)
        self._stream = stream
        self._left = length

    def read(self, size=-1):
        if size is None or size < 0 or size > self._left:
            size = self._left
        data = self._stream.read(size)
        self._left -= len(data)
        return data


def _connect(layout):
    parts = urllib.parse.urlsplit(layout.url)
    return http_client.HTTPConnection(
        parts.hostname, parts.port, timeout=600, blocksize=_FILE_BLOCK)


def _send(layout, method, path, headers, body=None, expect=(200,),
          connection=None):
    """``(seconds, response headers, JSON or None)`` of one request.

    On ``connection`` if given (kept open, as a client's session keeps
    it), else on a connection of its own.
    """
    own = connection is None
    if own:
        connection = _connect(layout)
    try:
        start = time.perf_counter()
        connection.request(method, path, body=body, headers=dict(
            headers, **{'X-Auth-Token': TOKEN}, **_V12))
        response = connection.getresponse()
        raw = response.read()
        elapsed = time.perf_counter() - start
    finally:
        if own:
            connection.close()
    if response.status not in expect:
        raise http.BenchError('%s %s answered %s: %s' % (
            method, path, response.status, raw[:500]))
    return elapsed, response.headers, json.loads(raw) if raw else None


def _path(artifact_id):
    return '/artifacts/%s/%s/image' % (TYPE, artifact_id)


def _one_request(layout, artifact_id, source, size):
    with open(source, 'rb') as stream:
        seconds, _, answer = _send(
            layout, 'PUT', _path(artifact_id),
            {'Content-Type': 'application/octet-stream',
             'Content-Length': str(size)}, _Slice(stream, 0, size))
    return seconds, answer


def _chunked(layout, artifact_id, source, size, chunk, sha256):
    """Seconds of a whole session: start, every chunk, finish.

    One keep-alive connection carries the session, as the SDK's HTTP
    session does: with several workers its chunks stay on one process.
    """
    connection = _connect(layout)
    try:
        total, headers, _ = _send(layout, 'POST',
                                  _path(artifact_id) + '/uploads', {},
                                  expect=(202,), connection=connection)
        session = urllib.parse.urlsplit(headers['Location']).path
        with open(source, 'rb') as stream:
            for start in range(0, size, chunk):
                length = min(chunk, size - start)
                seconds, _, _ = _send(
                    layout, 'PATCH', session, {
                        'Content-Type': 'application/octet-stream',
                        'Content-Length': str(length),
                        'Content-Range': '%d-%d' % (start,
                                                    start + length - 1)},
                    _Slice(stream, start, length), expect=(202,),
                    connection=connection)
                total += seconds
        seconds, _, answer = _send(
            layout, 'PUT', session + '?digest=sha256:' + sha256, {},
            expect=(201,), connection=connection)
    finally:
        connection.close()
    return total + seconds, answer


def transfer(layout, size, chunk, repeats, work_dir):
    """Chunked sessions against one-request uploads; dedup by digest.

    The same bytes each way, in turns; then an upload by digest of the
    data just stored into a new artifact (no data sent).
    """
    client = http.Client(layout.url, TOKEN)
    source = measure.make_source(os.path.join(work_dir, 'transfer'), size)
    _, digests = measure.hash3(source)
    figures = {'one_request_mbps': [], 'chunked_mbps': [], 'dedup_ms': []}
    try:
        for _ in range(repeats):
            ids = []
            for way in ('one_request', 'chunked'):
                artifact_id = client.create(
                    TYPE, _new_body(uuid.uuid4().hex))[1]['id']
                if way == 'chunked':
                    seconds, answer = _chunked(layout, artifact_id, source,
                                               size, chunk, digests[2])
                else:
                    seconds, answer = _one_request(layout, artifact_id,
                                                   source, size)
                if answer['image']['sha256'] != digests[2]:
                    raise http.BenchError('%s upload stored %r' % (
                        way, answer['image']))
                figures[way + '_mbps'].append(measure.mbps(size, seconds))
                if way == 'one_request':
                    # Gone before the chunked upload: no sharing there.
                    client.delete(TYPE, artifact_id)
                else:
                    ids.append(artifact_id)
            copy = client.create(TYPE, _new_body(uuid.uuid4().hex))[1]['id']
            ids.append(copy)
            seconds, _, answer = _send(
                layout, 'PUT', _path(copy),
                {'Content-Type': DIGEST_CONTENT_TYPE},
                json.dumps({'digest': 'sha256:' + digests[2]}).encode())
            if answer['image']['size'] != size:
                raise http.BenchError('The upload by digest stored %r' % (
                    answer['image'],))
            figures['dedup_ms'].append(seconds * 1000)
            for artifact_id in ids:
                client.delete(TYPE, artifact_id)
    finally:
        client.close()
        os.unlink(source)
    result = {k: measure.summary(v) for k, v in figures.items()}
    result.update(size=size, chunk=chunk)
    return result


def _popen(command):
    return subprocess.Popen(command, stdout=subprocess.DEVNULL)


# -- 5. slow clients ---------------------------------------------------------

def slow_clients(layout, half_sent, header_timeout):
    """A normal request while one client holds ``half_sent`` connections.

    Each of them sent half a request line. How long a normal request
    then takes, and when the server closed the half-sent connections
    (watched until ``header_timeout`` + 5 s).
    """
    host, port = layout.url[len('http://'):].rsplit(':', 1)
    sockets = []
    try:
        for _ in range(half_sent):
            sock = socket.create_connection((host, int(port)), 10)
            sock.sendall(b'GET /artifacts/ima')
            sockets.append(sock)
        sent = time.monotonic()
        client = http.Client(layout.url, TOKEN)
        try:
            normal, _ = client.list(TYPE, 'limit=5')
        except (OSError, http.BenchError):
            normal = None
        finally:
            client.close()
        closed_after = []
        deadline = sent + header_timeout + 5
        for sock in sockets:
            if server.closed_by(sock, deadline):
                closed_after.append(time.monotonic() - sent)
    finally:
        for sock in sockets:
            sock.close()
    return {'half_sent': half_sent, 'header_timeout_s': header_timeout,
            'normal_request_s': normal,
            'closed': len(closed_after),
            'last_closed_after_s': max(closed_after) if len(
                closed_after) == half_sent else None}


def work_directory():
    return tempfile.mkdtemp(prefix='glare-bench-')
