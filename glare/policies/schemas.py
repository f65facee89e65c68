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

"""Rules for the artifact type schemas (``/schemas``)."""

from glare.policies import base

LIST = 'artifact:type_list'
GET = 'artifact:type_get'

rules = [
    base.project_rule(
        LIST, base.ANY_READER,
        'List the enabled artifact types with their schemas.',
        [{'path': '/schemas', 'method': 'GET'}],
        legacy=base.LEGACY_ANYONE),
    base.project_rule(
        GET, base.ANY_READER,
        'Show the schema of one artifact type.',
        [{'path': '/schemas/{type_name}', 'method': 'GET'}],
        legacy=base.LEGACY_ANYONE),
]


def list_rules():
    return rules
