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

"""The version lifecycle (API microversion 1.2).

``openstack artifact consumer add|remove|list``, ``artifact outdated``,
``artifact alias set|unset|list``, ``artifact retention
set|show|preview``.
"""

import argparse

from cliff import command
from cliff import lister
from cliff import show

from glare_client.osc.v1 import common

CONSUMER_COLUMNS = ('consumer_id', 'service', 'resource_type',
                    'project_id', 'created_at')
POLICY_COLUMNS = ('type_name', 'project_id', 'keep_last', 'keep_days',
                  'updated_at')


def _non_negative(text):
    try:
        value = int(text)
    except ValueError:
        value = -1
    if value < 0:
        raise argparse.ArgumentTypeError(
            '%r is not a whole number of 0 or more.' % text)
    return value


class _OnArtifact(common.OnArtifact):
    """A command about one artifact and, maybe, one thing of it.

    ``argument``: ``(dest, metavar, help)`` of that thing (a consumer
    id, an alias), a positional argument after the artifact's.
    """

    argument = None

    def add_arguments(self, parser):
        if self.argument:
            dest, metavar, text = self.argument
            parser.add_argument(dest, metavar=metavar, help=text)


class AddConsumer(_OnArtifact, show.ShowOne):
    """Register that a consumer (an instance, a stack...) uses an artifact.

    Registering the same consumer again changes nothing.
    """

    argument = ('consumer_id', '<CONSUMER_ID>',
                'Id of the consumer, e.g. the UUID of a Nova instance.')

    def add_arguments(self, parser):
        super().add_arguments(parser)
        parser.add_argument('--service', required=True,
                            metavar='<SERVICE>',
                            help='Service type of the consumer, e.g. '
                                 'compute.')
        parser.add_argument('--resource-type', required=True,
                            metavar='<RESOURCE_TYPE>',
                            help='What the consumer is, e.g. instance.')
        parser.add_argument('--project', metavar='<PROJECT_ID>',
                            help='Project of the consumer (default: yours; '
                                 'services may give any).')

    def act(self, glare, art, parsed_args):
        consumer = glare.add_consumer(
            parsed_args.type_name, art['id'], parsed_args.consumer_id,
            parsed_args.service, parsed_args.resource_type,
            parsed_args.project)
        consumer = dict(consumer, artifact_id=art['id'])
        names = sorted(consumer)
        return names, [consumer[name] for name in names]


class RemoveConsumer(_OnArtifact, command.Command):
    """Say that a consumer no longer uses an artifact."""

    argument = ('consumer_id', '<CONSUMER_ID>', 'Id of the consumer.')

    def act(self, glare, art, parsed_args):
        glare.remove_consumer(parsed_args.type_name, art['id'],
                              parsed_args.consumer_id)


class ListConsumers(_OnArtifact, lister.Lister):
    """List the consumers of an artifact.

    Ids of consumers of other projects are not shown to you unless you
    are an administrator or a service.
    """

    def act(self, glare, art, parsed_args):
        return CONSUMER_COLUMNS, [
            tuple(consumer.get(c) for c in CONSUMER_COLUMNS)
            for consumer in glare.consumers(parsed_args.type_name,
                                            art['id'])]


class Outdated(lister.Lister):
    """List the consumers of a version that has a newer active one.

    The rebuild list: each consumer, the version it uses and the newest
    version of the same name (and disk format, for images) that its
    project can use.
    """

    def get_parser(self, prog_name):
        parser = super().get_parser(prog_name)
        parser.add_argument('--type', metavar='<TYPE_NAME>',
                            dest='artifact_type', type=common.type_name,
                            help='Only artifacts of this type.')
        parser.add_argument('--name', metavar='<NAME>',
                            help='Only artifacts of this name.')
        parser.add_argument('--service', metavar='<SERVICE>',
                            help='Only consumers of this service.')
        return parser

    def take_action(self, parsed_args):
        glare = self.app.client_manager.artifact
        found = glare.outdated(parsed_args.artifact_type, parsed_args.name,
                               parsed_args.service)
        return (('consumer_id', 'service', 'resource_type', 'type_name',
                 'name', 'version', 'artifact_id', 'newest_version',
                 'newest_id'),
                [(c['consumer_id'], c['service'], c['resource_type'],
                  c['artifact']['type_name'], c['artifact']['name'],
                  c['artifact']['version'], c['artifact']['id'],
                  c['newest']['version'], c['newest']['id'])
                 for c in found])


