"""Entry points for oslo-config-generator."""

from oslo_config import cfg
from oslo_log import log
from oslo_middleware import sizelimit

from glare.conf import api
from glare.conf import paths
from glare.conf import quotas
from glare.conf import scrubber
from glare.conf import store


def list_opts():
    groups = {}
    for module in (api, paths, quotas, scrubber, store):
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
