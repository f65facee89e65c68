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

"""The WSGI application: the middleware pipeline around the router.

Outermost first:

    observer             the access log line and the metrics of each
                         request (its whole answer, errors included)
    http_proxy_to_wsgi   scheme/host from a TLS-terminating proxy
    CORS                 browser cross-origin rules ([cors] options)
    request id           X-OpenStack-Request-ID on every response
    microversion         OpenStack-API-Version negotiation
    route match          the route of the request (glare.api.routes), found
                         once for the layers below
    fault                JSON error bodies for every failure inside
    auth                 keystonemiddleware auth_token, or a dev mode; public
                         routes (the versions document) pass without
    context              RequestContext from the identity headers
    sizelimit            [oslo_middleware] max_request_body_size, for JSON
                         bodies (never blob data)
    router               the route's handler (glare.api.controllers)

Inside the observer, each request makes sure the process's notification
sender runs (glare.engine.notification_sender).
"""

import functools
import inspect

from keystonemiddleware import auth_token
from oslo_log import log
from oslo_middleware import base as middleware_base
from oslo_middleware import cors
from oslo_middleware import http_proxy_to_wsgi
from oslo_middleware import request_id
from oslo_middleware import sizelimit

from glare.api import http
from glare.api.middleware import auth
from glare.api.middleware import fault
from glare.api.middleware import microversion
from glare.api.middleware import observer
from glare.api import router
from glare.api import routes
from glare.conf import opts as glare_opts
from glare.engine import health
from glare.engine import notification_sender
from glare import exception
from glare import metrics
from glare.objects import registry
from glare import policy
from glare.store import api as store

LOG = log.getLogger(__name__)

# oslo.middleware's base class reads the signature of each middleware's
# ``process_response`` on every request it passes (five middleware here):
# the signatures of the few instances in the pipeline never change.
middleware_base.getfullargspec = functools.lru_cache(maxsize=64)(
    inspect.getfullargspec)


def _auth(application, conf):
    """Authentication, then the request context; not for public routes.

    With ``allow_anonymous_access`` keystonemiddleware only marks requests
    without a valid token (``delay_auth_decision``); ``ContextMiddleware``
    then lets those with no token at all read, and answers the others 401.
    keystonemiddleware adds its ``WWW-Authenticate`` to every 401 from
    inside.
    """
    authenticated = _authenticated(application, conf)

    def dispatch(environ, start_response):
        if environ[router.ENVIRON_KEY].public(environ):
            return application(environ, start_response)
        return authenticated(environ, start_response)
    return dispatch


def _authenticated(application, conf):
    anonymous = conf.allow_anonymous_access
    application = auth.ContextMiddleware(application,
                                         allow_anonymous=anonymous)
    strategy = conf.auth_strategy
    if strategy == 'keystone':
        local = {'oslo_config_config': conf}
        if anonymous:
            local['delay_auth_decision'] = True
        protocol = auth_token.AuthProtocol(application, local)
        _check_keystone_configured(conf)
        return protocol
    LOG.warning('auth_strategy is %s: the API believes whatever identity a '
                'client claims. Use it for development only.', strategy)
    return auth.DevAuthMiddleware(application,
                                  accept_token=strategy == 'trusted',
                                  allow_anonymous=anonymous,
                                  allow_remote=conf.allow_insecure_dev_auth)


def _check_keystone_configured(conf):
    """Refuse to start when tokens could not be validated at all.

    Without a ``[keystone_authtoken]`` auth plugin keystonemiddleware
    fails every request with a 500; say so once, at start-up.
    """
    # keystonemiddleware registered its options on ``conf`` just now.
    if not conf.keystone_authtoken.auth_type:
        raise exception.GlareException(
            'auth_strategy = keystone (the default) needs a '
            '[keystone_authtoken] section with auth_type, auth_url and the '
            'service user glare validates tokens as (see '
            'doc/source/install.rst). For local development set '
            'auth_strategy = trusted; development auth only serves clients '
            'on a loopback address.')


def _json_body_limit(application, conf):
    """oslo.middleware's sizelimit, with glare's error for a declared size.

    Not for routes whose handlers stream the body (blob data): their data
    is limited by its field and the quotas instead.
    """
    limiter = sizelimit.RequestBodySizeLimiter(application, conf)
    # For applications built without glare.service.prepare (tests).
    glare_opts.set_defaults(conf)

    def check(environ, start_response):
        if environ[router.ENVIRON_KEY].raw_body:
            return application(environ, start_response)
        limit = conf.oslo_middleware.max_request_body_size
        length = environ.get('CONTENT_LENGTH')
        if length and length.isdigit() and int(length) > limit:
            raise exception.RequestEntityTooLarge(
                'The request body (%s bytes) is larger than the %d bytes '
                'allowed ([oslo_middleware] max_request_body_size).' % (
                    length, limit))
        # A chunked body is counted while Pecan reads it.
        return limiter(environ, start_response)
    return check


def _dispatcher(table):
    """The innermost application: the route's handler makes the response."""
    def application(environ, start_response):
        response = table.dispatch(http.Request(environ))
        return response(environ, start_response)
    return application


def _notification_sender(application):
    """Start this process's notification sender with its requests.

    Per request, not at build time: WSGI servers build the application
    before forking their workers, which would be left without the thread.
    The check is one comparison once the thread runs.
    """
    def call(environ, start_response):
        notification_sender.ensure_running()
        return application(environ, start_response)
    return call


def build(conf, types=None):
    """Build the API; ``types`` overrides the configured plugins."""
    if types is None:
        types = registry.load_types(conf.enabled_artifact_types)
    else:
        registry.use_types(types)
    policy.get_enforcer(conf)
    store.setup(conf)
    health.setup(conf)
    metrics.setup()
    table = router.Router(routes.ROUTES)
    app = _dispatcher(table)
    app = _json_body_limit(app, conf)
    app = _auth(app, conf)
    app = fault.FaultWrapper(app)
    app = router.MatchRoute(app, table)
    app = microversion.MicroversionMiddleware(app)
    app = request_id.RequestId(app)
    app = cors.CORS(app, conf)
    app = http_proxy_to_wsgi.HTTPProxyToWSGI(app, conf)
    app = _notification_sender(app)
    return observer.Observer(app)
