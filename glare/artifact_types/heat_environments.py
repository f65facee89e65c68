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

"""Heat environments: parameters and resource registries for templates."""

from glare.artifact_types import documents
from glare.objects import base
from glare.objects import fields as f

ENVIRONMENT_MAX = 10 * 1024 ** 2
# The sections Heat accepts in an environment file.
SECTIONS = ('parameters', 'parameter_defaults', 'resource_registry',
            'encrypted_param_names', 'event_sinks',
            'parameter_merge_strategies')


def check_environment(document, what='Heat environment'):
    unknown = sorted(str(key) for key in document if key not in SECTIONS)
    if unknown:
        raise ValueError('The %s has a section %s, which Heat does not '
                         'know; the sections are %s.' % (
                             what, unknown[0], ', '.join(SECTIONS)))


class HeatEnvironment(documents.YamlDocument, base.BaseArtifact):
    # 1.2 (microversion 1.2): the version lifecycle fields; visibility
    # may be shared or community.
    VERSION = '1.2'
    API_VERSIONS = (('1.0', '1.0'), ('1.2', '1.2'))
    document_name = 'Heat environment'
    document_max = ENVIRONMENT_MAX
    check_document = staticmethod(check_environment)

    fields = {
        'environment': f.Blob(max_blob_size=ENVIRONMENT_MAX,
                              required_on_activate=True,
                              description='The Heat environment (YAML).'),
    }

    @classmethod
    def get_type_name(cls):
        return 'heat_environments'

    @classmethod
    def get_display_type_name(cls):
        return 'Heat Environments'
