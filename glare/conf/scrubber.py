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

"""Delayed delete and glare-scrubber."""

from oslo_config import cfg

opts = [
    cfg.BoolOpt('delayed_delete', default=False,
                help='When true, DELETE only marks an artifact deleted and '
                     'hides it; glare-scrubber removes its rows and blob '
                     'data once it has been deleted for scrub_time seconds, '
                     'and until then an admin can restore it.'),
    cfg.IntOpt('scrub_time', default=0, min=0,
               help='Seconds a deleted artifact is kept (restorable) '
                    'before glare-scrubber purges it.'),
    cfg.IntOpt('scrub_pool_size', default=1, min=1,
               help='Artifacts and blob data glare-scrubber deletes in '
                    'parallel.'),
    cfg.IntOpt('wakeup_time', default=300, min=1,
               help='Seconds glare-scrubber --daemon sleeps between runs.'),
]


def register_opts(conf):
    conf.register_opts(opts)


def list_opts():
    return {'DEFAULT': opts}
