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

"""What the ``openstack artifact`` commands share.

Arguments naming an artifact (type, name or id, ``--artifact-version``,
``--id``, and which versions a name stands for), values typed from the
type's JSON schema, and values shaped for cliff's formatters.
"""

import argparse
import json
import uuid

from cliff import columns
from cliff import show

from glare_client import exceptions
from glare_client import sizes

# Names python-glareclient accepted for the built-in types.
TYPE_ALIASES = {
    'image': 'images',
    'heat_template': 'heat_templates',
    'heat_environment': 'heat_environments',
    'tosca_template': 'tosca_templates',
    'murano_package': 'murano_packages',
    'ovf_package': 'ovf_packages',
    'secret': 'secrets',
}


def type_name(value):
    """``image``, ``heat-templates`` → ``images``, ``heat_templates``."""
    name = value.strip().replace('-', '_')
    return TYPE_ALIASES.get(name, name)


def add_type_argument(parser):
    parser.add_argument(
        'type_name', metavar='<TYPE_NAME>', type=type_name,
        help='Artifact type, e.g. images, heat_templates (singular and '
             'dashed forms are accepted).')


class Target:
    """Which artifact a name stands for in a command.

    :param statuses: the statuses considered, ``('active',)`` for the
        commands that use releases.
    :param prereleases: whether versions such as ``1.0.0-rc.1`` count.
    :param widenable: whether ``--include-drafts`` and
        ``--include-prereleases`` are offered.
    """

    def __init__(self, statuses, prereleases, widenable, description):
        self.statuses = statuses
        self.prereleases = prereleases
        self.widenable = widenable
        self.description = description


# Most commands: what a user of the artifact means by its name.
RELEASE = Target(('active',), False, True,
                 'its newest active release (pre-releases such as '
                 '0.6.3-rc.1 and drafts are skipped unless '
                 '--include-prereleases or --include-drafts widens the '
                 'choice)')
# Commands that work on a draft (upload, activate): its newest draft.
DRAFT = Target(('drafted',), True, False,
               'its newest drafted version (pre-releases included)')
DEACTIVATED = Target(('deactivated',), True, False,
                     'its newest deactivated version')


def add_artifact_arguments(parser, target=RELEASE):
    """``<TYPE_NAME> <NAME> [--artifact-version V] [--id]``.

    Commands on releases also get ``--include-drafts`` and
    ``--include-prereleases``.
    """
    add_type_argument(parser)
    parser.add_argument(
        'name', metavar='<NAME>',
        help='Name of the artifact, standing for %s; or its id with '
             '--id.' % target.description)
    parser.add_argument(
        '--artifact-version', '-V', metavar='<VERSION>',
        help='Use this version of the artifact, whatever its status.')
    parser.add_argument(
        '--id', '-i', action='store_true',
        help='<NAME> is the id of the artifact.')
    if target.widenable:
        parser.add_argument(
            '--include-drafts', action='store_true',
            help='Let <NAME> stand for a drafted version too, when it is '
                 'the newest.')
        parser.add_argument(
            '--include-prereleases', action='store_true',
            help='Let <NAME> stand for a pre-release (e.g. 0.6.3-rc.1) '
                 'too, when it is the newest.')


def find_artifact(glare, parsed_args, target=RELEASE):
    """The artifact the arguments name."""
    if parsed_args.id:
        return glare.get(parsed_args.type_name, parsed_args.name)
    try:
        return glare.get_by_name(
            parsed_args.type_name, parsed_args.name,
            version=parsed_args.artifact_version,
            statuses=target.statuses,
            include_drafts=getattr(parsed_args, 'include_drafts', False),
            include_prereleases=target.prereleases or getattr(
                parsed_args, 'include_prereleases', False))
    except exceptions.NotFound as error:
        # An id given without --id still finds its artifact.
        if parsed_args.artifact_version or not _is_uuid(parsed_args.name):
            if getattr(error, 'others', None):
                raise exceptions.NameNotFound(
                    '%s %s' % (error.message, _widening_hint(target)),
                    error.others)
            raise
        return glare.get(parsed_args.type_name, parsed_args.name)


