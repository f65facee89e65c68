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
import os
import subprocess
import tempfile
import threading
import time
import uuid

from glare.tests.bench import bulk
from glare.tests.bench import client as http
from glare.tests.bench import measure
from glare.tests.bench import servers

TYPE = 'images'
PROJECT = 'bench-project'
OTHER_PROJECT = 'bench-other'
TOKEN = 'bench-user:%s:member' % PROJECT
METADATA_OPS = ('create', 'show', 'update', 'activate', 'list', 'delete')
CLIENTS = 8


# -- 1. metadata operations ---------------------------------------------------

def _new_body(tag):
    return {'name': 'meta-%s' % tag, 'version': '1.0.0',
            'container_format': 'bare', 'disk_format': 'qcow2',
            'tags': ['bench'], 'metadata': {'team': 'bench'}}


def _run_ops(client, count, latencies):
    """Each operation ``count`` times in turn; latencies appended."""
    ids = []
    for _ in range(count):
        seconds, made = client.create(TYPE, _new_body(uuid.uuid4().hex))
        latencies['create'].append(seconds)
        ids.append(made['id'])
    for artifact_id in ids:
        latencies['show'].append(client.show(TYPE, artifact_id)[0])
    for artifact_id in ids:
        latencies['update'].append(client.patch(TYPE, artifact_id, [
            {'op': 'replace', 'path': '/description',
             'value': 'changed by the benchmark'},
            {'op': 'add', 'path': '/metadata/stage', 'value': 'tested'}])[0])
    for artifact_id in ids:
        latencies['activate'].append(client.patch(TYPE, artifact_id, [
            {'op': 'replace', 'path': '/status', 'value': 'active'}])[0])
    for _ in ids:
        latencies['list'].append(client.list(TYPE, 'limit=25')[0])
    for artifact_id in ids:
        latencies['delete'].append(client.delete(TYPE, artifact_id)[0])


def metadata(layout, count, clients_count, repeats):
    """p50/p95 with one client, throughput with ``clients_count``."""
    single = {op: {'p50': [], 'p95': []} for op in METADATA_OPS}
    parallel = {op: [] for op in METADATA_OPS}
    failures = {op: [] for op in METADATA_OPS}
    # Warm every worker process and connection pool first.
    warm = http.Client(layout.url, TOKEN)
    _run_ops(warm, min(5, count), {op: [] for op in METADATA_OPS})
    warm.close()
    for _ in range(repeats):
        client = http.Client(layout.url, TOKEN)
        latencies = {op: [] for op in METADATA_OPS}
        _run_ops(client, count, latencies)
        client.close()
        for op in METADATA_OPS:
            single[op]['p50'].append(
                measure.percentile(latencies[op], 0.5) * 1000)
            single[op]['p95'].append(
                measure.percentile(latencies[op], 0.95) * 1000)
        rates, errors = _throughput(layout, count, clients_count)
        for op, rate in rates.items():
            parallel[op].append(rate)
            failures[op].extend(errors[op])
    return {
        'requests_per_repeat': count,
        'clients': clients_count,
        'latency_ms': {op: {'p50': measure.summary(v['p50']),
                            'p95': measure.summary(v['p95'])}
                       for op, v in single.items()},
        'throughput_rps': {op: measure.summary(v)
                           for op, v in parallel.items()},
        # Requests that failed with several clients (at most 3 messages
        # per operation are kept).
        'failed': {op: len(v) for op, v in failures.items()},
        'failure_examples': {op: v[:3] for op, v in failures.items() if v},
    }


