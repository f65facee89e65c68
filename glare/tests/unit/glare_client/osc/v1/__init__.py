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

"""Helpers for the tests of the ``openstack artifact`` commands."""

import argparse

from glare_client import client
from glare_client import exceptions


class FakeApp:
    """What a command reads of openstackclient's app."""

    def __init__(self, glare):
        self.client_manager = argparse.Namespace(artifact=glare)
        self.options = argparse.Namespace(debug=False)


def parse(command_class, argv, glare=None):
    """``(command, parsed_args)`` for ``argv``."""
    cmd = command_class(FakeApp(glare), None)
    parser = cmd.get_parser('openstack artifact')
    return cmd, parser.parse_args(argv)


def undocumented_options(command_class):
    """Options of a command whose --help says nothing about them."""
    cmd = command_class(FakeApp(None), None)
    parser = cmd.get_parser('openstack artifact')
    return sorted(
        '/'.join(action.option_strings) or action.dest
        for action in parser._actions
        # Hidden options (cliff's own) are not shown at all.
        if action.help != argparse.SUPPRESS
        and not (action.help or '').strip())


class FakeGlare:
    """An SDK stand-in that answers from dicts and records calls."""

    def __init__(self, artifacts=(), schema=None):
        self.artifacts = {art['id']: dict(art) for art in artifacts}
        self._schema = schema or {'properties': {}}
        self.calls = []

    def get(self, type_name, artifact_id):
        self.calls.append(('get', artifact_id))
        return self.artifacts[artifact_id]

    def get_by_name(self, type_name, name, version=None, **choice):
        self.calls.append(('get_by_name', name, version, choice))
        for art in self.artifacts.values():
            if art['name'] == name:
                return art
        raise exceptions.NotFound('no %s' % name)

    def main_blob(self, type_name):
        return client.main_blob_of(self._schema)

    def schema(self, type_name):
        return self._schema

    def __getattr__(self, name):
        def record(*args, **kwargs):
            self.calls.append((name,) + args + (kwargs,))
            key = args[1] if len(args) > 1 else None
            if isinstance(key, str) and key in self.artifacts:
                return self.artifacts[key]
            return {'id': 'new', 'status': 'drafted'}
        return record
