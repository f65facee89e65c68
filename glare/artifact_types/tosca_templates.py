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

"""TOSCA service templates."""

from glare.artifact_types import documents
from glare.objects import base
from glare.objects import fields as f

TEMPLATE_MAX = 10 * 1024 ** 2


def check_template(document, what='TOSCA template'):
    if 'tosca_definitions_version' not in document:
        raise ValueError('The %s needs tosca_definitions_version.' % what)


class TOSCATemplate(documents.YamlDocument, base.BaseArtifact):
    # 1.2 (microversion 1.2): the version lifecycle fields; visibility
    # may be shared or community.
    VERSION = '1.2'
    API_VERSIONS = (('1.0', '1.0'), ('1.2', '1.2'))
    document_name = 'TOSCA template'
    document_max = TEMPLATE_MAX
    check_document = staticmethod(check_template)

    fields = {
        'template_format': f.String(
            required_on_activate=True,
            description='Format of the template, e.g. "yaml" or a TOSCA '
                        'profile name.'),
        'template': f.Blob(max_blob_size=TEMPLATE_MAX,
                           required_on_activate=True,
                           description='The TOSCA service template '
                                       '(YAML).'),
    }

    @classmethod
    def get_type_name(cls):
        return 'tosca_templates'

    @classmethod
    def get_display_type_name(cls):
        return 'TOSCA Templates'
