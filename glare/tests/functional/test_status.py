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

"""``glare-status upgrade check`` as an operator runs it: a subprocess.

Each test writes a configuration file pointing at a SQLite file outside
``state_dir`` (not the embedded database glare-api migrates by itself)
and reads the verdict from the exit status and the ``--json`` report.
"""

import datetime
import json
import os
import sqlite3
import subprocess
import sys

import fixtures
import testtools
from testtools import content

from glare.tests.functional import server
from glare.tests.functional import test_scale_out

SUCCESS, WARNING, FAILURE = 0, 1, 2


def _script(name):
    return os.path.join(os.path.dirname(sys.executable), name)


class TestUpgradeCheck(testtools.TestCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # One migrated database the checks only read.
        cls.shared = fixtures.TempDir()
        cls.shared.setUp()
        cls.migrated = 'sqlite:///' + os.path.join(cls.shared.path,
                                                   'migrated.sqlite')
        config = server.write_config(
            os.path.join(cls.shared.path, 'glare.conf'),
            {'state_dir': cls.shared.path},
            {'database': {'connection': cls.migrated}})
        result = test_scale_out.run_db_manage(config, 'upgrade')
        if result.returncode:
            cls.shared.cleanUp()
            raise RuntimeError(result.stdout + result.stderr)

    @classmethod
    def tearDownClass(cls):
        cls.shared.cleanUp()
        super().tearDownClass()

    def setUp(self):
        super().setUp()
        self.work = self.useFixture(fixtures.TempDir()).path
        self.database = self.migrated
        self.policy_path = os.path.join(self.work, 'policy.yaml')

    def write_config(self, policy=None, sections=None, **options):
        values = {'state_dir': os.path.join(self.work, 'state'),
                  'auth_strategy': 'keystone'}
        values.update(options)
        sections = dict(sections or {},
                        database={'connection': self.database})
        if policy is not None:
            with open(self.policy_path, 'w') as stream:
                stream.write(policy)
            sections['oslo_policy'] = {'policy_file': self.policy_path}
        return server.write_config(os.path.join(self.work, 'glare.conf'),
                                   values, sections)

    def migrate(self, revision='head'):
        config = self.write_config()
        result = test_scale_out.run_db_manage(config, 'upgrade', revision)
        self.assertEqual(0, result.returncode, result.stderr)

    def check(self, config):
        """Run the checks; returns (exit status, {check name: result})."""
        result = subprocess.run(
            [_script('glare-status'), '--config-file', config, 'upgrade',
             'check', '--json'], stdin=subprocess.DEVNULL,
            capture_output=True, text=True, timeout=120,
            env=dict(os.environ, XDG_STATE_HOME=self.work))
        self.addDetail('glare-status output', content.text_content(
            result.stdout + result.stderr))
        report = json.loads(result.stdout)
        return result.returncode, {check['check']: (check['result'],
                                                    check['details'])
                                   for check in report['checks']}

    def test_ready_deployment_passes_every_check(self):
        status, checks = self.check(self.write_config(
            policy='"artifact:create": "rule:creators"\n'
                   '"creators": "role:member"\n'))
        self.assertEqual(SUCCESS, status, checks)
        self.assertEqual({SUCCESS}, {code for code, _ in checks.values()})
        self.assertIn('overrides 2 rule(s)', checks['Policy file'][1])

    def test_pending_migrations_fail_the_check(self):
        self.database = 'sqlite:///' + os.path.join(self.work, 'new.sqlite')
        status, checks = self.check(self.write_config())
        self.assertEqual(FAILURE, status)
        code, details = checks['Database schema']
        self.assertEqual(FAILURE, code)
        self.assertIn('none (empty database)', details)
        self.assertIn('glare-db-manage upgrade', details)
        # Half-way through the migrations: still behind, and says where.
        self.migrate('0002')
        code, details = self.check(self.write_config())[1]['Database schema']
        self.assertEqual(FAILURE, code)
        self.assertIn('at revision 0002', details)
        self.migrate()
        self.assertEqual(SUCCESS,
                         self.check(self.write_config())[1][
                             'Database schema'][0])

    def test_unreachable_database_is_a_failure_not_a_crash(self):
        self.database = ('postgresql+psycopg2://postgres:secret@127.0.0.1:1/'
                         'glare')
        status, checks = self.check(self.write_config())
        self.assertEqual(FAILURE, status)
        code, details = checks['Database schema']
        self.assertEqual(FAILURE, code)
        self.assertIn('Cannot read the database', details)
        self.assertNotIn('secret', details)

    def test_development_auth_on_a_public_address(self):
        status, checks = self.check(self.write_config(
            auth_strategy='trusted', bind_host='0.0.0.0'))
        self.assertEqual(FAILURE, status)
        code, details = checks['Authentication']
        self.assertEqual(FAILURE, code)
        self.assertIn('0.0.0.0', details)
        # Allowed explicitly: glare-api starts, the checker still warns.
        status, checks = self.check(self.write_config(
            auth_strategy='noauth', bind_host='0.0.0.0',
            allow_insecure_dev_auth=True))
        self.assertEqual(WARNING, status)
        self.assertIn('act as any user', checks['Authentication'][1])
        # On loopback: a development set-up, a warning.
        status, checks = self.check(self.write_config(
            auth_strategy='trusted', bind_host='127.0.0.1'))
        self.assertEqual((WARNING, WARNING),
                         (status, checks['Authentication'][0]))

    def test_unparseable_policy_file(self):
        status, checks = self.check(self.write_config(
            policy='"artifact:create": [role:admin\n'))
        self.assertEqual(FAILURE, status)
        code, details = checks['Policy file']
        self.assertEqual(FAILURE, code)
        self.assertIn('cannot be parsed', details)

    def test_broken_rules_fail_and_unknown_rules_warn(self):
        status, checks = self.check(self.write_config(
            policy='"artifact:create": "rule:no_such_rule"\n'
                   '"artifact:upload": "role:admin and ("\n'))
        self.assertEqual(FAILURE, status)
        details = checks['Policy file'][1]
        self.assertIn('not defined: no_such_rule', details)
        self.assertIn('do not parse (they deny everything): artifact:upload',
                      details)
        status, checks = self.check(self.write_config(
            policy='"artifact:craete": "role:admin"\n'))
        self.assertEqual(WARNING, status)
        self.assertIn('artifact:craete', checks['Policy file'][1])

    def test_json_policy_file_is_reported(self):
        status, checks = self.check(self.write_config(
            policy='{"artifact:create": "role:member"}'))
        self.assertEqual(FAILURE, status)
        self.assertEqual(SUCCESS, checks['Policy file'][0])
        self.assertEqual(FAILURE, checks['Policy file format'][0])

    def test_notification_backlog(self):
        path = os.path.join(self.work, 'outbox.sqlite')
        self.database = 'sqlite:///' + path
        self.migrate()
        backlog = 'Notification backlog'
        code, details = self.check(self.write_config())[1][backlog]
        self.assertEqual((SUCCESS, True), (code, 'are off' in details))
        notifying = {'oslo_messaging_notifications': {
            'driver': 'messagingv2'}}
        code, details = self.check(self.write_config(
            sections=notifying))[1][backlog]
        self.assertEqual((SUCCESS, True), (code, 'No notification' in
                                           details))
        # Three notifications wait, the oldest for ten minutes.
        now = datetime.datetime.utcnow()
        with sqlite3.connect(path) as connection:
            connection.executemany(
                'INSERT INTO notification_outbox (message_id, event_type, '
                'payload, context, created_at) VALUES (?, ?, ?, ?, ?)',
                [('m%d' % n, 'artifact.create', '{}', '{}',
                  str(now - datetime.timedelta(minutes=10 - n)))
                 for n in range(3)])
        status, checks = self.check(self.write_config(sections=notifying))
        code, details = checks[backlog]
        self.assertEqual(WARNING, code)
        self.assertRegex(details, r'^3 notification\(s\) wait to be sent, '
                                  r'the oldest for 6[0-9][0-9] s')
        self.assertIn('Is the broker reachable', details)
        # Near the bound, whatever their age.
        with sqlite3.connect(path) as connection:
            connection.execute('UPDATE notification_outbox SET created_at '
                               '= ?', (str(now),))
        code, details = self.check(self.write_config(
            sections=notifying, notification_backlog_max=3))[1][backlog]
        self.assertEqual(WARNING, code)
        self.assertIn('notification_backlog_max (3)', details)
        code, details = self.check(self.write_config(
            sections=notifying))[1][backlog]
        self.assertEqual(SUCCESS, code)
