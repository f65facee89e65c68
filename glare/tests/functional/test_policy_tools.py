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

"""oslo.policy's command-line tools on glare's entry points.

An operator writes the sample policy, the effective policy of a
deployment, and checks what a token may do, with the tools installed
beside glare.
"""

import json
import os
import subprocess
import sys

import fixtures
import testtools
import yaml

from glare.tests.functional import server

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.dirname(
    os.path.abspath(__file__)))))


def tool(name, *args, cwd=None):
    path = os.path.join(os.path.dirname(sys.executable), name)
    result = subprocess.run([path] + list(args), stdin=subprocess.DEVNULL,
                            capture_output=True, text=True, timeout=120,
                            cwd=cwd)
    if result.returncode:
        raise AssertionError('%s failed (%s):\n%s%s' % (
            name, result.returncode, result.stdout, result.stderr))
    return result.stdout


class TestPolicyTools(testtools.TestCase):
    def setUp(self):
        super().setUp()
        self.dir = self.useFixture(fixtures.TempDir()).path

    def write(self, name, data):
        path = os.path.join(self.dir, name)
        with open(path, 'w') as stream:
            if isinstance(data, str):
                stream.write(data)
            else:
                json.dump(data, stream)
        return path

    def test_sample_generator_documents_every_rule(self):
        out = os.path.join(self.dir, 'policy.yaml.sample')
        tool('oslopolicy-sample-generator', '--config-file',
             os.path.join(ROOT, 'etc', 'glare',
                          'glare-policy-generator.conf'),
             '--output-file', out, cwd=ROOT)
        with open(out) as stream:
            text = stream.read()
        self.assertIn('#"artifact:publish": "rule:context_is_admin"', text)
        self.assertIn('# PATCH  /artifacts/{type_name}/{artifact_id}', text)
        # The renamed rule's old name keeps working, and says so.
        self.assertIn('"artifact:list_all_artifacts":"rule:context_is_admin"'
                      ' has been deprecated', text.replace('\n#', ''))
        # Every line is a comment: the sample changes nothing.
        self.assertEqual({}, yaml.safe_load(text) or {})

    def test_policy_generator_merges_the_operators_overrides(self):
        policy_file = self.write('policy.yaml',
                                 '"artifact:publish": "role:publisher"\n')
        conf = server.write_config(
            os.path.join(self.dir, 'glare.conf'),
            sections={'oslo_policy': {'policy_file': policy_file}})
        effective = yaml.safe_load(tool(
            'oslopolicy-policy-generator', '--namespace', 'glare',
            '--config-file', conf))
        self.assertEqual('role:publisher', effective['artifact:publish'])
        self.assertEqual('rule:context_is_admin or rule:project_member',
                         effective['artifact:create'])

    def test_checker_tells_what_a_token_may_do(self):
        effective = self.write('effective.yaml', tool(
            'oslopolicy-policy-generator', '--namespace', 'glare'))
        access = self.write('reader.json', {'token': {
            'roles': [{'name': 'reader'}], 'user': {'id': 'u1'},
            'project': {'id': 'p1'}}})
        target = self.write('artifact.json', {
            'owner': 'p1', 'project_id': 'p1', 'visibility': 'private',
            'status': 'drafted', 'type_name': 'images'})
        out = tool('oslopolicy-checker', '--policy', effective,
                   '--access', access, '--target', target)
        lines = set(out.splitlines())
        for rule in ('artifact:get', 'artifact:download', 'artifact:list'):
            self.assertIn('passed: %s' % rule, lines)
        for rule in ('artifact:create', 'artifact:update',
                     'artifact:upload', 'artifact:delete_private',
                     'artifact:publish', 'artifact:read_all_projects'):
            self.assertIn('failed: %s' % rule, lines)
        member = self.write('member.json', {'token': {
            'roles': [{'name': 'member'}, {'name': 'reader'}],
            'user': {'id': 'u2'}, 'project': {'id': 'p1'}}})
        out = tool('oslopolicy-checker', '--policy', effective,
                   '--access', member, '--target', target,
                   '--rule', 'artifact:update')
        self.assertEqual('passed: artifact:update', out.strip())
