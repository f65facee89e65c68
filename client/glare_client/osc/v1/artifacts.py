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
from cliff import show

from glare_client import client
from glare_client import disk_formats
from glare_client import exceptions
from glare_client.osc.v1 import blobs
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
        parser.add_argument(
            '--long', action='store_true',
            help='Also show the size of the data (of the type\'s main '
                 'blob, in KiB/MiB/GiB in a table, in bytes otherwise), '
                 'the disk format (for types that have one) and when each '
                 'artifact was last updated.')
        return parser

    def take_action(self, parsed_args):
        glare = self.app.client_manager.artifact
        headers = ['id', 'name', 'version', 'owner', 'visibility', 'status']
        if parsed_args.type_name == 'all':
            headers.append('type_name')
        blob = None
        if parsed_args.long:
            schema = glare.schema(parsed_args.type_name)
            blob = client.main_blob_of(schema)
            if blob:
                headers.append('size')
            if 'disk_format' in schema.get('properties', {}):
                headers.append('disk_format')
            headers.append('updated_at')
        formatter = parsed_args.formatter
        rows = [tuple(common.cell((art.get(blob) or {}).get('size'),
                                  formatter, size=True) if h == 'size'
                      else art.get(h) for h in headers)
                for art in glare.list(
                    parsed_args.type_name, filters=parsed_args.filters,
                    sort=parsed_args.sort, limit=parsed_args.limit,
                    page_size=parsed_args.page_size,
                    marker=parsed_args.marker)]
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
    """Show an artifact (by name: its newest active release).

    With --alias, the version of the name that the alias points at.
    """

    def get_parser(self, prog_name):
        parser = super().get_parser(prog_name)
        parser.add_argument(
            '--alias', metavar='<ALIAS>',
            help='Show the version of <NAME> this alias (e.g. stable) '
                 'points at (microversion 1.2).')
        return parser

    def take_action(self, parsed_args):
        if not parsed_args.alias:
            return super().take_action(parsed_args)
        if parsed_args.id or parsed_args.artifact_version:
            raise exceptions.ClientError(
                '--alias chooses the version itself: give a name without '
                '--id or --artifact-version.')
        glare = self.app.client_manager.artifact
        return common.artifact_output(
            glare.get_by_alias(parsed_args.type_name, parsed_args.name,
                               parsed_args.alias), parsed_args.formatter)

    def act(self, glare, artifact, parsed_args):
        return artifact


