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

"""``glare-status upgrade check``: is this deployment ready to serve?

Run it with the service's configuration before (re)starting the API
after an upgrade::

    glare-status --config-file /etc/glare/glare.conf upgrade check [--json]

Besides the upgrade checks it reports the notification backlog: how many
notifications wait for the broker, and since when.

Exit status (oslo.upgradecheck): 0 every check passed, 1 a warning worth
reading, 2 a failure to fix first, 255 the checker itself broke.
"""

import re
import sys

from oslo_config import cfg
from oslo_log import log
from oslo_policy import policy as oslo_policy
from oslo_upgradecheck import common_checks
from oslo_upgradecheck import upgradecheck
from oslo_utils import timeutils
import sqlalchemy as sa

from glare.api.middleware import auth as api_auth
from glare.cmd import api as api_cmd
from glare.db import migration
from glare.db import outbox
from glare.engine import notifications
from glare import policies
from glare import policy
from glare import service

Result = upgradecheck.Result
Code = upgradecheck.Code

_RULE_REFERENCE = re.compile(r'\brule:([^\s()]+)')
# The backlog check warns from this share of notification_backlog_max on,
# and when the oldest notification waited longer than this many seconds.
BACKLOG_WARNING = 0.8
BACKLOG_AGE_WARNING = 300


