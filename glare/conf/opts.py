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

"""Entry points for oslo-config-generator."""

from oslo_config import cfg
from oslo_log import log
from oslo_middleware import sizelimit

from glare.conf import api
from glare.conf import imports
from glare.conf import lifecycle
from glare.conf import notifications
from glare.conf import paths
from glare.conf import quotas
from glare.conf import scrubber
from glare.conf import store


def list_opts():
    groups = {}
    for module in (api, imports, lifecycle, notifications, paths, quotas,
                   scrubber, store):
        for group, opts in module.list_opts().items():
            groups.setdefault(group, []).extend(opts)
    return sorted(groups.items(), key=lambda item: item[0])


# [oslo_middleware] max_request_body_size: JSON bodies only (blob data is
# never limited by it). oslo.middleware's 112 KiB is tight for artifacts
# with many properties.
MAX_JSON_BODY = 1024 * 1024


def set_defaults(conf=None):
    log.set_defaults(default_log_levels=log.get_default_log_levels() + [
        'stevedore=WARN', 'glance_store=INFO'])
    # The options themselves, as oslo.middleware's own set_defaults do, so
    # the sample file and the docs show glare's default too.
    cfg.set_defaults(sizelimit.OPTS, max_request_body_size=MAX_JSON_BODY)
