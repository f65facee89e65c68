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

"""The benchmark harness still runs (``tox -e bench`` is not run by CI).

``--smoke`` starts both layouts (glare-api on SQLite; gunicorn with the
WSGI entry point on a fresh PostgreSQL database), goes through every
section with tiny sizes and writes the report; the figures mean nothing,
but a harness that no longer works with the code fails here.
"""

import json
import os
import subprocess
import sys

import fixtures
import testtools


class TestBenchSmoke(testtools.TestCase):
    def test_smoke_run_writes_a_report_of_every_section(self):
        output = os.path.join(self.useFixture(fixtures.TempDir()).path,
                              'report')
        run = subprocess.run(
            [sys.executable, '-m', 'glare.tests.bench', '--smoke',
             '--output', output],
            capture_output=True, text=True, timeout=300)
        self.assertEqual(0, run.returncode, run.stderr[-4000:])
        with open(output + '.json') as stream:
            results = json.load(stream)
        self.assertEqual({'embedded', 'production', 'glare501'},
                         set(results['layouts']))
        for layout, sections in results['layouts'].items():
            if layout == 'glare501':
                # The same-run target: what it is compared on.
                self.assertEqual({'metadata', 'blobs', 'slow_clients'},
                                 set(sections))
                continue
            self.assertEqual(
                {'metadata', 'listing', 'blobs', 'concurrency',
                 'slow_clients', 'transfer'}, set(sections), layout)
            self.assertGreater(
                sections['transfer']['chunked_mbps']['median'], 0)
            self.assertGreater(sections['transfer']['dedup_ms']['median'],
                               0)
            # Bulk-loaded rows were checked equal to API-created ones.
            self.assertGreater(sections['listing']['bulk_check_values'], 20)
            self.assertEqual(
                {'create', 'show', 'update', 'activate', 'list', 'list5',
                 'delete'}, set(sections['metadata']['latency_ms']))
            (blob,) = sections['blobs'].values()
            self.assertGreater(blob['upload_mbps']['median'], 0)
            self.assertGreater(blob['hash3_mbps']['median'], 0)
            # glare's worker answers next to half-sent requests.
            self.assertIsNotNone(
                sections['slow_clients']['normal_request_s'])
        figures = [t['figure'] for t in results['targets']]
        self.assertTrue(any(f.startswith('download') for f in figures))
        self.assertTrue(any(f.startswith('list') for f in figures))
        self.assertTrue(any(f.endswith('/ Glare 5.0.1') for f in figures))
        with open(output + '.md') as stream:
            text = stream.read()
        self.assertIn('## Targets', text)
        self.assertIn('## Layout `production`', text)
