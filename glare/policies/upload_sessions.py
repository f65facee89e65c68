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

"""Rules for resumable uploads (``/upload-sessions``, API 1.2).

A session is always about one artifact: callers who may not read it
(``artifact:get``) get 404 first. A resumable upload is an upload: by
default the rule is whatever ``artifact:upload`` says, so that a policy
file restricting uploads restricts sessions too (and with
``enforce_new_defaults = false`` both allow what Glare's uploads did).
"""

from glare.policies import base
from glare.policies import blobs

UPLOAD_SESSION = 'artifact:upload_session'

rules = [
    base.project_rule(
        UPLOAD_SESSION, 'rule:%s' % blobs.UPLOAD,
        'Start, continue, inspect, finish or cancel a resumable upload to '
        'a blob of an artifact: by default, whoever may upload to it '
        '(artifact:upload).',
        [{'path': '/artifacts/{type_name}/{artifact_id}/{blob}[/{key}]'
                  '/uploads', 'method': 'POST'},
         {'path': '/upload-sessions/{session_id}', 'method': 'GET'},
         {'path': '/upload-sessions/{session_id}', 'method': 'PATCH'},
         {'path': '/upload-sessions/{session_id}', 'method': 'PUT'},
         {'path': '/upload-sessions/{session_id}', 'method': 'DELETE'}]),
]


def list_rules():
    return rules