class SetAlias(_OnArtifact, common.ArtifactCommand):
    """Point an alias (e.g. stable) of a name at one of its versions.

    The alias moves from whichever version of the name held it.
    """

    argument = ('alias', '<ALIAS>',
                'The alias: letters, digits, ".", "_" and "-".')

    def act(self, glare, art, parsed_args):
        return glare.set_alias(parsed_args.type_name, art['id'],
                               parsed_args.alias)


class UnsetAlias(_OnArtifact, command.Command):
    """Remove an alias from an artifact."""

    argument = ('alias', '<ALIAS>', 'The alias to remove.')

    def act(self, glare, art, parsed_args):
        glare.unset_alias(parsed_args.type_name, art['id'],
                          parsed_args.alias)


class ListAliases(_OnArtifact, lister.Lister):
    """Show an artifact's aliases and the last moves of its name's aliases.

    The first rows are the aliases the artifact holds (moved_at empty);
    then the moves, newest first.
    """

    def act(self, glare, art, parsed_args):
        found = glare.aliases(parsed_args.type_name, art['id'])
        rows = [(alias, None, art['id'], None) for alias in
                found['aliases']]
        rows.extend((move['alias'], move['from'], move['to'],
                     move['moved_at']) for move in found['history'])
        return ('alias', 'from', 'to', 'moved_at'), rows


class _OnType:
    """A command about your project's use of one artifact type.

    Mixed in before a cliff command class; a subclass adds its own
    arguments in ``add_arguments`` and works in ``act``.
    """

    def get_parser(self, prog_name):
        parser = super().get_parser(prog_name)
        common.add_type_argument(parser)
        self.add_arguments(parser)
        return parser

    def add_arguments(self, parser):
        """The command's own arguments, after the type's."""

    def take_action(self, parsed_args):
        return self.act(self.app.client_manager.artifact,
                        parsed_args.type_name, parsed_args)


class _PolicyCommand(_OnType, show.ShowOne):
    """Prints the retention policy that ``act`` answers."""

    def take_action(self, parsed_args):
        policy = super().take_action(parsed_args)
        return POLICY_COLUMNS, [policy.get(name) for name in POLICY_COLUMNS]


class SetRetention(_PolicyCommand):
    """Set your project's retention policy for an artifact type.

    glare-scrubber then deletes, on each pass, the versions the policy
    does not keep: it keeps the newest --keep-last active versions of
    each name (and disk format, for images), anything downloaded within
    --keep-days days, and never an artifact in use, aliased, public or
    drafted. "artifact retention preview" shows what it would delete.
    """

    def add_arguments(self, parser):
        parser.add_argument('--keep-last', required=True, metavar='<N>',
                            type=_non_negative,
                            help='Keep the newest N active versions of each '
                                 'name (1 or more).')
        parser.add_argument('--keep-days', metavar='<DAYS>',
                            type=_non_negative,
                            help='Also keep what was downloaded within this '
                                 'many days.')

    def act(self, glare, type_name, parsed_args):
        return glare.set_retention(type_name, parsed_args.keep_last,
                                   parsed_args.keep_days)


class ShowRetention(_PolicyCommand):
    """Show your project's retention policy for an artifact type."""

    def act(self, glare, type_name, parsed_args):
        return glare.retention(type_name)


class PreviewRetention(_OnType, lister.Lister):
    """What the next retention run would delete, and why the rest stays."""

    def act(self, glare, type_name, parsed_args):
        plan = glare.retention_preview(type_name)
        rows = [(art['id'], art['name'], art['version'], art['status'],
                 'delete', '') for art in plan['delete']]
        rows.extend((art['id'], art['name'], art['version'], art['status'],
                     'keep', ', '.join(art['reasons']))
                    for art in plan['keep'])
        return ('id', 'name', 'version', 'status', 'action', 'reasons'), rows
