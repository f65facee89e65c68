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

"""Heat orchestration templates, with nested templates and environments."""

from glare.artifact_types import documents
from glare.objects import base
from glare.objects import fields as f

TEMPLATE_MAX = 10 * 1024 ** 2


def check_template(document, what='Heat template'):
    if 'heat_template_version' not in document:
        raise ValueError('The %s needs heat_template_version.' % what)


class HeatTemplate(base.BaseArtifact):
    # 1.2 (microversion 1.2): the version lifecycle fields; visibility
    # may be shared or community.
    VERSION = '1.2'
    API_VERSIONS = (('1.0', '1.0'), ('1.2', '1.2'))

    fields = {
        'environments': f.Dict(
            f.Link(type_name='heat_environments'), mutable=True,
            description='Heat environments that can be used with this '
                        'template, by name: links to heat_environments '
                        'artifacts.'),
        'template': f.Blob(max_blob_size=TEMPLATE_MAX,
                           required_on_activate=True,
                           description='The Heat template (YAML).'),
        'nested_templates': f.Folder(
            max_blob_size=TEMPLATE_MAX, max_folder_size=10 * TEMPLATE_MAX,
            description='Templates the main one uses, keyed by the name '
                        'it refers to them by.'),
        'default_envs': f.Dict(
            f.String, mutable=True,
            description='Default environments applied when the user '
                        'gives none, by name.'),
    }

    @classmethod
    def get_type_name(cls):
        return 'heat_templates'

    @classmethod
    def get_display_type_name(cls):
        return 'Heat Templates'

    @classmethod
    def pre_upload_hook(cls, context, artifact, field_name, key, stream,
                        writer):
        what = 'Heat template' if key is None else \
            'nested Heat template %s' % key
        return documents.checked_yaml(stream, TEMPLATE_MAX, what,
                                      check_template)
