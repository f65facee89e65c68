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
    glare-db-manage [--config-file F] import-glare --from-connection URL
        [--dry-run] [--copy-blobs] [--json]

``glare-manage`` is the same command.
"""

import json
import sys

from oslo_config import cfg
from oslo_log import log

from glare import context
from glare.db import migration
from glare.engine import glare_import
from glare import exception
from glare.objects import registry
from glare import service
from glare.store import api as store

# Exit status of an import that left rows out (each reported).
ROWS_LEFT_OUT = 2


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


def _import_glare(conf):
    command = conf.command
    try:
        if service.uses_embedded_database(conf):
            migration.upgrade()
        elif migration.current() != migration.head():
            print('The glare database is not at the latest schema '
                  'revision; run "glare-db-manage upgrade" first.',
                  file=sys.stderr)
            return 1
        registry.load_types(conf.enabled_artifact_types)
        store.setup(conf)
        report = glare_import.run(
            context.get_admin_context(), command.from_connection,
            dry_run=command.dry_run, copy_blobs=command.copy_blobs)
    except exception.GlareException as exc:
        print('Import failed: %s' % exc, file=sys.stderr)
        return 1
    result = report.to_dict()
    if command.json:
        print(json.dumps(result, indent=2, sort_keys=True))
    else:
        _print_report(result)
    return ROWS_LEFT_OUT if result['not_carried'] else 0


_PLURALS = {'artifact': 'artifacts', 'blob': 'blobs',
            'property': 'properties', 'quota': 'quotas', 'tag': 'tags'}


def _print_report(result):
    print('Import from Glare 5.0.1 (schema revision %s)%s' % (
        result['source_schema_revision'] or 'unknown',
        ': dry run, nothing written' if result['dry_run'] else ''))
    for kind, outcomes in result['counts'].items():
        print('%s: %s' % (_PLURALS.get(kind, kind), ', '.join(
            '%d %s' % (n, outcome.replace('_', ' '))
            for outcome, n in outcomes.items())))
    for type_name, outcomes in result['artifacts_by_type'].items():
        print('  %s: %s' % (type_name, ', '.join(
            '%d %s' % (n, outcome.replace('_', ' '))
            for outcome, n in outcomes.items())))
    for type_name, reason in result['types_not_imported'].items():
        print('Type %s not imported: %s' % (type_name, reason))
    if result['not_carried']:
        print('Not carried (%d):' % len(result['not_carried']))
        for row in result['not_carried']:
            print('  %(kind)s %(id)s: %(reason)s' % row)


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
        'import-glare', help='Import the artifacts, blobs and quotas of a '
                             'Glare 5.0.1 database (see '
                             'doc/source/migrate-from-glare.rst).')
    parser.add_argument('--from-connection', required=True,
                        metavar='URL',
                        help='SQLAlchemy URL of the Glare database; only '
                             'read.')
    parser.add_argument('--dry-run', action='store_true',
                        help='Check and report everything; write nothing.')
    parser.add_argument('--copy-blobs', action='store_true',
                        help='Copy stored blob data into glare\'s backends '
                             'instead of using it where it is.')
    parser.add_argument('--json', action='store_true',
                        help='Print the report as JSON.')
    parser.set_defaults(func=_import_glare)


def main(argv=None):
    conf = cfg.CONF
    # Logs go to stderr: stdout is the command's result (a report that
    # may be JSON).
    log.register_options(conf)
    conf.set_default('use_stderr', True)
    conf.register_cli_opt(cfg.SubCommandOpt(
        'command', title='Commands', handler=_add_commands))
    service.prepare(sys.argv[1:] if argv is None else argv, conf=conf)
    return conf.command.func(conf)


if __name__ == '__main__':
    sys.exit(main())
