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

"""Rules for quotas (``/quotas``, ``/project-quotas``; microversion 1.1).

The target's ``project_id`` is the project whose quotas are read.
"""

from glare.policies import base

LIST = 'artifact:quota_list'
SET = 'artifact:quota_set'
GET = 'artifact:quota_get'

rules = [
    base.project_rule(
        LIST, base.ADMIN,
        'List the quotas of every project that has overrides.',
        [{'path': '/quotas', 'method': 'GET'}],
        legacy=base.ADMIN, legacy_name='artifact:list_all_quotas'),
    base.project_rule(
        SET, base.ADMIN,
        'Set or drop projects\' quota overrides.',
        [{'path': '/quotas', 'method': 'PUT'}],
        legacy=base.ADMIN, legacy_name='artifact:set_quotas'),
    base.project_rule(
        GET, '%s or %s' % (base.ADMIN, base.PROJECT_READER),
        'Show a project\'s effective quotas and usage: one\'s own project, '
        'or any project for administrators.',
        [{'path': '/project-quotas', 'method': 'GET'},
         {'path': '/project-quotas/{project_id}', 'method': 'GET'}],
        legacy='project_id:%%(project_id)s or %s' % base.ADMIN,
        legacy_name='artifact:list_project_quotas'),
]


def list_rules():
    return rules
