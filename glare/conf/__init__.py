"""Configuration options of glare, one module per option group.

Nothing here registers options at import time: :func:`register_opts` is
called by the entry points (``glare.common.config.parse_args``) and by the
test fixtures, so tests can use a private ``ConfigOpts`` when they want to.
"""

from oslo_config import cfg

from glare.conf import api
from glare.conf import database
from glare.conf import notifications
from glare.conf import paths
from glare.conf import quotas
from glare.conf import scrubber
from glare.conf import store

CONF = cfg.CONF

_MODULES = (api, database, notifications, paths, quotas, scrubber,
            store)


def register_opts(conf):
    for module in _MODULES:
        module.register_opts(conf)
