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
``--id``), values typed from the type's JSON schema, and the output of an
artifact for cliff's formatters.
"""

import argparse
import uuid

from cliff import columns
from cliff import show

from glare_client import exceptions

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


def add_artifact_arguments(parser):
    """``<TYPE_NAME> <NAME> [--artifact-version V] [--id]``."""
    add_type_argument(parser)
    parser.add_argument(
        'name', metavar='<NAME>',
        help='Name of the artifact (the latest version unless '
             '--artifact-version is given), or its id with --id.')
    parser.add_argument(
        '--artifact-version', '-V', metavar='<VERSION>',
        help='Version of the artifact to use (default: the latest).')
    parser.add_argument(
        '--id', '-i', action='store_true',
        help='<NAME> is the id of the artifact.')


def find_artifact(glare, parsed_args):
    """The artifact the arguments name."""
    if parsed_args.id:
        return glare.get(parsed_args.type_name, parsed_args.name)
    try:
        return glare.get_by_name(parsed_args.type_name, parsed_args.name,
                                 parsed_args.artifact_version or 'latest')
    except exceptions.NotFound:
        # An id given without --id still finds its artifact.
        if parsed_args.artifact_version or not _is_uuid(parsed_args.name):
            raise
        return glare.get(parsed_args.type_name, parsed_args.name)


def _is_uuid(value):
    try:
        uuid.UUID(value)
    except ValueError:
        return False
    return True


class DictColumn(columns.FormattableColumn):
    """A dict: ``k='v', …`` in tables, the dict itself in JSON/YAML."""

    def human_readable(self):
        return ', '.join('%s=%r' % (k, v)
                         for k, v in sorted(self._value.items()))

    def machine_readable(self):
        return self._value


class ListColumn(columns.FormattableColumn):
    """A list: ``a, b`` in tables, the list itself in JSON/YAML."""

    def human_readable(self):
        return ', '.join(str(item) for item in self._value)

    def machine_readable(self):
        return self._value


def artifact_output(artifact):
    """``(columns, values)`` of an artifact for a ``ShowOne`` command."""
    names = sorted(artifact)
    values = []
    for name in names:
        value = artifact[name]
        if isinstance(value, dict):
            value = DictColumn(value)
        elif isinstance(value, list):
            value = ListColumn(value)
        values.append(value)
    return tuple(names), tuple(values)


class ArtifactCommand(show.ShowOne):
    """A command that names one artifact and prints it after acting."""

    def get_parser(self, prog_name):
        parser = super().get_parser(prog_name)
        add_artifact_arguments(parser)
        return parser

    def act(self, glare, artifact, parsed_args):
        raise NotImplementedError()

    def take_action(self, parsed_args):
        glare = self.app.client_manager.artifact
        artifact = find_artifact(glare, parsed_args)
        return artifact_output(self.act(glare, artifact, parsed_args))


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
