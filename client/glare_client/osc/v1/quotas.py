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

"""``openstack artifact quota show|set`` (API microversion 1.1).

Quotas on data (``max_uploaded_data``, ``max_uploaded_data:<type>``)
are byte counts: shown as KiB/MiB/GiB in tables, set as ``1G`` or
``500MiB`` as well as in bytes.
"""

import argparse

from cliff import command
from cliff import lister

from glare_client import exceptions
from glare_client.osc.v1 import common
from glare_client import sizes

DATA_QUOTA = 'max_uploaded_data'
UNLIMITED = -1


def is_data_quota(name):
    return name.partition(':')[0] == DATA_QUOTA


def quota_value(name, text):
    """The value of quota ``name`` given as ``text``."""
    text = str(text).strip()
    if text in ('-1', 'unlimited'):
        return UNLIMITED
    if is_data_quota(name):
        return sizes.parse(text)
    try:
        return int(text)
    except ValueError:
        raise ValueError('Quota %s takes a whole number; got %r.' % (
            name, text))


def _size_argument(text):
    try:
        return quota_value(DATA_QUOTA, text)
    except ValueError as error:
        raise argparse.ArgumentTypeError(str(error))


class ShowQuota(lister.Lister):
    """Show quotas: your project's, another project's, or all (admin)."""

    def get_parser(self, prog_name):
        parser = super().get_parser(prog_name)
        which = parser.add_mutually_exclusive_group()
        which.add_argument(
            '--project', metavar='<PROJECT_ID>',
            help='Project whose effective quotas to show (admin; default: '
                 'your own project).')
        which.add_argument(
            '--all', action='store_true',
            help='Show the quotas set for every project (admin).')
        return parser

    def take_action(self, parsed_args):
        glare = self.app.client_manager.artifact
        if parsed_args.all:
            rows = [(project, name, self._value(name, value, parsed_args))
                    for project, quotas in sorted(glare.quotas().items())
                    for name, value in sorted(quotas.items())]
            return ('Project', 'Quota', 'Value'), rows
        quotas = glare.project_quotas(parsed_args.project)
        return ('Quota', 'Value'), [
            (name, self._value(name, value, parsed_args))
            for name, value in sorted(quotas.items())]

    @staticmethod
    def _value(name, value, parsed_args):
        if is_data_quota(name):
            return common.cell(value, parsed_args.formatter, size=True)
        return value


class SetQuota(command.Command):
    """Set a project's quotas (admin); -1 or unlimited means unlimited.

    Data quotas take sizes such as 1G or 500MiB (powers of 1024; 1GB is
    10^9 bytes) or a byte count.
    """

    def get_parser(self, prog_name):
        parser = super().get_parser(prog_name)
        parser.add_argument('project', metavar='<PROJECT_ID>',
                            help='Project whose quotas to set.')
        parser.add_argument(
            '--max-artifact-number', metavar='<COUNT>', type=int,
            help='Most artifacts the project may have.')
        parser.add_argument(
            '--max-uploaded-data', metavar='<SIZE>', type=_size_argument,
            help='Most blob data the project may store: %s.' % sizes.HELP)
        parser.add_argument(
            '--type', metavar='<TYPE_NAME>', type=common.type_name,
            dest='artifact_type',
            help='Apply --max-artifact-number and --max-uploaded-data to '
                 'this artifact type only.')
        parser.add_argument(
            '--quota', metavar='<name=value>', action='append', default=[],
            type=common.key_value, dest='quotas',
            help='Any quota by its API name, e.g. '
                 'max_artifact_number:images=10 or '
                 'max_uploaded_data:images=20G (repeat for several).')
        return parser

    def take_action(self, parsed_args):
        quotas = {}
        suffix = ':' + parsed_args.artifact_type \
            if parsed_args.artifact_type else ''
        for name in ('max_artifact_number', 'max_uploaded_data'):
            value = getattr(parsed_args, name)
            if value is not None:
                quotas[name + suffix] = value
        for name, raw in parsed_args.quotas:
            try:
                quotas[name] = quota_value(name, raw)
            except ValueError as error:
                raise exceptions.ClientError(str(error))
        if not quotas:
            raise exceptions.ClientError(
                'Nothing to set: give --max-artifact-number, '
                '--max-uploaded-data or --quota.')
        self.app.client_manager.artifact.set_quotas(parsed_args.project,
                                                    quotas)
