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

"""``glare-db-manage``: the database schema.

    glare-db-manage [--config-file F] upgrade [REVISION]
    glare-db-manage [--config-file F] version
    glare-db-manage [--config-file F] check
    glare-db-manage [--config-file F] retention run

``retention run`` applies the projects' retention policies once, as
glare-scrubber does on each pass.
"""

import sys

from oslo_config import cfg

from glare import context
from glare.db import migration
from glare.engine import retention
from glare.objects import registry
from glare import service
from glare.store import api as store


def _upgrade(conf):
    migration.upgrade(conf.command.revision)
    print('Database is at revision %s.' % migration.current())
    return 0


def _version(conf):
    print(migration.current() or 'empty (no schema yet)')
    return 0


def _check(conf):
    current, head = migration.current(), migration.head()
    if current == head:
        print('Database is up to date (revision %s).' % head)
        return 0
    print('Database is at revision %s; the code needs %s. Run '
          '"glare-db-manage upgrade".' % (current or 'none', head))
    return 1


def _retention(conf):
    store.setup(conf)
    registry.load_types(conf.enabled_artifact_types)
    deleted = retention.run(context.get_admin_context())
    print('Retention deleted %d artifact(s).' % deleted)
    return 0


def _add_commands(subparsers):
    parser = subparsers.add_parser(
        'upgrade', help='Upgrade the schema (to the latest revision by '
                        'default).')
    parser.add_argument('revision', nargs='?', default='head')
    parser.set_defaults(func=_upgrade)
    parser = subparsers.add_parser(
        'version', help='Print the schema revision of the database.')
    parser.set_defaults(func=_version)
    parser = subparsers.add_parser(
        'check', help='Exit 1 when the schema needs an upgrade.')
    parser.set_defaults(func=_check)
    parser = subparsers.add_parser(
        'retention', help='Apply the projects\' retention policies once.')
    parser.add_argument('action', choices=['run'])
    parser.set_defaults(func=_retention)


def main(argv=None):
    conf = cfg.CONF
    conf.register_cli_opt(cfg.SubCommandOpt(
        'command', title='Commands', handler=_add_commands))
    service.prepare(sys.argv[1:] if argv is None else argv, conf=conf)
    return conf.command.func(conf)


if __name__ == '__main__':
    sys.exit(main())
