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

"""Targets, and the report in markdown and JSON.

Every target is a ratio against a baseline of the same run (or a fixed
bound where the issue gives one); each figure that misses its target is
flagged in the report's first table.
"""

import json
import statistics

from glare.tests.bench import measure

UPLOAD_VS_HASH = 0.8
UPLOAD_AHEAD_OF_SERIAL = 1.1
DOWNLOAD_VS_READ = 0.5
RSS_GROWTH_MIB = 50
LIST_RATIO = 2.0
FILTERED_PAGE_MS = 50
FILTERED_SHAPE = 'filtered first page'


def _size_label(size):
    if size >= measure.MIB and size % measure.MIB == 0:
        mib = size // measure.MIB
        return '%d GiB' % (mib // 1024) if mib % 1024 == 0 else \
            '%d MiB' % mib
    return '%d KiB' % (size // 1024)


def _ratio_runs(numerators, denominators):
    """Per-repeat ratios: both figures of a repeat share its noise."""
    return [n / d for n, d in zip(numerators['runs'], denominators['runs'])
            if n is not None and d]


def targets(results):
    """One entry per targeted figure: value, bound and whether it is met."""
    found = []

    def add(layout, figure, value, bound, met, detail=''):
        found.append({'layout': layout, 'figure': figure, 'value': value,
                      'target': bound, 'met': bool(met), 'detail': detail})

    for layout, sections in results['layouts'].items():
        meta = sections.get('metadata')
        if meta:
            failed = sum(meta['failed'].values())
            add(layout, 'failed metadata requests with %d clients' %
                meta['clients'], failed, '= 0', failed == 0,
                '; '.join('%s: %s' % (op, examples[0][:160]) for op, examples
                          in meta['failure_examples'].items()))
        conc = sections.get('concurrency')
        if conc:
            add(layout, 'failed uploads of %d concurrent (of %d)' % (
                conc['clients'], conc['uploads']), conc['failed'], '= 0',
                conc['failed'] == 0, '; '.join(
                    e[:160] for e in conc['failure_examples'][:1]))
        for size, blob in sorted(sections.get('blobs', {}).items(),
                                 key=lambda item: int(item[0])):
            label = _size_label(int(size))
            ratio = statistics.median(_ratio_runs(blob['upload_mbps'],
                                                  blob['hash3_mbps']))
            add(layout, 'upload %s / md5+sha1+sha256 on one core' % label,
                ratio, '>= %.1f' % UPLOAD_VS_HASH, ratio >= UPLOAD_VS_HASH,
                '%.0f vs %.0f MB/s' % (blob['upload_mbps']['median'],
                                       blob['hash3_mbps']['median']))
            ratio = statistics.median(_ratio_runs(blob['download_mbps'],
                                                  blob['read_stored_mbps']))
            add(layout, 'download %s / raw read of the stored file' % label,
                ratio, '>= %.1f' % DOWNLOAD_VS_READ,
                ratio >= DOWNLOAD_VS_READ,
                '%.0f vs %.0f MB/s; a bare sendfile server reaches %.0f' % (
                    blob['download_mbps']['median'],
                    blob['read_stored_mbps']['median'],
                    blob['sendfile_ceiling_mbps']['median']))
            for way in ('upload', 'download'):
                growth = blob['%s_rss_growth_mib' % way]['max']
                add(layout, 'server RSS growth during a %s %s (MiB, worst '
                    'repeat)' % (label, way), growth,
                    '< %d' % RSS_GROWTH_MIB, growth < RSS_GROWTH_MIB)
        listing = sections.get('listing')
        if listing:
            sizes = listing['sizes']
            small, large = sizes[0], sizes[-1]
            for shape, by_size in listing['p50_ms'].items():
                first, last = by_size[small]['median'], \
                    by_size[large]['median']
                if large != small:
                    add(layout, 'list "%s" p50 at %d / at %d' % (
                        shape, large, small), last / first,
                        '<= %.0f' % LIST_RATIO, last / first <= LIST_RATIO,
                        '%.1f vs %.1f ms' % (last, first))
                if shape == FILTERED_SHAPE:
                    add(layout, 'list "%s" p50 at %d (ms)' % (shape, large),
                        last, '< %d' % FILTERED_PAGE_MS,
                        last < FILTERED_PAGE_MS)
    return found


def _fmt(figure, digits=1):
    if figure is None:
        return 'n/a'
    if figure['min'] == figure['max']:
        return '%.*f' % (digits, figure['median'])
    return '%.*f (%.*f–%.*f)' % (digits, figure['median'], digits,
                                 figure['min'], digits, figure['max'])


def markdown(results):
    meta = results['meta']
    lines = [
        '# glare benchmark report',
        '',
        'Generated by `tox -e bench%s` on %s in %.0f s. Figures are '
        '"median (min–max)" over %s repeats; every target is a ratio '
        'against a baseline measured in the same run, or a fixed bound.' % (
            ' -- --quick' if meta['mode'] == 'quick' else
            (' -- --smoke' if meta['mode'] == 'smoke' else ''),
            meta['date'], meta['seconds'], meta['repeats']),
        '',
        '- Machine: %s, %d CPUs, %d MiB RAM, Python %s' % (
            meta['cpu'], meta['cpus'], meta['memory_mib'], meta['python']),
        '- glare: %s' % meta['commit'],
    ]
    for layout, description in meta['layouts'].items():
        lines.append('- `%s`: %s' % (layout, description))
    if meta.get('options'):
        lines.append('- Configured for this run: %s' % ', '.join(
            '`%s`' % option for option in meta['options']))
    missed = [t for t in results['targets'] if not t['met']]
    lines += ['', '## Targets', '',
              '%d of %d targeted figures meet their target.' % (
                  len(results['targets']) - len(missed),
                  len(results['targets'])), '',
              '| layout | figure | value | target | |',
              '|---|---|---:|---|---|']
    for t in results['targets']:
        detail = t['detail'].replace('|', '/').replace('\n', ' ')
        lines.append('| %s | %s | %.2f | %s | %s |' % (
            t['layout'], t['figure'] + (' — %s' % detail if detail else ''),
            t['value'], t['target'], 'met' if t['met'] else '**MISSED**'))
    for layout, sections in results['layouts'].items():
        lines += ['', '## Layout `%s`' % layout]
        lines += _metadata_md(sections.get('metadata'))
        lines += _listing_md(sections.get('listing'))
        lines += _blobs_md(sections.get('blobs'))
        lines += _concurrency_md(sections.get('concurrency'))
    lines += _profiles_md(results.get('profiles'))
    return '\n'.join(lines) + '\n'


def _profiles_md(profiles):
    if not profiles:
        return []
    lines = ['', '## Profiles', '',
             'py-spy samples of the server processes in an extra, '
             'unmeasured repetition: the functions with the largest share '
             'of samples on their own (self), and glare\'s and '
             'glance_store\'s functions with what they call (inclusive; '
             'the middleware every request passes is left out). The run '
             'logs where the raw collapsed stacks are.']
    for label, profile in profiles.items():
        lines += ['', '### %s' % label, '']
        if 'error' in profile:
            lines.append('py-spy failed: %s' % profile['error'])
            continue
        lines += ['%d samples.' % profile['samples'], '',
                  '| self % | function | inclusive % | function |',
                  '|---:|---|---:|---|']
        rows = max(len(profile['self']), len(profile['inclusive']))
        for i in range(rows):
            own = profile['self'][i] if i < len(profile['self']) else \
                ('', '')
            incl = profile['inclusive'][i] if i < len(
                profile['inclusive']) else ('', '')
            lines.append('| %s | `%s` | %s | `%s` |' % (
                own[1], own[0], incl[1], incl[0]))
    return lines


def _metadata_md(meta):
    if not meta:
        return []
    lines = ['', '### 1. Metadata operations', '',
             '%d requests of each operation per repeat by one client; '
             'throughput with %d clients at once. `list` is the first page '
             '(limit 25) of the benchmark\'s own artifacts (at most a few '
             'hundred), before the listing section loads its catalogue.' % (
                 meta['requests_per_repeat'], meta['clients']), '',
             '| operation | p50 ms, 1 client | p95 ms, 1 client | '
             'requests/s, %d clients | failed, %d clients |' % (
                 meta['clients'], meta['clients']),
             '|---|---:|---:|---:|---:|']
    for op, latency in meta['latency_ms'].items():
        lines.append('| %s | %s | %s | %s | %d |' % (
            op, _fmt(latency['p50']), _fmt(latency['p95']),
            _fmt(meta['throughput_rps'][op], 0), meta['failed'][op]))
    return lines


def _listing_md(listing):
    if not listing:
        return []
    sizes = listing['sizes']
    lines = ['', '### 2. Listing at scale', '',
             'p50 ms per catalogue size (bulk-loaded images; the bulk rows '
             'were checked equal to API-created ones, %d values compared). '
             'Bulk load took %s.' % (
                 listing['bulk_check_values'],
                 ', '.join('%.0f s for %d' % (seconds, int(size))
                           for size, seconds in
                           listing['load_seconds'].items())), '',
             '| query | ' + ' | '.join('%d' % s for s in sizes) +
             ' | ratio | matching rows at %d |' % sizes[-1],
             '|---|' + '---:|' * (len(sizes) + 2)]
    for shape, by_size in listing['p50_ms'].items():
        ratio = by_size[sizes[-1]]['median'] / by_size[sizes[0]]['median']
        lines.append('| %s | %s | %.2f | %d |' % (
            shape, ' | '.join(_fmt(by_size[s]) for s in sizes), ratio,
            listing['matches'][shape][sizes[-1]]))
    lines += ['', 'Queries (at the largest size):', '']
    lines += ['- %s: `GET /artifacts/images?%s`' % (shape, query)
              for shape, query in listing['queries'].items()]
    return lines


def _blobs_md(blobs):
    if not blobs:
        return []
    lines = ['', '### 3. Blobs', '',
             'MB/s through the API with curl, next to this run\'s '
             'baselines on the same bytes; "sendfile ceiling" is curl '
             'downloading the stored file from a bare loopback server that '
             'only calls sendfile. Server RSS growth is the worst repeat.',
             '',
             '| size | upload | md5+sha1+sha256, 1 core | write+fsync | '
             'download | raw read | sendfile ceiling | RSS growth up / '
             'down MiB | peak RSS MiB |',
             '|---|---:|---:|---:|---:|---:|---:|---:|---:|']
    for size, blob in sorted(blobs.items(), key=lambda i: int(i[0])):
        lines.append('| %s | %s | %s | %s | %s | %s | %s | %.1f / %.1f | '
                     '%.0f |'
                     % (_size_label(int(size)), _fmt(blob['upload_mbps'], 0),
                        _fmt(blob['hash3_mbps'], 0),
                        _fmt(blob['write_fsync_mbps'], 0),
                        _fmt(blob['download_mbps'], 0),
                        _fmt(blob['read_stored_mbps'], 0),
                        _fmt(blob['sendfile_ceiling_mbps'], 0),
                        blob['upload_rss_growth_mib']['max'],
                        blob['download_rss_growth_mib']['max'],
                        max(blob['upload_peak_rss_mib']['max'],
                            blob['download_peak_rss_mib']['max'])))
    return lines


def _concurrency_md(conc):
    if not conc:
        return []
    ratio = statistics.median(_ratio_runs(conc['aggregate_mbps'],
                                          conc['hash3_mbps']))
    return ['', '### 4. Concurrency', '',
            '%d clients uploading %s each at once: %s MB/s aggregate '
            '(uploads that succeeded), %.2f x the one-core md5+sha1+sha256 '
            'rate (%s MB/s); server RSS growth %.1f MiB (worst repeat); '
            '%d of %d uploads failed.' % (
                conc['clients'], _size_label(conc['size']),
                _fmt(conc['aggregate_mbps'], 0), ratio,
                _fmt(conc['hash3_mbps'], 0),
                conc['rss_growth_mib']['max'], conc['failed'],
                conc['uploads'])]


def write(results, markdown_path, json_path):
    results['targets'] = targets(results)
    with open(json_path, 'w') as out:
        json.dump(results, out, indent=1, sort_keys=True, default=str)
        out.write('\n')
    with open(markdown_path, 'w') as out:
        out.write(markdown(results))
    return results['targets']