def _throughput(layout, count, clients_count):
    """Requests per second of each operation, ``clients_count`` at once.

    The clients create their own artifacts, then all show, then all
    update... so that each operation is timed alone: from the moment
    every client is ready to the moment the last one finishes.
    """
    per_client = max(1, count // clients_count)
    clients = [http.Client(layout.url, TOKEN) for _ in range(clients_count)]
    ids = [[] for _ in clients]
    barrier = threading.Barrier(clients_count + 1)
    rates, errors = {}, {}

    def one(client, mine, op, i):
        if op == 'create':
            mine.append(client.create(
                TYPE, _new_body(uuid.uuid4().hex))[1]['id'])
        elif op == 'show':
            client.show(TYPE, mine[i])
        elif op == 'update':
            client.patch(TYPE, mine[i], [
                {'op': 'replace', 'path': '/description',
                 'value': 'changed %d' % i}])
        elif op == 'activate':
            client.patch(TYPE, mine[i], [
                {'op': 'replace', 'path': '/status', 'value': 'active'}])
        elif op == 'list':
            client.list(TYPE, 'limit=25')
        else:
            client.delete(TYPE, mine[i])

    def work(index, op):
        client, mine = clients[index], ids[index]
        failed = []
        barrier.wait()
        count = per_client if op in ('create', 'list') else len(mine)
        for i in range(count):
            try:
                one(client, mine, op, i)
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
            rates[op] = (sum(n for n, _ in done) - len(failed)) / elapsed
            errors[op] = failed
    for client in clients:
        client.close()
    return rates, errors


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


def blobs(layout, sizes, repeats, work_dir, profiler):
    """Upload and download MB/s and server memory growth per size."""
    client = http.Client(layout.url, TOKEN)
    result = {}
    try:
        for size in sizes:
            source = measure.make_source(
                os.path.join(work_dir, 'source-%d' % size), size)
            figures = {k: [] for k in (
                'upload_mbps', 'download_mbps', 'upload_rss_growth_mib',
                'download_rss_growth_mib', 'upload_peak_rss_mib',
                'download_peak_rss_mib', 'write_fsync_mbps', 'hash3_mbps',
                'read_stored_mbps', 'sendfile_ceiling_mbps')}
            for _ in range(repeats[size]):
                figures['write_fsync_mbps'].append(measure.write_fsync(
                    source, os.path.join(layout.store_dir, 'baseline')))
                rate, digests = measure.hash3(source)
                figures['hash3_mbps'].append(rate)
                _, made = client.create(TYPE, _new_body(uuid.uuid4().hex))
                url = _blob_url(layout, made['id'])
                before = set(os.listdir(layout.store_dir))
                pids = servers.process_tree(layout.pid)
                with measure.MemoryWatch(pids) as up_memory:
                    seconds, sent, answer = http.upload(
                        url, TOKEN, source,
                        os.path.join(work_dir, 'answer.json'))
                blob = answer['image']
                if sent != size or (blob['md5'], blob['sha1'],
                                    blob['sha256']) != digests:
                    raise http.BenchError(
                        'The upload of %d bytes came back as %r' % (size,
                                                                    blob))
                figures['upload_mbps'].append(measure.mbps(size, seconds))
                with measure.MemoryWatch(pids) as down_memory:
                    seconds, received = http.download(url, TOKEN)
                if received != size:
                    raise http.BenchError('Downloaded %d of %d bytes' % (
                        received, size))
                figures['download_mbps'].append(measure.mbps(size, seconds))
                stored = _stored_file(layout, size, before)
                figures['read_stored_mbps'].append(measure.read_all(stored))
                with measure.sendfile_server(stored) as ceiling_url:
                    seconds, _ = http.download(ceiling_url, TOKEN)
                figures['sendfile_ceiling_mbps'].append(
                    measure.mbps(size, seconds))
                figures['upload_rss_growth_mib'].append(
                    up_memory.growth_mib)
                figures['download_rss_growth_mib'].append(
                    down_memory.growth_mib)
                figures['upload_peak_rss_mib'].append(
                    up_memory.peak_rss_mib)
                figures['download_peak_rss_mib'].append(
                    down_memory.peak_rss_mib)
                client.delete(TYPE, made['id'])
            if profiler.enabled and size == sizes[-1]:
                _profile_transfer(layout, client, source, work_dir,
                                  profiler)
            os.unlink(source)
            result[size] = {k: measure.summary(v)
                            for k, v in figures.items()}
    finally:
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


def _popen(command):
    return subprocess.Popen(command, stdout=subprocess.DEVNULL)


def work_directory():
    return tempfile.mkdtemp(prefix='glare-bench-')
