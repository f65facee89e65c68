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

"""``glare-api``: serve the API on gunicorn (processes x threads).

``glare-api [--config-file F] [--host H] [--port P]``. With no
configuration it serves http://127.0.0.1:9494 on the embedded
defaults: SQLite and blobs under ``state_dir``, trusted development auth
(chosen only because nothing else was configured and the address is
loopback), schema created on first start.
"""

import sys

from gunicorn.app import base as gunicorn_base
from oslo_config import cfg
from oslo_log import log

from glare.api import app as api_app
from glare.api.middleware import auth
from glare.db import api as db_api
from glare.db import migration
from glare.engine import notification_sender
from glare import exception
from glare import metrics
from glare import service
from glare.wsgi import worker

LOG = log.getLogger(__name__)

# Command-line shortcuts for bind_host and bind_port.
CLI_OPTS = [
    cfg.HostAddressOpt('host', dest='cli_bind_host',
                       help='Address to listen on (bind_host; default '
                            '127.0.0.1).'),
    cfg.PortOpt('port', dest='cli_bind_port',
                help='Port to listen on (bind_port; default 9494).'),
]


class Server(gunicorn_base.BaseApplication):
    """gunicorn with glare's application built once, before forking.

    Its workers are ``glare.wsgi.worker.Worker``, which read the client
    timeouts from ``conf``.
    """

    def __init__(self, application, options, conf=None):
        self.application = application
        self.options = options
        self.conf = conf
        super().__init__()

    def load_config(self):
        for key, value in self.options.items():
            self.cfg.set(key, value)

    def load(self):
        return self.application


def choose_embedded_auth(conf):
    """The quick start's development auth, when nothing else was chosen.

    ``auth_strategy`` defaults to keystone everywhere; glare-api alone,
    bound to loopback with no ``auth_strategy`` configured, serves the
    trusted development mode so that a first run works without keystone.
    """
    unset = conf.get_location('auth_strategy').location is \
        cfg.Locations.opt_default
    if unset and auth.is_loopback(conf.bind_host):
        conf.set_override('auth_strategy', 'trusted')
        LOG.warning('No auth_strategy configured: glare-api on %s uses the '
                    'trusted development mode (X-Auth-Token: '
                    'user:project:role). Set auth_strategy = keystone for '
                    'anything but local development.', conf.bind_host)


def check_auth_bind(conf):
    """Development auth believes any client: refuse it on a public bind."""
    if conf.auth_strategy == 'keystone' or auth.is_loopback(conf.bind_host):
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


def apply_cli_address(conf):
    """``--host`` and ``--port`` win over the configuration files."""
    if conf.cli_bind_host:
        conf.set_override('bind_host', conf.cli_bind_host)
    if conf.cli_bind_port:
        conf.set_override('bind_port', conf.cli_bind_port)


def main(argv=None):
    # Before anything records a metric: the workers share the directory.
    metrics_dir = metrics.make_multiprocess_dir()
    try:
        return _serve(sys.argv[1:] if argv is None else argv)
    finally:
        metrics.remove_multiprocess_dir(metrics_dir)


def _serve(argv):
    cfg.CONF.register_cli_opts(CLI_OPTS)
    conf = service.prepare(argv)
    apply_cli_address(conf)
    try:
        choose_embedded_auth(conf)
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
    Server(application, server_options(conf), conf).run()
    return 0


def server_options(conf):
    """gunicorn's settings for glare-api."""
    return {
        'bind': '%s:%s' % (_host(conf.bind_host), conf.bind_port),
        'workers': conf.workers,
        'threads': conf.threads,
        # gthread, with request heads read in the event loop and glare's
        # error bodies (doc/source/benchmark.rst says why).
        'worker_class': worker.Worker,
        'limit_request_line': worker.LIMIT_REQUEST_LINE,
        # The worker's heartbeat: large uploads and downloads stream for
        # minutes, and slow clients are bounded by the client timeouts.
        'timeout': 0,
        'graceful_timeout': 30,
        # glare logs one line per request itself (glare.access), with
        # the request id, the caller and the duration of the transfer.
        'accesslog': None,
        'errorlog': '-',
        'proc_name': 'glare-api',
        # Each worker sends the notification outbox from when it is up,
        # not from its first request: a backlog left by a broker outage
        # or a restart goes out with no traffic at all.
        'post_worker_init': _start_notification_sender,
        # And gives its lease up when it stops, so that another worker
        # takes over at once rather than when the lease expires.
        'worker_exit': _stop_notification_sender,
        # A dead worker's live gauges (uploads, connections) stop counting.
        'child_exit': _forget_worker_metrics,
        # gunicorn's control socket lives in the user's home by default:
        # two glare-api processes on one host would take each other's.
        'control_socket_disable': True,
    }


def _start_notification_sender(worker):
    notification_sender.ensure_running()


def _stop_notification_sender(server, worker):
    notification_sender.stop()


def _forget_worker_metrics(server, worker):
    metrics.worker_exited(worker.pid)


def _host(host):
    return '[%s]' % host if ':' in host else host


if __name__ == '__main__':
    sys.exit(main())
