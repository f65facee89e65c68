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

"""``openstack artifact type-list`` and ``schema``."""

from cliff import lister

from glare_client.osc.v1 import common


class TypeList(lister.Lister):
    """List the artifact types the server has enabled."""

    def take_action(self, parsed_args):
        schemas = self.app.client_manager.artifact.schemas()
        rows = [(name, schema.get('version'), schema.get('display_name'))
                for name, schema in sorted(schemas.items())]
        return ('Name', 'Version', 'Display name'), rows


class TypeSchema(lister.Lister):
    """Show the fields of an artifact type, from its JSON schema."""

    def get_parser(self, prog_name):
        parser = super().get_parser(prog_name)
        common.add_type_argument(parser)
        return parser

    def take_action(self, parsed_args):
        schema = self.app.client_manager.artifact.schema(
            parsed_args.type_name)
        rows = []
        for name, prop in sorted(schema.get('properties', {}).items()):
            enum = prop.get('enum') or (prop.get('items') or {}).get('enum')
            rows.append((
                name, prop.get('glareType'), bool(prop.get('mutable')),
                bool(prop.get('required_on_activate')),
                bool(prop.get('sortable')),
                common.ListColumn(prop.get('filter_ops') or []),
                common.ListColumn([v for v in enum or [] if v is not None]),
                prop.get('description')))
        return ('Name', 'Glare type', 'Mutable', 'Required on activate',
                'Sortable', 'Filters', 'Available values',
                'Description'), rows
