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

"""/metrics of a real glare-api with two worker processes (issue 16).

Traffic of every kind (lists, creates, uploads, downloads, a quota
refusal), then a scrape from the API host: every family has values, and
the counters are the sums over both workers, whichever answers.
"""

import re

import requests

from glare.tests.functional import base
from glare.tests.functional import server

ADMIN = {'X-Auth-Token': 'admin:admin:admin'}
MEMBER = {'X-Auth-Token': 'user1:project1:member'}
V11 = {'OpenStack-API-Version': 'artifact 1.1'}
LISTS = 40


def sample(text, name, **labels):
    """The value of one sample of the exposition, 0.0 when absent."""
    total = 0.0
    for line in text.splitlines():
        match = re.match(r'^%s(\{(.*)\})? (\S+)$' % re.escape(name), line)
        if not match:
            continue
        found = dict(re.findall(r'(\w+)="([^"]*)"', match.group(2) or ''))
        if all(found.get(k) == v for k, v in labels.items()):
            total += float(match.group(3))
    return total


class TestMetricsOfSeveralWorkers(server.ServerTestCase):
    server_options = {'workers': 2, 'threads': 4}

    def scrape(self):
        resp = requests.get(self.url + '/metrics', timeout=30)
        self.assertEqual(200, resp.status_code, resp.text)
        self.assertTrue(resp.headers['Content-Type'].startswith(
            'text/plain'))
        return resp.text

    def test_every_family_counts_the_traffic_of_both_workers(self):
        before = self.scrape()
        route = '/artifacts/{type_name}'
        for _ in range(LISTS):
            # A new connection each: the workers share the requests.
            resp = requests.get(self.url + '/artifacts/images',
                                headers=dict(MEMBER, Connection='close'),
                                timeout=30)
            self.assertEqual(200, resp.status_code)
        art = requests.post(self.url + '/artifacts/images',
                            json={'name': 'metered'}, headers=MEMBER,
                            timeout=30).json()
        blob = '%s/artifacts/images/%s/image' % (self.url, art['id'])
        data = b'x' * 100000
        self.assertEqual(200, requests.put(blob, data=data, headers=MEMBER,
                                           timeout=30).status_code)
        self.assertEqual(data, requests.get(blob, headers=MEMBER,
                                            timeout=30).content)
        resp = requests.put(self.url + '/quotas', headers=dict(ADMIN, **V11),
                            json=[{'project_id': 'project1',
                                   'project_quotas': [{
                                       'quota_name': 'max_artifact_number',
                                       'quota_value': 1}]}], timeout=30)
        self.assertEqual(200, resp.status_code, resp.text)
        self.assertEqual(403, requests.post(
            self.url + '/artifacts/images', json={'name': 'refused'},
            headers=MEMBER, timeout=30).status_code)

        after = self.scrape()

        def grew(name, **labels):
            return sample(after, name, **labels) - sample(before, name,
                                                          **labels)

        # Exactly the requests sent, summed over both workers.
        self.assertEqual(LISTS, grew('glare_http_requests_total',
                                     route=route, method='GET',
                                     status='200'))
        self.assertEqual(LISTS, grew(
            'glare_http_request_duration_seconds_count', route=route,
            method='GET', status='200'))
        blob_route = '/artifacts/{type_name}/{artifact_id}/{blob_path*}'
        self.assertGreaterEqual(grew('glare_http_received_bytes_total',
                                     route=blob_route), len(data))
        self.assertGreaterEqual(grew('glare_http_sent_bytes_total',
                                     route=blob_route), len(data))
        self.assertEqual(1, grew('glare_quota_refusals_total',
                                 quota='count'))
        self.assertGreater(sample(after, 'glare_db_connections_opened_total'),
                           0)
        for family in ('glare_uploads_in_progress',
                       'glare_db_connections_in_use'):
            self.assertIn('\n%s ' % family, after)
        self.assertEqual(0, sample(after, 'glare_scrubber_queue',
                                   state='failing'))
        self.assertIn('glare_scrubber_queue{state="pending"}', after)

    def test_one_access_log_line_per_request(self):
        since = self.server.log_length()
        resp = requests.get(self.url + '/artifacts/images?name=logged',
                            headers=MEMBER, timeout=30)
        request_id = resp.headers['X-OpenStack-Request-ID']
        [line] = self.server.logged(request_id, since=since)
        self.assertIn('"GET /artifacts/images?name=logged HTTP/1.1" 200 ',
                      line)
        for fragment in ('user=user1', 'project=project1',
                         'route=/artifacts/{type_name}'):
            self.assertIn(fragment, line)


class TestMetricsFromTheNetwork(base.ApiTestCase):
    def test_admins_only(self):
        self.flags(allow_insecure_dev_auth=True)
        self.app = self.build_app()
        remote = {'REMOTE_ADDR': '192.0.2.10'}
        for token, status in ((None, 401), (base.MEMBER, 403),
                              (base.ADMIN, 200)):
            resp = self.app.get('/metrics', status='*', extra_environ=remote,
                                headers={'X-Auth-Token': token} if token
                                else {})
            self.assertEqual(status, resp.status_int, resp.text)
        self.assertIn('glare_http_requests_total', resp.text)