class CreateArtifact(show.ShowOne):
    """Create an artifact, and with --file upload its data in one step.

    With --activate it is activated too.
    """

    def get_parser(self, prog_name):
        parser = super().get_parser(prog_name)
        common.add_type_argument(parser)
        parser.add_argument('name', metavar='<NAME>',
                            help='Name of the new artifact.')
        parser.add_argument(
            '--artifact-version', '-V', metavar='<VERSION>',
            help='SemVer version of the artifact (default 0.0.0). The '
                 'server stores it in SemVer form (22.04 as 22.4.0) and '
                 'the command says so when it did.')
        common.add_value_arguments(parser)
        parser.add_argument(
            '--file', metavar='<FILE>',
            help='Upload this file (- for standard input) into the type\'s '
                 'main blob: its first blob field, e.g. image for images, '
                 'unless --blob-property names another. The digest of the '
                 'stored data is checked. If the upload fails, the new '
                 'artifact is deleted again.')
        blobs.add_blob_argument(parser)
        parser.add_argument(
            '--content-type', '-C', metavar='<CONTENT_TYPE>',
            default='application/octet-stream',
            help='Content type stored with the data of --file (default '
                 'application/octet-stream).')
        parser.add_argument(
            '--disk-format', metavar='<DISK_FORMAT>',
            help='Disk format of an image (qcow2, raw, vmdk, iso, …). '
                 'Default with --file: the format the file\'s signature '
                 'shows, else raw (raw for standard input).')
        parser.add_argument(
            '--container-format', metavar='<CONTAINER_FORMAT>',
            help='Container format of an image (default with --file: '
                 'bare).')
        parser.add_argument(
            '--activate', action='store_true',
            help='Activate the artifact once its data is uploaded (needs '
                 '--file). If the activation fails, the artifact stays '
                 'drafted with its data, and the command says how to '
                 'finish or delete it.')
        blobs.add_progress_argument(parser)
        return parser

    def take_action(self, parsed_args):
        glare = self.app.client_manager.artifact
        if parsed_args.activate and not parsed_args.file:
            raise exceptions.ClientError(
                '--activate needs --file: activate a draft with '
                '"openstack artifact activate".')
        schema = None
        if parsed_args.properties or parsed_args.file or \
                parsed_args.disk_format or parsed_args.container_format:
            schema = glare.schema(parsed_args.type_name)
        values = common.nest(common.changes_from(schema, parsed_args))
        values['name'] = parsed_args.name
        if parsed_args.artifact_version:
            values['version'] = parsed_args.artifact_version
        values.update(_image_formats(schema, parsed_args, values))
        if not parsed_args.file:
            return common.artifact_output(
                glare.create(parsed_args.type_name, values),
                parsed_args.formatter)
        with blobs.input_file(parsed_args.file) as source, \
                blobs.progress_bar(parsed_args) as bar:
            try:
                artifact = glare.create_with_data(
                    parsed_args.type_name, values, source,
                    blob=parsed_args.blob_property or
                    blobs.main_blob(schema, parsed_args),
                    activate=parsed_args.activate,
                    content_type=parsed_args.content_type, progress=bar)
            except exceptions.IncompleteArtifact as error:
                raise exceptions.ClientError(
                    _what_next(error, parsed_args.type_name)) from error
        return common.artifact_output(artifact, parsed_args.formatter)


def _image_formats(schema, parsed_args, values):
    """disk_format and container_format from the options and defaults."""
    properties = (schema or {}).get('properties', {})
    found = {}
    for field, given in (('disk_format', parsed_args.disk_format),
                         ('container_format',
                          parsed_args.container_format)):
        if given and field not in properties:
            raise exceptions.ClientError(
                'Type %s has no %s.' % (parsed_args.type_name, field))
        if given:
            found[field] = given
        elif parsed_args.file and field in properties and \
                field not in values:
            found[field] = _default_format(field, parsed_args.file)
    return found


def _default_format(field, path):
    if field == 'container_format':
        return 'bare'
    if path == '-':
        return disk_formats.RAW
    return disk_formats.detect(path)


def _what_next(error, type_name):
    """The message of a one-step create that stopped half-way."""
    ref = '%s %s --id' % (type_name, error.artifact['id'])
    text = error.message
    if error.stage == 'activate':
        text += (' Fix what the server named (openstack artifact update '
                 'or upload %s …), then run: openstack artifact activate '
                 '%s; or delete it: openstack artifact delete %s' % (
                     ref, ref, ref))
    elif not error.deleted:
        text += ' Delete it with: openstack artifact delete %s' % ref
    return text


class UpdateArtifact(common.ArtifactCommand):
    """Change fields of an artifact.

    A changed version is stored in SemVer form (22.04 as 22.4.0); the
    command says so when that happens.
    """

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

    target = common.DRAFT

    def act(self, glare, artifact, parsed_args):
        return glare.activate(parsed_args.type_name, artifact['id'])


class DeactivateArtifact(common.ArtifactCommand):
    """Deactivate an active artifact (admin): its data stops downloading."""

    def act(self, glare, artifact, parsed_args):
        return glare.deactivate(parsed_args.type_name, artifact['id'])


class ReactivateArtifact(common.ArtifactCommand):
    """Reactivate a deactivated artifact (admin)."""

    target = common.DEACTIVATED

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