def _widening_hint(target):
    if target.widenable:
        return ('Choose one with --artifact-version, or let the name '
                'stand for more with --include-drafts or '
                '--include-prereleases.')
    return 'Choose one with --artifact-version.'


def _is_uuid(value):
    try:
        uuid.UUID(value)
    except ValueError:
        return False
    return True


# -- values for cliff's formatters --------------------------------------------
#
# cliff hands a FormattableColumn's machine_readable() to the json and yaml
# formatters, which keep its structure, and str() of it to the value, shell
# and csv ones, where a dict would print as a Python repr. So the shape of
# a value depends on the formatter chosen: structures for json and yaml,
# JSON text on one line for value, shell and csv, readable text in tables.

STRUCTURED_FORMATS = ('json', 'yaml')
_BLOB_KEYS = frozenset(('size', 'status', 'url'))


def is_blob(value):
    return isinstance(value, dict) and _BLOB_KEYS <= set(value)


def _text(value):
    if is_blob(value):
        return blob_text(value)
    if isinstance(value, (dict, list)):
        return json.dumps(value, sort_keys=True)
    return str(value)


def blob_text(blob):
    """``3.0 MiB, active, sha256 …`` for a blob record."""
    parts = []
    if blob.get('size') is not None:
        parts.append(sizes.human(blob['size']))
    parts.append(str(blob.get('status')))
    if blob.get('external'):
        parts.append('external ' + str(blob.get('url')))
    if blob.get('sha256'):
        parts.append('sha256 ' + blob['sha256'])
    if blob.get('content_type'):
        parts.append(blob['content_type'])
    return ', '.join(parts)


class DictColumn(columns.FormattableColumn):
    """A dict: ``key=value`` lines in tables (blobs summarised)."""

    def human_readable(self):
        return '\n'.join('%s=%s' % (key, _text(value))
                         for key, value in sorted(self._value.items()))

    def machine_readable(self):
        return self._value


class BlobColumn(columns.FormattableColumn):
    """A blob record: its size, status and digest in tables."""

    def human_readable(self):
        return blob_text(self._value)

    def machine_readable(self):
        return self._value


class ListColumn(columns.FormattableColumn):
    """A list: ``a, b`` in tables."""

    def human_readable(self):
        return ', '.join(_text(item) for item in self._value)

    def machine_readable(self):
        return self._value


class SizeColumn(columns.FormattableColumn):
    """A byte count: ``1.0 GiB`` in tables (-1: unlimited)."""

    def human_readable(self):
        if self._value is None:
            return ''
        if self._value < 0:
            return 'unlimited'
        return sizes.human(self._value)

    def machine_readable(self):
        return self._value


def cell(value, formatter, size=False):
    """``value`` shaped for cliff's ``formatter`` (the ``-f`` option).

    :param size: the value is a byte count.
    """
    if formatter in STRUCTURED_FORMATS:
        return value
    if formatter != 'table':
        if isinstance(value, (dict, list)):
            return json.dumps(value, sort_keys=True)
        return value
    if size:
        return SizeColumn(value)
    if is_blob(value):
        return BlobColumn(value)
    if isinstance(value, dict):
        return DictColumn(value)
    if isinstance(value, list):
        return ListColumn(value)
    return value


def artifact_output(artifact, formatter='table'):
    """``(columns, values)`` of an artifact for a ``ShowOne`` command."""
    names = sorted(artifact)
    return tuple(names), tuple(cell(artifact[name], formatter)
                               for name in names)


class OnArtifact:
    """A command about one artifact, named as ``artifact show`` names it.

    Mixed in before a cliff command class. ``target`` says which
    artifact a name stands for; a subclass adds its own arguments in
    ``add_arguments`` and works in ``act``, whose answer is the
    command's.
    """

    target = RELEASE

    def get_parser(self, prog_name):
        parser = super().get_parser(prog_name)
        add_artifact_arguments(parser, self.target)
        self.add_arguments(parser)
        return parser

    def add_arguments(self, parser):
        """The command's own arguments, after the artifact's."""

    def act(self, glare, artifact, parsed_args):
        raise NotImplementedError()

    def take_action(self, parsed_args):
        glare = self.app.client_manager.artifact
        artifact = find_artifact(glare, parsed_args, self.target)
        return self.act(glare, artifact, parsed_args)


