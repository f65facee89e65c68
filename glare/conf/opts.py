"""Entry points for oslo-config-generator."""

from oslo_log import log

from glare.conf import api
from glare.conf import paths
from glare.conf import store


def list_opts():
    groups = {}
    for module in (api, paths, store):
        for group, opts in module.list_opts().items():
            groups.setdefault(group, []).extend(opts)
    return sorted(groups.items(), key=lambda item: item[0])


def set_defaults(conf=None):
    log.set_defaults(default_log_levels=log.get_default_log_levels() + [
        'stevedore=WARN', 'glance_store=INFO'])
