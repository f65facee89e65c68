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

# The targets of the serving core (issue 11). Ratios against Glare 5.0.1
# compare the embedded layout with it: one worker each, SQLite, files.
GLARE501 = 'glare501'
VS_GLARE501_TIME = 0.5          # p50 and server CPU per request, at most
VS_GLARE501_MIX = 2.5           # 8 clients' requests/s, at least
UPLOAD_VS_HASH = 0.9            # of md5+sha1+sha256 on one core
UPLOAD_VS_GLARE501 = 2.0
DOWNLOAD_VS_GLARE501 = 1.0
DOWNLOAD_VS_SENDFILE = 0.9
LARGE_BLOB = 64 * measure.MIB   # upload and sendfile targets from here
RSS_GROWTH_MIB = 10             # per transfer
CONCURRENT_RSS_GROWTH_MIB = 50
CHUNKED_RATIO = 0.9            # of a one-request upload of the same bytes
DEDUP_MS = 100                  # upload by digest of data already stored
LIST_RATIO = 2.0
LIST_MS = 50
# Shapes held under LIST_MS at the largest size; every shape is held to
# LIST_RATIO ("latest by name" stays flat).
TIMED_SHAPES = ('filtered first page', 'deep marker page', 'like filter',
                'tag filter')
SLOW_NORMAL_S = 0.5
# The server closes late heads on its next event loop turn.
SLOW_CLOSE_SLACK_S = 0.5
TARGETED_OPS = ('create', 'show', 'update', 'activate', 'delete', 'list',
                'list5')
OP_LABELS = {'update': 'patch', 'list': 'list page (limit 25)',
             'list5': 'list page (limit 5)'}


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


def _ratio(numerators, denominators):
    runs = _ratio_runs(numerators, denominators)
    return statistics.median(runs) if runs else None


def targets(results):
    """One entry per targeted figure: value, bound and whether it is met."""
    found = []

    def add(layout, figure, value, bound, met, detail=''):
        if value is None:
            value, met, detail = float('nan'), False, (
                detail + '; not measured').lstrip('; ')
        found.append({'layout': layout, 'figure': figure, 'value': value,
                      'target': bound, 'met': bool(met), 'detail': detail})

    layouts = results['layouts']
    anchor = layouts.get(GLARE501, {})
    for layout, sections in layouts.items():
        if layout == GLARE501:
            continue
        theirs = anchor if layout == 'embedded' else {}
        _metadata_targets(add, layout, sections.get('metadata'),
                          theirs.get('metadata'))
        _blob_targets(add, layout, sections.get('blobs', {}),
                      theirs.get('blobs', {}))
        conc = sections.get('concurrency')
        if conc:
            add(layout, 'failed uploads of %d concurrent (of %d)' % (
                conc['clients'], conc['uploads']), conc['failed'], '= 0',
                conc['failed'] == 0, '; '.join(
                    e[:160] for e in conc['failure_examples'][:1]))
            growth = conc['rss_growth_mib']['max']
            add(layout, 'server RSS growth, %d concurrent %s uploads (MiB, '
                'worst repeat)' % (conc['clients'],
                                   _size_label(conc['size'])),
                growth, '< %d' % CONCURRENT_RSS_GROWTH_MIB,
                growth < CONCURRENT_RSS_GROWTH_MIB)
        _transfer_targets(add, layout, sections.get('transfer'))
        _listing_targets(add, layout, sections.get('listing'))
        _slow_targets(add, layout, sections.get('slow_clients'),
                      theirs.get('slow_clients'))
    return found


def _transfer_targets(add, layout, transfer):
    if not transfer:
        return
    ratio = _ratio(transfer['chunked_mbps'], transfer['one_request_mbps'])
    add(layout, 'chunked upload (%s chunks) / one-request upload, %s' % (
        _size_label(transfer['chunk']), _size_label(transfer['size'])),
        ratio, '>= %.1f' % CHUNKED_RATIO,
        ratio is not None and ratio >= CHUNKED_RATIO)
    dedup = (transfer['dedup_ms'] or {}).get('median')
    add(layout, 'upload by digest of %s already stored (ms)' %
        _size_label(transfer['size']), dedup, '< %d' % DEDUP_MS,
        dedup is not None and dedup < DEDUP_MS)


