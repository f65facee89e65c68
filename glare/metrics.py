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

"""Prometheus metrics of the API processes, served at ``GET /metrics``.

One set of metric families per process, recorded where things happen
(the request observer, uploads, the database pool, the fault layer) and
read by ``render``. With several worker processes prometheus_client's
multiprocess mode keeps each process's values in files of a directory
the processes share (``PROMETHEUS_MULTIPROC_DIR``), and a scrape of any
process sums them: ``glare-api`` makes a fresh directory before it forks
its workers; under another WSGI server the operator sets the variable to
an empty directory (doc/source/operations.rst). Without it each process
reports its own values only.

prometheus_client chooses how it stores values when it is imported, so
it is imported here, by ``setup``, once the directory is known.
"""

import os
import shutil
import tempfile
import threading

ENV = 'PROMETHEUS_MULTIPROC_DIR'
PREFIX = 'glare_'

# Seconds: API calls take milliseconds; uploads and downloads minutes.
DURATION_BUCKETS = (0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5,
                    5.0, 10.0, 30.0, 60.0, 300.0, 1800.0, float('inf'))

_LOCK = threading.Lock()
_FAMILIES = None
_REGISTRY = None


def make_multiprocess_dir():
    """A fresh shared directory for the workers a process will fork.

    Returns the directory it made, or None when the environment names one
    already (the operator's).
    """
    if os.environ.get(ENV):
        return None
    directory = tempfile.mkdtemp(prefix='glare-metrics-')
    os.environ[ENV] = directory
    return directory


def remove_multiprocess_dir(directory):
    if directory:
        shutil.rmtree(directory, ignore_errors=True)


def multiprocess():
    return bool(os.environ.get(ENV))


def worker_exited(pid):
    """Drop the live gauges (uploads, connections) of a dead worker."""
    if multiprocess():
        from prometheus_client import multiprocess as mp
        mp.mark_process_dead(pid)


class _Families:
    def __init__(self, registry):
        import prometheus_client as prom

        def make(kind, name, doc, labels=(), **kwargs):
            return kind(PREFIX + name, doc, labels, registry=registry,
                        **kwargs)

        self.requests = make(
            prom.Counter, 'http_requests', 'API requests answered, by '
            'route template, method and status.',
            ('route', 'method', 'status'))
        self.duration = make(
            prom.Histogram, 'http_request_duration_seconds', 'Seconds from '
            'a request\'s arrival to the last byte of its answer, by route '
            'template, method and status.', ('route', 'method', 'status'),
            buckets=DURATION_BUCKETS)
        self.received = make(
            prom.Counter, 'http_received_bytes', 'Request body bytes read '
            '(blob data uploaded, JSON bodies), by route template.',
            ('route',))
        self.sent = make(
            prom.Counter, 'http_sent_bytes', 'Response body bytes sent '
            '(blob data downloaded, JSON bodies), by route template.',
            ('route',))
        self.uploads = make(
            prom.Gauge, 'uploads_in_progress', 'Blob uploads streaming '
            'into the store now.', multiprocess_mode='livesum')
        self.db_connections = make(
            prom.Gauge, 'db_connections_in_use', 'Database connections '
            'checked out of the pools now.', multiprocess_mode='livesum')
        self.db_connects = make(
            prom.Counter, 'db_connections_opened', 'Database connections '
            'opened by the pools.')
        self.quota_refusals = make(
            prom.Counter, 'quota_refusals', 'Requests refused by a quota, '
            'by kind: "count" (max_artifact_number) or "data" '
            '(max_uploaded_data).', ('quota',))
        self.deletion_queue = make(
            prom.Gauge, 'scrubber_queue', 'Stored data waiting for '
            'glare-scrubber to delete it: "pending" entries, of which '
            '"failing" ones the store refused at least once. Read from '
            'the database when scraped.', ('state',),
            multiprocess_mode='mostrecent')


def setup():
    """This process's metric families; created once."""
    global _FAMILIES, _REGISTRY
    with _LOCK:
        if _FAMILIES is None:
            import prometheus_client as prom
            from prometheus_client import values
            if multiprocess():
                # Whatever was imported first: values go to the files.
                values.ValueClass = values.MultiProcessValue()
                _REGISTRY = None
            else:
                _REGISTRY = prom.CollectorRegistry()
            _FAMILIES = _Families(_REGISTRY)
    return _FAMILIES


def families():
    return _FAMILIES or setup()


def render():
    """``(body, content type)`` of the exposition of every process."""
    import prometheus_client as prom
    from prometheus_client import exposition
    from prometheus_client import multiprocess as mp
    families()
    if multiprocess():
        registry = prom.CollectorRegistry()
        mp.MultiProcessCollector(registry)
    else:
        registry = _REGISTRY
    return exposition.generate_latest(registry), exposition.CONTENT_TYPE_LATEST
