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

"""``python -m glare.tests.bench``: run the benchmark, write the report.

    tox -e bench                   full run, report into doc/source/
    tox -e bench -- --quick        small sizes, few repeats (development)
    tox -e bench -- --smoke        seconds; what the smoke test runs

``--layouts``, ``--sections`` and ``--output`` narrow a run down; see
``--help`` and doc/source/benchmark.rst.
"""

import argparse
import datetime
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time

from glare.conf import api as api_opts
from glare.tests.bench import measure
from glare.tests.bench import profiler as profiling
from glare.tests.bench import report
from glare.tests.bench import sections
from glare.tests.bench import servers

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.dirname(
    os.path.abspath(__file__)))))
DEFAULT_OUTPUT = os.path.join(ROOT, 'doc', 'source', 'benchmark-report')
SECTIONS = ('metadata', 'listing', 'blobs', 'concurrency', 'slow_clients',
            'transfer')
MIB = measure.MIB

# How much each mode measures. Blob repeats are per size.
MODES = {
    'full': {
        'repeats': 3, 'metadata_requests': 100, 'clients': 8,
        'list_sizes': (1000, 10000, 100000), 'list_requests': 20,
        'blob_sizes': {MIB: 10, 64 * MIB: 5, 256 * MIB: 3, 1024 * MIB: 3},
        'concurrent_size': 64 * MIB,
        'half_sent': 200, 'header_timeout': None,
        'transfer': (1024 * MIB, 64 * MIB),
        'layouts': servers.LAYOUTS,
    },
    'quick': {
        'repeats': 2, 'metadata_requests': 40, 'clients': 8,
        'list_sizes': (500, 5000), 'list_requests': 10,
        'blob_sizes': {MIB: 3, 64 * MIB: 2},
        'concurrent_size': 8 * MIB,
        'half_sent': 200, 'header_timeout': None,
        'transfer': (256 * MIB, 64 * MIB),
        'layouts': servers.LAYOUTS,
    },
    'smoke': {
        'repeats': 1, 'metadata_requests': 2, 'clients': 2,
        'list_sizes': (20, 60), 'list_requests': 2,
        'blob_sizes': {256 * 1024: 1},
        'concurrent_size': 256 * 1024,
        'half_sent': 20, 'header_timeout': 2,
        'transfer': (MIB, 256 * 1024),
        'layouts': servers.LAYOUTS,
    },
}


def parse_args(argv):
    parser = argparse.ArgumentParser(
        prog='python -m glare.tests.bench',
        description='Benchmark glare as real server processes and write '
                    'a markdown and a JSON report.')
    mode = parser.add_mutually_exclusive_group()
    mode.add_argument('--quick', dest='mode', action='store_const',
                      const='quick', help='Small sizes, few repeats.')
    mode.add_argument('--smoke', dest='mode', action='store_const',
                      const='smoke', help='Tiny sizes: checks the harness '
                                          'works, measures nothing.')
    parser.set_defaults(mode='full')
    parser.add_argument('--layouts', type=_names(servers.LAYOUTS),
                        help='Comma-separated subset of %s.' %
                             ', '.join(servers.LAYOUTS))
    parser.add_argument('--sections', type=_names(SECTIONS),
                        default=SECTIONS,
                        help='Comma-separated subset of %s.' %
                             ', '.join(SECTIONS))
    parser.add_argument('--output',
                        help='Report path without extension (.md and '
                             '.json are written). Default: %s for a full '
                             'run, a file in the temporary directory '
                             'otherwise.' % os.path.relpath(DEFAULT_OUTPUT))
    parser.add_argument('--workers', type=int,
                        help='gunicorn workers of the production layout '
                             '(default 4; 2 with --smoke).')
    parser.add_argument('--threads', type=int, default=4,
                        help='Threads per worker of the production layout.')
    parser.add_argument('--set', dest='options', action='append',
                        default=[], metavar='GROUP.OPTION=VALUE',
                        type=_option,
                        help='Configure both layouts with this option, '
                             'e.g. fs.filesystem_store_chunk_size=1048576 '
                             '(the default filesystem backend is "fs"). '
                             'Repeatable; recorded in the report.')
    parser.add_argument('--profile', action='store_true',
                        help='Also record py-spy profiles of the server '
                             'during the largest upload and download and '
                             'the listing at the largest size (in extra, '
                             'unmeasured repetitions); summaries go into '
                             'the report, raw stacks beside it.')
    parser.add_argument('--no-anchor', dest='anchor', action='store_false',
                        help='Do not measure Glare 5.0.1 next to the '
                             'embedded layout (its targets are then not '
                             'reported).')
    parser.add_argument('--strict', action='store_true',
                        help='Exit 1 when a target is missed.')
    return parser.parse_args(argv)


