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

"""``openstack artifact list|show|create|update|delete``, lifecycle, tags."""

import argparse

from cliff import command
from cliff import lister

from glare_client.osc.v1 import common


class ListArtifacts(lister.Lister):
    """List artifacts of a type, following the server's pages."""

    def get_parser(self, prog_name):
        parser = super().get_parser(prog_name)
        common.add_type_argument(parser)
        parser.add_argument(
            '--filter', '-F', metavar='<key=value>', action='append',
            default=[], type=common.key_value, dest='filters',
            help='Filter as the API does, <field>=[<op>:]<value> with op '
                 'eq, neq, in, gt, gte, lt, lte or like; e.g. name=cirros, '
                 'version=gte:1.0, version=latest, tags=a,b. Repeat to '
                 'combine (all must hold).')
        parser.add_argument(
            '--sort', '-S', metavar='<key>[:<direction>]',
            help='Sort keys, comma-separated, each with asc or desc '
                 '(default desc), e.g. name:asc,version.')
        parser.add_argument(
            '--limit', '-l', metavar='<LIMIT>', type=_positive,
            help='Show at most this many artifacts (default: all).')
        parser.add_argument(
            '--page-size', '-p', metavar='<SIZE>', type=_positive,
            help='Artifacts fetched per request (default: the server\'s).')
        parser.add_argument(
            '--marker', '-m', metavar='<MARKER>',
            help='Start after the artifact with this id.')
        return parser

    def take_action(self, parsed_args):
        glare = self.app.client_manager.artifact
        headers = ['id', 'name', 'version', 'owner', 'visibility', 'status']
        if parsed_args.type_name == 'all':
            headers.append('type_name')
        rows = [tuple(art.get(h) for h in headers) for art in glare.list(
            parsed_args.type_name, filters=parsed_args.filters,
            sort=parsed_args.sort, limit=parsed_args.limit,
            page_size=parsed_args.page_size, marker=parsed_args.marker)]
        return [h.replace('_', ' ').capitalize() for h in headers], rows


def _positive(text):
    try:
        value = int(text)
    except ValueError:
        value = 0
    if value < 1:
        raise argparse.ArgumentTypeError(
            '%r is not a positive integer.' % text)
    return value


class ShowArtifact(common.ArtifactCommand):
    """Show an artifact (by name, the latest version by default)."""

    def act(self, glare, artifact, parsed_args):
        return artifact


class CreateArtifact(common.ArtifactCommand):
    """Create an artifact."""

    def get_parser(self, prog_name):
        parser = super(common.ArtifactCommand, self).get_parser(prog_name)
        common.add_type_argument(parser)
        parser.add_argument('name', metavar='<NAME>',
                            help='Name of the new artifact.')
        parser.add_argument(
            '--artifact-version', '-V', metavar='<VERSION>',
            help='SemVer version of the artifact (default 0.0.0).')
        common.add_value_arguments(parser)
        return parser

    def take_action(self, parsed_args):
        glare = self.app.client_manager.artifact
        schema = None
        if parsed_args.properties:
            schema = glare.schema(parsed_args.type_name)
        values = common.nest(common.changes_from(schema, parsed_args))
        values['name'] = parsed_args.name
        if parsed_args.artifact_version:
            values['version'] = parsed_args.artifact_version
        return common.artifact_output(
            glare.create(parsed_args.type_name, values))


class UpdateArtifact(common.ArtifactCommand):
    """Change fields of an artifact."""

    def get_parser(self, prog_name):
        parser = super().get_parser(prog_name)
        common.add_value_arguments(parser)
        parser.add_argument(
            '--remove-property', '-r', metavar='<key>', action='append',
            default=[], dest='removals',
            help='Clear a field (set it to null), or remove one key of a '
                 'dict field with <field>/<key> (repeat for several).')
        return parser

    def act(self, glare, artifact, parsed_args):
        schema = None
        if parsed_args.properties:
            schema = glare.schema(parsed_args.type_name)
        changes = common.changes_from(schema, parsed_args)
        if not changes and not parsed_args.removals:
            return artifact
        return glare.update(parsed_args.type_name, artifact['id'], changes,
                            parsed_args.removals)


class DeleteArtifact(command.Command):
    """Delete an artifact and its stored data."""

    def get_parser(self, prog_name):
        parser = super().get_parser(prog_name)
        common.add_artifact_arguments(parser)
        return parser

    def take_action(self, parsed_args):
        glare = self.app.client_manager.artifact
        artifact = common.find_artifact(glare, parsed_args)
        glare.delete(parsed_args.type_name, artifact['id'])


class ActivateArtifact(common.ArtifactCommand):
    """Activate a drafted artifact: its immutable fields freeze."""

    def act(self, glare, artifact, parsed_args):
        return glare.activate(parsed_args.type_name, artifact['id'])


class DeactivateArtifact(common.ArtifactCommand):
    """Deactivate an active artifact (admin): its data stops downloading."""

    def act(self, glare, artifact, parsed_args):
        return glare.deactivate(parsed_args.type_name, artifact['id'])


class ReactivateArtifact(common.ArtifactCommand):
    """Reactivate a deactivated artifact (admin)."""

    def act(self, glare, artifact, parsed_args):
        return glare.reactivate(parsed_args.type_name, artifact['id'])


class PublishArtifact(common.ArtifactCommand):
    """Make an active artifact public, visible to every project (admin)."""

    def act(self, glare, artifact, parsed_args):
        return glare.publish(parsed_args.type_name, artifact['id'])


class _TagCommand(common.ArtifactCommand):
    def get_parser(self, prog_name):
        parser = super().get_parser(prog_name)
        parser.add_argument('tag', metavar='<TAG>', help=self.tag_help)
        return parser


class AddTag(_TagCommand):
    """Add a tag to an artifact."""

    tag_help = 'Tag to add (no "," or "/").'

    def act(self, glare, artifact, parsed_args):
        return glare.add_tag(parsed_args.type_name, artifact['id'],
                             parsed_args.tag)


class RemoveTag(_TagCommand):
    """Remove a tag from an artifact."""

    tag_help = 'Tag to remove.'

    def act(self, glare, artifact, parsed_args):
        return glare.remove_tag(parsed_args.type_name, artifact['id'],
                                parsed_args.tag)
