"""``glare-api``: serve the API on gunicorn (processes x threads).

With no configuration it serves http://127.0.0.1:9494 on the embedded
defaults: SQLite and blobs under ``state_dir``, trusted development auth,
schema created on first start.
"""

import ipaddress
import sys

from gunicorn.app import base as gunicorn_base
from oslo_log import log

from glare.api import app as api_app
from glare.db import api as db_api
from glare.db import migration
from glare import exception
from glare import service

LOG = log.getLogger(__name__)


class Server(gunicorn_base.BaseApplication):
    """gunicorn with glare's application built once, before forking."""

    def __init__(self, application, options):
        self.application = application
        self.options = options
        super().__init__()

    def load_config(self):
        for key, value in self.options.items():
            self.cfg.set(key, value)

    def load(self):
        return self.application


def is_loopback(host):
    if host == 'localhost':
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def check_auth_bind(conf):
    """Development auth believes any client: refuse it on a public bind."""
    if conf.auth_strategy == 'keystone' or is_loopback(conf.bind_host):
        return
    if conf.allow_insecure_dev_auth:
        LOG.warning('auth_strategy %s on the non-loopback address %s: '
                    'anyone who reaches it can act as any user.',
                    conf.auth_strategy, conf.bind_host)
        return
    raise exception.GlareException(
        'auth_strategy = %s trusts any client and is refused on the '
        'non-loopback bind address %s. Use auth_strategy = keystone, bind '
        'to 127.0.0.1, or set allow_insecure_dev_auth = true.' %
        (conf.auth_strategy, conf.bind_host))


def main(argv=None):
    conf = service.prepare(sys.argv[1:] if argv is None else argv)
    try:
        check_auth_bind(conf)
        if service.uses_embedded_database(conf):
            migration.upgrade()
        application = api_app.build(conf)
    except (exception.GlareException, exception.TypeLoadError) as exc:
        LOG.error('%s', exc)
        sys.stderr.write('glare-api: %s\n' % exc)
        return 1
    # Worker processes open their own database connections.
    db_api.dispose()
    LOG.info('glare-api serving on http://%s:%s with %d worker(s) x %d '
             'thread(s)', conf.bind_host, conf.bind_port, conf.workers,
             conf.threads)
    Server(application, {
        'bind': '%s:%s' % (_host(conf.bind_host), conf.bind_port),
        'workers': conf.workers,
        'threads': conf.threads,
        'worker_class': 'gthread',
        # Large uploads and downloads stream; do not kill slow ones.
        'timeout': 0,
        'graceful_timeout': 30,
        'accesslog': '-',
        'errorlog': '-',
        'proc_name': 'glare-api',
        # gunicorn's control socket lives in the user's home by default:
        # two glare-api processes on one host would take each other's.
        'control_socket_disable': True,
    }).run()
    return 0


def _host(host):
    return '[%s]' % host if ':' in host else host


if __name__ == '__main__':
    sys.exit(main())
