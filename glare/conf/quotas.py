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

"""Quota defaults; per-project overrides are set through the API.

Also the limit on members per shared artifact (Glance's
``image_member_quota``).
"""

from oslo_config import cfg

opts = [
    cfg.IntOpt('max_artifact_number', default=-1, min=-1,
               help='Artifacts a project may have, of all types together. '
                    '-1: no limit.'),
    cfg.IntOpt('max_uploaded_data', default=-1, min=-1,
               help='Bytes of blob data a project may store, of all types '
                    'together. -1: no limit.'),
    cfg.ListOpt('type_quotas', default=[],
                help='Defaults per artifact type, as '
                     '"<quota>:<type_name>:<value>" items, e.g. '
                     '"max_artifact_number:images:100,'
                     'max_uploaded_data:images:10737418240". -1: no '
                     'limit.'),
    cfg.IntOpt('max_artifact_members', default=128, min=-1,
               help='Projects one shared artifact may be shared with '
                    '(members, whatever their status). Adding one more is '
                    'refused with 413. -1: no limit.'),
]


def register_opts(conf):
    conf.register_opts(opts)


def list_opts():
    return {'DEFAULT': opts}