class ArtifactCommand(OnArtifact, show.ShowOne):
    """A command that names one artifact and prints it after acting."""

    def take_action(self, parsed_args):
        return artifact_output(super().take_action(parsed_args),
                               parsed_args.formatter)


# -- values typed from the schema ---------------------------------------------

def key_value(text):
    """``key=value`` for argparse."""
    key, sep, value = text.partition('=')
    if not sep or not key:
        raise argparse.ArgumentTypeError(
            '%r is not of the form <key>=<value>.' % text)
    return key.strip(), value


def _json_types(schema):
    kind = (schema or {}).get('type', 'string')
    return set(kind if isinstance(kind, list) else [kind])


def _field_schema(schema, path):
    """The schema of ``field`` or of the values of ``field/key``."""
    field, _sep, key = path.partition('/')
    properties = (schema or {}).get('properties', {})
    field_schema = properties.get(field)
    if field_schema is None:
        return None
    if key:
        items = field_schema.get('additionalProperties')
        return items if isinstance(items, dict) else {'type': 'string'}
    return field_schema


_TRUE = ('true', 'yes', 'on', '1')
_FALSE = ('false', 'no', 'off', '0')


def convert(schema, path, raw):
    """``raw`` (a string) as the JSON type the schema gives ``path``.

    Fields the schema does not know are sent as strings: the server then
    names the field it refuses.
    """
    kinds = _json_types(_field_schema(schema, path))
    if raw == '' and 'null' in kinds and 'string' not in kinds:
        return None
    try:
        if 'integer' in kinds:
            return int(raw)
        if 'number' in kinds:
            return float(raw)
    except ValueError:
        raise exceptions.ClientError(
            '%s takes a number; %r is not one.' % (path, raw))
    if 'boolean' in kinds:
        if raw.lower() in _TRUE:
            return True
        if raw.lower() in _FALSE:
            return False
        raise exceptions.ClientError(
            '%s takes true or false; %r is neither.' % (path, raw))
    if 'array' in kinds:
        return split_list(raw)
    if 'object' in kinds:
        return split_dict(raw)
    return raw


def split_list(raw):
    return [item.strip() for item in raw.split(',') if item.strip()]


def split_dict(raw):
    """``k1:v1,k2:v2`` → ``{'k1': 'v1', 'k2': 'v2'}``."""
    found = {}
    for item in split_list(raw):
        key, sep, value = item.partition(':')
        if not sep:
            raise exceptions.ClientError(
                '%r is not of the form <key>:<value>.' % item)
        found[key.strip()] = value.strip()
    return found


def add_value_arguments(parser):
    parser.add_argument(
        '--property', '-p', metavar='<key=value>', action='append',
        default=[], type=key_value, dest='properties',
        help='Set a field (repeat for several). The value is converted to '
             'the type the artifact type\'s schema gives the field; '
             '<field>/<key>=<value> sets one key of a dict field.')
    parser.add_argument(
        '--list', '-l', metavar='<key=value1,value2>', action='append',
        default=[], type=key_value, dest='lists',
        help='Set a list field, e.g. tags=a,b (repeat for several).')
    parser.add_argument(
        '--dict', '-d', metavar='<key=k1:v1,k2:v2>', action='append',
        default=[], type=key_value, dest='dicts',
        help='Set a dict field, e.g. metadata=os:linux,arch:x86_64 '
             '(repeat for several).')


def changes_from(schema, parsed_args):
    """``{path: value}`` from --property, --list and --dict."""
    changes = {}
    for path, raw in parsed_args.properties:
        changes[path] = convert(schema, path, raw)
    for path, raw in parsed_args.lists:
        changes[path] = split_list(raw)
    for path, raw in parsed_args.dicts:
        changes[path] = split_dict(raw)
    return changes


def nest(changes):
    """``{'metadata/os': 'linux'}`` → ``{'metadata': {'os': 'linux'}}``."""
    values = {}
    for path, value in changes.items():
        field, _sep, key = path.partition('/')
        if key:
            values.setdefault(field, {})[key] = value
        else:
            values[field] = value
    return values