def _names(allowed):
    def parse(text):
        names = tuple(n.strip() for n in text.split(',') if n.strip())
        unknown = sorted(set(names) - set(allowed))
        if unknown or not names:
            raise argparse.ArgumentTypeError(
                'choose from %s (got %s)' % (', '.join(allowed), text))
        return names
    return parse


def _option(text):
    name, equals, value = text.partition('=')
    group, dot, key = name.rpartition('.')
    if not equals or not key:
        raise argparse.ArgumentTypeError(
            'expected GROUP.OPTION=VALUE, got %r' % text)
    return group or 'DEFAULT', key, value


def _sections(options):
    sections = {}
    for group, key, value in options:
        sections.setdefault(group, {})[key] = value
    return sections


def _machine():
    cpu = platform.processor() or 'unknown CPU'
    try:
        with open('/proc/cpuinfo') as info:
            for line in info:
                if line.startswith('model name'):
                    cpu = line.split(':', 1)[1].strip()
                    break
        with open('/proc/meminfo') as info:
            memory = int(info.readline().split()[1]) // 1024
    except OSError:
        memory = 0
    return cpu, memory


def _commit():
    try:
        commit = subprocess.run(
            ['git', 'rev-parse', '--short', 'HEAD'], cwd=ROOT,
            capture_output=True, text=True, check=True).stdout.strip()
        dirty = subprocess.run(
            ['git', 'status', '--porcelain', '--untracked-files=no'],
            cwd=ROOT, capture_output=True, text=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return 'unknown (not a git checkout)'
    return commit + (' with uncommitted changes' if dirty else '')


def _log(message):
    sys.stderr.write('[bench %s] %s\n' % (
        datetime.datetime.now().strftime('%H:%M:%S'), message))
    sys.stderr.flush()


def _header_timeout(args, plan):
    """glare's client_header_timeout in this run."""
    for group, key, value in args.options:
        if group == 'DEFAULT' and key == 'client_header_timeout':
            return float(value)
    if plan['header_timeout'] is not None:
        args.options.append(('DEFAULT', 'client_header_timeout',
                             str(plan['header_timeout'])))
        return float(plan['header_timeout'])
    return api_opts.DEFAULT_CLIENT_HEADER_TIMEOUT


def measure_layout(name, plan, args, work_dir, profiler, anchor=None):
    """Every chosen section against one freshly started layout.

    With ``anchor`` (Glare 5.0.1, already running) the metadata, blob
    and slow-client sections measure both, in turns. Results by layout
    name.
    """
    _log('starting the %s layout' % name)
    header_timeout = _header_timeout(args, plan)
    layout = servers.start(name, args.workers, args.threads,
                           _sections(args.options))
    both = [layout] + ([anchor] if anchor else [])
    results = {target.name: {} for target in both}
    try:
        if 'metadata' in args.sections:
            _log('%s: metadata operations' % ' and '.join(results))
            for target, measured in sections.metadata(
                    both, plan['metadata_requests'], plan['clients'],
                    plan['repeats']).items():
                results[target]['metadata'] = measured
        if 'listing' in args.sections:
            _log('%s: listing at %s artifacts' % (name, plan['list_sizes']))
            results[name]['listing'] = sections.listing(
                layout, plan['list_sizes'], plan['list_requests'],
                plan['repeats'], profiler)
        if 'blobs' in args.sections:
            _log('%s: blobs of %s bytes' % (
                ' and '.join(results), sorted(plan['blob_sizes'])))
            for target, measured in sections.blobs(
                    both, sorted(plan['blob_sizes']), plan['blob_sizes'],
                    work_dir, profiler).items():
                results[target]['blobs'] = measured
        if 'concurrency' in args.sections:
            _log('%s: %d concurrent uploads' % (name, plan['clients']))
            results[name]['concurrency'] = sections.concurrency(
                layout, plan['concurrent_size'], plan['clients'],
                plan['repeats'], work_dir)
        if 'transfer' in args.sections:
            size, chunk = plan['transfer']
            _log('%s: chunked and one-request uploads of %d bytes, dedup'
                 % (name, size))
            results[name]['transfer'] = sections.transfer(
                layout, size, chunk, plan['repeats'], work_dir)
        if 'slow_clients' in args.sections:
            for target in both:
                _log('%s: %d half-sent requests' % (target.name,
                                                    plan['half_sent']))
                results[target.name]['slow_clients'] = \
                    sections.slow_clients(target, plan['half_sent'],
                                          header_timeout)
        return layout.describe(), results
    except Exception:
        for target in both:
            _log('%s failed; the end of the %s server log:\n%s' % (
                name, target.name, target.server.log_text()[-6000:]))
        raise
    finally:
        layout.stop()


def main(argv=None):
    args = parse_args(sys.argv[1:] if argv is None else argv)
    plan = MODES[args.mode]
    if args.workers is None:
        args.workers = 2 if args.mode == 'smoke' else 4
    layouts = args.layouts or plan['layouts']
    output = args.output or (
        DEFAULT_OUTPUT if args.mode == 'full' else os.path.join(
            tempfile.gettempdir(),
            'glare-benchmark-%s' % args.mode))
    cpu, memory = _machine()
    results = {'meta': {
        'mode': args.mode, 'repeats': plan['repeats'],
        'date': datetime.datetime.now(datetime.timezone.utc).strftime(
            '%Y-%m-%d %H:%M UTC'),
        'cpu': cpu, 'cpus': os.cpu_count(), 'memory_mib': memory,
        'python': platform.python_version(), 'commit': _commit(),
        'layouts': {},
        'options': ['%s.%s=%s' % option for option in args.options],
    }, 'layouts': {}}
    started = time.monotonic()
    work_dir = sections.work_directory()
    # Raw stacks are large: never into the documentation tree.
    profiler = profiling.Profiler(
        os.path.join(tempfile.gettempdir(), 'glare-benchmark-profiles')
        if output == DEFAULT_OUTPUT else output + '-profiles', args.profile)
    try:
        for name in layouts:
            anchor = None
            if args.anchor and name == servers.EMBEDDED:
                _log('starting Glare 5.0.1, the same-run target')
                anchor = servers.start(servers.GLARE501)
            try:
                description, measured = measure_layout(
                    name, plan, args, work_dir, profiler, anchor)
            finally:
                if anchor is not None:
                    anchor.stop()
            results['meta']['layouts'][name] = description
            if anchor is not None:
                results['meta']['layouts'][anchor.name] = anchor.describe()
            results['layouts'].update(measured)
    finally:
        shutil.rmtree(work_dir, ignore_errors=True)
    results['meta']['seconds'] = time.monotonic() - started
    results['profiles'] = profiler.profiles
    found = report.write(results, output + '.md', output + '.json')
    missed = [t for t in found if not t['met']]
    _log('report written to %s.md and .json in %.0f s; %d of %d targets '
         'missed' % (output, results['meta']['seconds'], len(missed),
                     len(found)))
    if profiler.profiles:
        _log('py-spy stacks in %s' % profiler.directory)
    for target in missed:
        _log('MISSED %s: %s: %.2f (target %s)' % (
            target['layout'], target['figure'], target['value'],
            target['target']))
    return 1 if args.strict and missed else 0
