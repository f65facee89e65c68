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

"""Blob store options: which glance_store backends hold artifact data."""

from oslo_config import cfg

DEFAULT_BACKEND = 'fs'

opts = [
    cfg.DictOpt('enabled_backends',
                default={DEFAULT_BACKEND: 'file'},
                help='Blob store backends, as "id:type" pairs, e.g. '
                     '"fs:file,objects:s3". Each backend id has its own '
                     'config group with the glance_store options of its '
                     'type (e.g. [fs] filesystem_store_datadir). The '
                     'default backend is [glance_store] default_backend; '
                     'a filesystem store under state_dir when nothing is '
                     'configured.'),
    cfg.DictOpt('artifact_type_stores',
                default={},
                help='Default backend per artifact type, as '
                     '"type_name:backend_id" pairs, e.g. '
                     '"images:objects". Types not listed use [glance_store] '
                     'default_backend.'),
    cfg.IntOpt('blob_upload_stall_timeout', default=60, min=5,
               help='Seconds an upload may go without receiving data '
                    'before its claim on the blob counts as abandoned: '
                    'the next upload to the blob (or glare-scrubber) '
                    'releases it, and its partial data is queued for '
                    'deletion. The claim of an upload whose server process '
                    'died on the same host is released at once. Uploads '
                    'record their progress about four times per interval. '
                    'Set the WSGI server\'s own timeout for request bodies '
                    'no longer than this.'),
    cfg.IntOpt('upload_session_expiry', default=24 * 3600, min=60,
               help='Seconds an upload session (API 1.2, resumable '
                    'uploads) lives without receiving a chunk. '
                    'glare-scrubber removes expired sessions and the '
                    'chunks they stored; their bytes count against the '
                    'project\'s data quota until then.'),
]


def register_opts(conf):
    conf.register_opts(opts)


def list_opts():
    return {'DEFAULT': opts}
