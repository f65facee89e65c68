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

"""The metric families, in one process and summed over several."""

import os
import subprocess
import sys

import fixtures

from glare import metrics
from glare.tests import base

# Runs in a process of its own: records in a shared directory.
_WORKER = """
import sys
from glare import metrics
families = metrics.setup()
families.requests.labels('/artifacts/{type_name}', 'GET', '200').inc(
    int(sys.argv[1]))
families.uploads.inc()
import os
print(os.getpid())
"""


class TestSingleProcess(base.TestCase):
    def test_families_are_rendered_with_their_values(self):
        families = metrics.families()
        families.quota_refusals.labels('data').inc()
        body, content_type = metrics.render()
        self.assertTrue(content_type.startswith('text/plain'))
        text = body.decode()
        for family in ('glare_http_requests_total',
                       'glare_http_request_duration_seconds_bucket',
                       'glare_http_received_bytes_total',
                       'glare_http_sent_bytes_total',
                       'glare_uploads_in_progress',
                       'glare_db_connections_in_use',
                       'glare_scrubber_queue'):
            self.assertIn('# HELP %s' % family.replace('_bucket', ''),
                          text)
        self.assertIn('glare_quota_refusals_total{quota="data"}', text)


class TestMultiprocess(base.TestCase):
    def test_values_of_every_process_are_summed(self):
        directory = self.useFixture(fixtures.TempDir()).path
        env = dict(os.environ, **{metrics.ENV: directory})
        pids = [subprocess.run(
            [sys.executable, '-c', _WORKER, str(count)], env=env,
            check=True, timeout=60, capture_output=True,
            text=True).stdout.strip() for count in (3, 4)]
        # glare-api's master says when a worker died (child_exit).
        scrape = subprocess.run(
            [sys.executable, '-c', 'from glare import metrics; '
             'metrics.worker_exited(%s); '
             'print(metrics.render()[0].decode())' % pids[0]],
            env=env, check=True, timeout=60, capture_output=True,
            text=True).stdout
        self.assertIn('glare_http_requests_total{method="GET",'
                      'route="/artifacts/{type_name}",status="200"} 7.0',
                      scrape)
        # Uploads in progress count live workers only.
        self.assertIn('glare_uploads_in_progress 1.0', scrape)

    def test_a_directory_of_our_own_unless_the_operator_gave_one(self):
        self.useFixture(fixtures.EnvironmentVariable(metrics.ENV))
        made = metrics.make_multiprocess_dir()
        self.assertTrue(os.path.isdir(made))
        self.assertEqual(made, os.environ[metrics.ENV])
        self.assertIsNone(metrics.make_multiprocess_dir())
        metrics.remove_multiprocess_dir(made)
        self.assertFalse(os.path.exists(made))