class Checks(upgradecheck.UpgradeCommands):
    """The checks, each reading the configuration only (and the database)."""

    def __init__(self, conf):
        super().__init__()
        self.conf = conf

    def _check_schema(self):
        """The database schema is the one this code needs."""
        connection = self.conf.database.connection
        # A plain engine without oslo.db's connection retries: an
        # unreachable database is reported at once.
        engine = sa.create_engine(connection, poolclass=sa.pool.NullPool)
        try:
            current = migration.current(engine)
        except sa.exc.SQLAlchemyError as exc:
            return Result(Code.FAILURE, 'Cannot read the database at %s: '
                          '%s' % (_safe_url(connection), _first_line(exc)))
        finally:
            engine.dispose()
        head = migration.head()
        if current == head:
            return Result(Code.SUCCESS,
                          'The schema is at revision %s.' % head)
        if service.uses_embedded_database(self.conf):
            return Result(Code.SUCCESS, 'The embedded SQLite database is at '
                          'revision %s; glare-api upgrades it to %s when it '
                          'starts.' % (current or 'none', head))
        return Result(Code.FAILURE, 'The database schema is at revision %s; '
                      'this code needs %s. Run "glare-db-manage upgrade" '
                      'first.' % (current or 'none (empty database)', head))

    def _check_notification_backlog(self):
        """Notifications waiting in the outbox for the broker."""
        conf = self.conf
        if not notifications.enabled():
            return Result(Code.SUCCESS, 'Notifications are off ([oslo_'
                          'messaging_notifications] driver).')
        engine = sa.create_engine(conf.database.connection,
                                  poolclass=sa.pool.NullPool)
        try:
            count, oldest = outbox.backlog(engine)
        except sa.exc.SQLAlchemyError as exc:
            return Result(Code.WARNING, 'Cannot read the notification '
                          'outbox: %s' % _first_line(exc))
        finally:
            engine.dispose()
        if not count:
            return Result(Code.SUCCESS, 'No notification waits to be sent.')
        age = (timeutils.utcnow() - oldest).total_seconds()
        waiting = ('%d notification(s) wait to be sent, the oldest for %d '
                   's' % (count, age))
        limit = conf.notification_backlog_max
        if count >= limit * BACKLOG_WARNING:
            return Result(Code.WARNING, '%s: near notification_backlog_max '
                          '(%d), beyond which the oldest are dropped. Is '
                          'the broker reachable?' % (waiting, limit))
        if age > BACKLOG_AGE_WARNING:
            return Result(Code.WARNING, '%s. Is the broker reachable, and '
                          'does a glare-api process run?' % waiting)
        return Result(Code.SUCCESS, waiting + '.')

    def _check_auth(self):
        """Development auth trusts anyone; it must not face a network."""
        conf = self.conf
        # What glare-api would choose with this configuration.
        api_cmd.choose_embedded_auth(conf)
        if conf.auth_strategy == 'keystone':
            return Result(Code.SUCCESS)
        if not api_auth.is_loopback(conf.bind_host):
            if conf.allow_insecure_dev_auth:
                return Result(Code.WARNING, (
                    'auth_strategy = %s on the non-loopback bind_host %s '
                    'with allow_insecure_dev_auth = true: anyone who '
                    'reaches the API can act as any user, admin '
                    'included.') % (conf.auth_strategy, conf.bind_host))
            return Result(Code.FAILURE, (
                'auth_strategy = %s trusts any client and glare-api refuses '
                'it on the non-loopback bind_host %s. Use auth_strategy = '
                'keystone.') % (conf.auth_strategy, conf.bind_host))
        return Result(Code.WARNING, (
            'auth_strategy = %s believes whatever identity a client '
            'claims; use it for development only. A WSGI server (uwsgi, '
            'gunicorn) listens wherever it is told, whatever bind_host '
            'says.') % conf.auth_strategy)

    def _check_policy_file(self):
        """The policy file parses and overrides rules that exist."""
        conf = self.conf
        policy.reset()
        try:
            # Registers the [oslo_policy] options and loads the file.
            enforcer = policy.get_enforcer(conf)
        except ValueError as exc:
            policy.reset()
            return Result(Code.FAILURE, 'The policy file cannot be parsed: '
                          '%s' % _first_line(exc))
        try:
            return self._check_policy_rules(enforcer)
        finally:
            policy.reset()

    def _check_policy_rules(self, enforcer):
        conf = self.conf
        path = conf.find_file(conf.oslo_policy.policy_file)
        if path is None:
            return Result(Code.SUCCESS, 'No policy file (%s): the defaults '
                          'in the code apply.' % conf.oslo_policy.policy_file)
        try:
            with open(path, 'rb') as stream:
                rules = oslo_policy.parse_file_contents(stream.read())
        except (OSError, ValueError) as exc:
            return Result(Code.FAILURE, 'Policy file %s cannot be read: %s' %
                          (path, _first_line(exc)))
        if not isinstance(rules, dict) or not all(
                isinstance(value, str) for value in rules.values()):
            return Result(Code.FAILURE, 'Policy file %s must map rule names '
                          'to rule strings.' % path)
        problems = []
        referenced = {name for text in rules.values()
                      for name in _RULE_REFERENCE.findall(text)}
        undefined = sorted(referenced - set(enforcer.rules))
        if undefined:
            problems.append('references to rules that are not defined: %s'
                            % ', '.join(undefined))
        elif not enforcer.check_rules():
            problems.append('rules that refer to each other in a cycle')
        garbled = sorted(name for name, text in rules.items()
                         if text.strip() not in ('!', '') and
                         str(enforcer.rules.get(name)) == '!')
        if garbled:
            problems.append('rules that do not parse (they deny '
                            'everything): %s' % ', '.join(garbled))
        if problems:
            return Result(Code.FAILURE, 'Policy file %s has %s.' % (
                path, '; and '.join(problems)))
        known = {rule.name for rule in policies.list_rules()}
        unknown = sorted(set(rules) - known - referenced)
        if unknown:
            return Result(Code.WARNING, 'Policy file %s sets rules glare '
                          'does not have (misspelt, or removed): %s.' % (
                              path, ', '.join(unknown)))
        return Result(Code.SUCCESS, 'Policy file %s overrides %d rule(s).' %
                      (path, len(rules)))

    def _check_policy_json(self):
        return common_checks.check_policy_json(self, self.conf)

    _upgrade_checks = (
        ('Database schema', _check_schema),
        ('Notification backlog', _check_notification_backlog),
        ('Authentication', _check_auth),
        ('Policy file', _check_policy_file),
        ('Policy file format', _check_policy_json),
    )


def _safe_url(connection):
    try:
        return sa.engine.make_url(connection).render_as_string(
            hide_password=True)
    except sa.exc.ArgumentError:
        return '(unparseable [database] connection)'


def _first_line(exc):
    text = str(getattr(exc, 'orig', None) or exc).strip()
    return text.splitlines()[0] if text else type(exc).__name__


def main(argv=None):
    conf = cfg.CONF
    upgradecheck.register_cli_options(conf, Checks(conf))
    # Logs go to stderr, so that stdout is the report (--json parses).
    log.register_options(conf)
    conf.set_default('use_stderr', True)
    service.prepare(sys.argv[1:] if argv is None else argv, conf=conf)
    # What oslo.upgradecheck's own main() sets: "--json" is read from it.
    upgradecheck.CONF = conf
    return upgradecheck.run(conf)


if __name__ == '__main__':
    sys.exit(main())