def _metadata_targets(add, layout, ours, theirs):
    if not ours:
        return
    failed = sum(ours['failed'].values())
    add(layout, 'failed metadata requests with %d clients' %
        ours['clients'], failed, '= 0', failed == 0,
        '; '.join('%s: %s' % (op, examples[0][:160]) for op, examples
                  in ours['failure_examples'].items()))
    if not theirs:
        return
    for op in TARGETED_OPS:
        label = OP_LABELS.get(op, op)
        for figure, key in (('p50', 'latency_ms'), ('server CPU',
                                                    'server_cpu_ms')):
            mine = ours[key][op]['p50'] if key == 'latency_ms' else \
                ours[key][op]
            glare501 = theirs[key][op]['p50'] if key == 'latency_ms' \
                else theirs[key][op]
            ratio = _ratio(mine, glare501)
            add(layout, '%s %s / Glare 5.0.1' % (label, figure), ratio,
                '<= %.1f' % VS_GLARE501_TIME,
                ratio is not None and ratio <= VS_GLARE501_TIME,
                '%.2f vs %.2f ms' % (mine['median'], glare501['median']))
    ratio = _ratio(ours['mix_rps'], theirs['mix_rps'])
    add(layout, '%d clients create+show+delete requests/s / Glare 5.0.1' %
        ours['clients'], ratio, '>= %.1f' % VS_GLARE501_MIX,
        ratio is not None and ratio >= VS_GLARE501_MIX,
        '%.0f vs %.0f' % (ours['mix_rps']['median'],
                          theirs['mix_rps']['median']))


def _blob_targets(add, layout, ours, theirs):
    for size, blob in sorted(ours.items(), key=lambda item: int(item[0])):
        label = _size_label(int(size))
        glare501 = theirs.get(size)
        large = int(size) >= LARGE_BLOB
        if large:
            ratio = _ratio(blob['upload_mbps'], blob['hash3_mbps'])
            add(layout, 'upload %s / md5+sha1+sha256 on one core' % label,
                ratio, '>= %.1f' % UPLOAD_VS_HASH,
                ratio is not None and ratio >= UPLOAD_VS_HASH,
                '%.0f vs %.0f MB/s' % (blob['upload_mbps']['median'],
                                       blob['hash3_mbps']['median']))
            if glare501:
                ratio = _ratio(blob['upload_mbps'], glare501['upload_mbps'])
                add(layout, 'upload %s / Glare 5.0.1' % label, ratio,
                    '>= %.1f' % UPLOAD_VS_GLARE501,
                    ratio is not None and ratio >= UPLOAD_VS_GLARE501,
                    '%.0f vs %.0f MB/s' % (
                        blob['upload_mbps']['median'],
                        glare501['upload_mbps']['median']))
        if glare501:
            ratio = _ratio(blob['download_mbps'], glare501['download_mbps'])
            add(layout, 'download %s / Glare 5.0.1' % label, ratio,
                '>= %.1f' % DOWNLOAD_VS_GLARE501,
                ratio is not None and ratio >= DOWNLOAD_VS_GLARE501,
                '%.0f vs %.0f MB/s' % (blob['download_mbps']['median'],
                                       glare501['download_mbps']['median']))
        if large:
            ratio = _ratio(blob['download_mbps'],
                           blob['sendfile_ceiling_mbps'])
            add(layout, 'download %s / a bare sendfile server' % label,
                ratio, '>= %.1f' % DOWNLOAD_VS_SENDFILE,
                ratio is not None and ratio >= DOWNLOAD_VS_SENDFILE,
                '%.0f vs %.0f MB/s' % (
                    blob['download_mbps']['median'],
                    blob['sendfile_ceiling_mbps']['median']))
        for way in ('upload', 'download'):
            growth = blob['%s_rss_growth_mib' % way]['max']
            add(layout, 'server RSS growth during a %s %s (MiB, worst '
                'repeat)' % (label, way), growth,
                '< %d' % RSS_GROWTH_MIB, growth < RSS_GROWTH_MIB)


def _listing_targets(add, layout, listing):
    if not listing:
        return
    sizes = listing['sizes']
    small, large = sizes[0], sizes[-1]
    for shape, by_size in listing['p50_ms'].items():
        first, last = by_size[small]['median'], by_size[large]['median']
        if large != small:
            add(layout, 'list "%s" p50 at %d / at %d' % (
                shape, large, small), last / first,
                '<= %.0f' % LIST_RATIO, last / first <= LIST_RATIO,
                '%.1f vs %.1f ms' % (last, first))
        if shape in TIMED_SHAPES:
            add(layout, 'list "%s" p50 at %d (ms)' % (shape, large),
                last, '< %d' % LIST_MS, last < LIST_MS)


