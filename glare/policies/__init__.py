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

"""Policy rules in code, one module per resource."""

import itertools

from glare.policies import artifacts
from glare.policies import base
from glare.policies import blobs
from glare.policies import consumers
from glare.policies import members
from glare.policies import operations
from glare.policies import quotas
from glare.policies import schemas
from glare.policies import upload_sessions


def list_rules():
    return list(itertools.chain(
        base.list_rules(),
        schemas.list_rules(),
        artifacts.list_rules(),
        blobs.list_rules(),
        consumers.list_rules(),
        members.list_rules(),
        quotas.list_rules(),
        upload_sessions.list_rules(),
        operations.list_rules(),
    ))
