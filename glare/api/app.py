"""The WSGI application: the middleware pipeline around the Pecan app.

Outermost first:

    http_proxy_to_wsgi   scheme/host from a TLS-terminating proxy
    CORS                 browser cross-origin rules ([cors] options)
    request id           X-OpenStack-Request-ID on every response
    microversion         OpenStack-API-Version negotiation
    unauthenticated      GET /healthcheck (plain text, for load balancers);
                         the versions document at / and /versions
    fault                JSON error bodies for every failure inside
    auth                 keystonemiddleware auth_token, or a dev mode
    context              RequestContext from the identity headers
    blob data            /artifacts/{type}/{id}/{blob}[/{key}]: streamed by
                         glare.api.controllers.blobs
    Pecan                everything else: glare.api.controllers.root
"""

import os

from keystonemiddleware import auth_token
from oslo_log import log
from oslo_middleware import cors
from oslo_middleware import healthcheck
from oslo_middleware import http_proxy_to_wsgi
from oslo_middleware import request_id
import pecan

from glare.api.controllers import blobs
from glare.api.controllers import root
from glare.api import http
from glare.api.middleware import auth
from glare.api.middleware import fault
from glare.api.middleware import microversion
from glare.api import versions
from glare.objects import registry
from glare import policy
from glare.store import api as store

LOG = log.getLogger(__name__)

HEALTHCHECK_PATH = '/healthcheck'


def _auth(application, conf):
    strategy = conf.auth_strategy
    if strategy == 'keystone':
        return auth_token.AuthProtocol(application, {'oslo_config_config':
                                                     conf})
    LOG.warning('auth_strategy is %s: the API believes whatever identity a '
                'client claims. Use it for development only.', strategy)
    return auth.DevAuthMiddleware(application,
                                  accept_token=strategy == 'trusted')


def _unauthenticated_paths(application, conf):
    """Send the healthcheck and the versions document past auth.

    oslo.middleware's healthcheck answers every request it sees, so only
    its path is sent to it.
    """
    check = healthcheck.Healthcheck(application, {
        'backends': 'disable_by_file',
        'disable_by_file_path': conf.healthcheck_disable_file or
        os.path.join(conf.state_dir, 'healthcheck_disable')})

    def dispatch(environ, start_response):
        path = environ.get('PATH_INFO', '').rstrip('/')
        if path == HEALTHCHECK_PATH:
            return check(environ, start_response)
        if path in versions.PATHS:
            return versions.application(environ, start_response)
        return application(environ, start_response)
    return dispatch


def _blob_data_router(pecan_app):
    """Send blob data requests to their streaming WSGI application."""
    def dispatch(environ, start_response):
        if blobs.matches(environ.get('PATH_INFO', '')):
            return blobs.application(environ, start_response)
        return pecan_app(environ, start_response)
    return dispatch


def build(conf, types=None):
    """Build the API; ``types`` overrides the configured plugins."""
    if types is None:
        types = registry.load_types(conf.enabled_artifact_types)
    else:
        registry.use_types(types)
    policy.get_enforcer(conf)
    store.setup(conf)
    app = pecan.make_app(root.RootController(), force_canonical=False,
                         guess_content_type_from_ext=False,
                         request_cls=http.Request)
    app = _blob_data_router(app)
    app = auth.ContextMiddleware(app)
    app = _auth(app, conf)
    app = fault.FaultWrapper(app)
    app = _unauthenticated_paths(app, conf)
    app = microversion.MicroversionMiddleware(app)
    app = request_id.RequestId(app)
    app = cors.CORS(app, conf)
    app = http_proxy_to_wsgi.HTTPProxyToWSGI(app, conf)
    return app