def _slow_targets(add, layout, ours, theirs):
    if not ours:
        return
    detail = ''
    if theirs and theirs['normal_request_s'] is not None:
        detail = 'Glare 5.0.1: %.3f s' % theirs['normal_request_s']
    normal = ours['normal_request_s']
    add(layout, 'a normal request with %d half-sent ones open (s)' %
        ours['half_sent'], normal, '< %.1f' % SLOW_NORMAL_S,
        normal is not None and normal < SLOW_NORMAL_S, detail)
    closed = ours['last_closed_after_s']
    bound = ours['header_timeout_s'] + SLOW_CLOSE_SLACK_S
    add(layout, 'half-sent connections all closed after (s; header '
        'timeout %g s)' % ours['header_timeout_s'], closed,
        '<= %.1f' % bound, closed is not None and closed <= bound,
        '%d of %d closed' % (ours['closed'], ours['half_sent']))


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
        lines += _slow_md(sections.get('slow_clients'))
        lines += _transfer_md(sections.get('transfer'))
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
             'throughput with %d clients at once. `list` and `list5` are '
             'the first page (limit 25 and 5) of the benchmark\'s own '
             'artifacts (at most a few hundred), before the listing '
             'section loads its catalogue. Server CPU is the user and '
             'system time of every server process per request.' % (
                 meta['requests_per_repeat'], meta['clients']), '',
             '| operation | p50 ms, 1 client | p95 ms, 1 client | '
             'server CPU ms | requests/s, %d clients | failed, %d clients '
             '|' % (meta['clients'], meta['clients']),
             '|---|---:|---:|---:|---:|---:|']
    for op, latency in meta['latency_ms'].items():
        lines.append('| %s | %s | %s | %s | %s | %d |' % (
            op, _fmt(latency['p50']), _fmt(latency['p95']),
            _fmt(meta['server_cpu_ms'][op], 2),
            _fmt(meta['throughput_rps'][op], 0), meta['failed'][op]))
    lines += ['', 'create, show and delete by %d clients together: %s '
              'requests/s.' % (meta['clients'], _fmt(meta['mix_rps'], 0))]
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
             'baselines on the same bytes (measured with the layout that '
             'has them); "sendfile ceiling" is curl downloading the stored '
             'file from a bare loopback server that only calls sendfile. '
             'Server RSS growth is the worst repeat.',
             '',
             '| size | upload | md5+sha1+sha256, 1 core | write+fsync | '
             'download | raw read | sendfile ceiling | RSS growth up / '
             'down MiB | peak RSS MiB |',
             '|---|---:|---:|---:|---:|---:|---:|---:|---:|']
    for size, blob in sorted(blobs.items(), key=lambda i: int(i[0])):
        lines.append('| %s | %s | %s | %s | %s | %s | %s | %.1f / %.1f | '
                     '%.0f |'
                     % (_size_label(int(size)), _fmt(blob['upload_mbps'], 0),
                        _fmt(blob.get('hash3_mbps'), 0),
                        _fmt(blob.get('write_fsync_mbps'), 0),
                        _fmt(blob['download_mbps'], 0),
                        _fmt(blob.get('read_stored_mbps'), 0),
                        _fmt(blob.get('sendfile_ceiling_mbps'), 0),
                        blob['upload_rss_growth_mib']['max'],
                        blob['download_rss_growth_mib']['max'],
                        max(blob['upload_peak_rss_mib']['max'],
                            blob['download_peak_rss_mib']['max'])))
    return lines


def _slow_md(slow):
    if not slow:
        return []
    normal = slow['normal_request_s']
    closed = slow['last_closed_after_s']
    return ['', '### 5. Slow clients', '',
            'One client opens %d connections and sends half a request '
            'line on each; then a normal `GET /artifacts/images?limit=5` '
            'took %s. The server closed %d of the half-sent connections '
            '%s (watched for %g s after its header timeout of %g s).' % (
                slow['half_sent'],
                'no answer' if normal is None else '%.3f s' % normal,
                slow['closed'],
                'the last %.1f s after they were sent' % closed
                if closed is not None else 'and left the others open',
                5, slow['header_timeout_s'])]


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


def _transfer_md(transfer):
    if not transfer:
        return []
    return ['', '### 6. Large transfers (API 1.2)', '',
            '%s uploaded in one request: %s MB/s; in an upload session of '
            '%s chunks (start, chunks, finish): %s MB/s. Upload by digest '
            'of the same %s into a new artifact: %s ms, no data sent.' % (
                _size_label(transfer['size']),
                _fmt(transfer['one_request_mbps'], 0),
                _size_label(transfer['chunk']),
                _fmt(transfer['chunked_mbps'], 0),
                _size_label(transfer['size']),
                _fmt(transfer['dedup_ms'], 1))]


def write(results, markdown_path, json_path):
    results['targets'] = targets(results)
    with open(json_path, 'w') as out:
        json.dump(results, out, indent=1, sort_keys=True, default=str)
        out.write('\n')
    with open(markdown_path, 'w') as out:
        out.write(markdown(results))
    return results['targets']
