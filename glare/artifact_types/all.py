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

"""The read-only ``all`` view over the artifacts of every type."""

from glare.objects import base
from glare.objects import fields as f


class All(base.BaseArtifact):
    # 1.2 (microversion 1.2): the version lifecycle fields; visibility
    # may be shared or community.
    VERSION = '1.2'
    API_VERSIONS = (('1.0', '1.0'), ('1.2', '1.2'))
    read_only = True

    fields = {
        'type_name': f.String(system=True, sortable=True,
                              description='Type of the artifact.'),
    }

    @classmethod
    def get_type_name(cls):
        return 'all'

    @classmethod
    def get_display_type_name(cls):
        return 'All Artifacts'
