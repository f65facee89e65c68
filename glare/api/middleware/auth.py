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

"""Authentication: development modes and the request context.

With ``auth_strategy = keystone`` keystonemiddleware ``auth_token``
validates tokens and sets the identity headers. The development modes set
the same headers from what the client says, believed as given:

``trusted``  ``X-Auth-Token: user:project:role[,role...]`` (what Glare's
             trusted auth took), or the identity headers below
``noauth``   ``X-Identity-Status: Confirmed``, ``X-User-Id``,
             ``X-Project-Id``, ``X-Roles``

Like keystone, the development modes add the roles a role implies
(``admin`` implies ``member``, which implies ``reader``), so the policy
personas work the same in every mode.

The development modes answer only clients on a loopback address
(``REMOTE_ADDR``), whatever address the WSGI server listens on, unless
``allow_insecure_dev_auth`` says otherwise: a deployment that forgot to
configure keystone must not hand out admin to its network.

``ContextMiddleware`` then turns the identity headers into a
``RequestContext`` in ``environ['glare.context']``. With
``allow_anonymous_access`` a request that carries no credentials at all
gets an anonymous context (no user, project or roles) for ``GET`` and
``HEAD``; anything else it asks is a 401. A token that is invalid stays a
401 whatever the option says.
"""

import ipaddress

import webob.dec

from glare.api import errors
from glare.api import microversion
from glare import context

CONTEXT_KEY = 'glare.context'

_IDENTITY_HEADERS = ('X-Identity-Status', 'X-User-Id', 'X-Project-Id',
                     'X-Roles', 'X-User-Name', 'X-Project-Name',
                     'X-Domain-Id', 'X-User-Domain-Id',
                     'X-Project-Domain-Id', 'X-Service-Roles',
                     'X-System-Scope')

# keystone's default role implications.
IMPLIED_ROLES = {'admin': ('member', 'reader'), 'member': ('reader',)}

READ_METHODS = ('GET', 'HEAD')


def is_loopback(host):
    """True for a loopback address or ``localhost``."""
    if host == 'localhost':
        return True
    try:
        return ipaddress.ip_address(host or '').is_loopback
    except ValueError:
        return False


def _unauthorized(req, message):
    return errors.response(401, message, 'Unauthorized',
                           req.environ.get('openstack.request_id'))


def with_implied_roles(roles):
    """``roles`` plus the roles they imply, in order, without repeats."""
    result = []
    for role in roles:
        for name in (role,) + IMPLIED_ROLES.get(role, ()):
            if name not in result:
                result.append(name)
    return result


def _split_roles(value):
    return [r.strip() for r in (value or '').split(',') if r.strip()]


class DevAuthMiddleware:
    """Identity from what the client says (development and tests).

    :param accept_token: read ``user:project:role`` tokens (``trusted``).
    :param allow_anonymous: pass requests with no credentials on, marked
        ``X-Identity-Status: Invalid`` as keystonemiddleware marks them
        with ``delay_auth_decision``.
    :param allow_remote: serve clients that are not on a loopback address.
    """

    def __init__(self, application, accept_token=True,
                 allow_anonymous=False, allow_remote=False):
        self.application = application
        self.accept_token = accept_token
        self.allow_anonymous = allow_anonymous
        self.allow_remote = allow_remote

    @webob.dec.wsgify
    def __call__(self, req):
        if not self.allow_remote and not is_loopback(req.remote_addr):
            return errors.response(
                403, 'Development authentication only serves clients on '
                     'a loopback address. Configure auth_strategy = '
                     'keystone (or allow_insecure_dev_auth to accept the '
                     'risk).', 'Forbidden',
                req.environ.get('openstack.request_id'))
        token = req.headers.get('X-Auth-Token')
        if self.accept_token and token:
            user, project, roles = self._parse_token(token)
            if user is None:
                return _unauthorized(
                    req, 'X-Auth-Token must be "user:project:role[,role]" '
                         'in trusted auth mode.')
            for name in _IDENTITY_HEADERS:
                req.headers.pop(name, None)
            req.headers['X-Identity-Status'] = 'Confirmed'
            req.headers['X-User-Id'] = user
            req.headers['X-Project-Id'] = project
            req.headers['X-Roles'] = ','.join(with_implied_roles(roles))
        elif req.headers.get('X-Identity-Status') == 'Confirmed' and \
                req.headers.get('X-Project-Id'):
            req.headers['X-Roles'] = ','.join(with_implied_roles(
                _split_roles(req.headers.get('X-Roles'))))
        elif self.allow_anonymous and not token and \
                'X-Identity-Status' not in req.headers:
            for name in _IDENTITY_HEADERS:
                req.headers.pop(name, None)
            req.headers['X-Identity-Status'] = 'Invalid'
        else:
            expected = ('an X-Auth-Token of the form '
                        '"user:project:role[,role]", or' if
                        self.accept_token else '')
            return _unauthorized(
                req, 'Authentication required: send %s the headers '
                     'X-Identity-Status: Confirmed, X-User-Id, X-Project-Id '
                     'and X-Roles.' % expected)
        return req.get_response(self.application)

    @staticmethod
    def _parse_token(token):
        parts = token.split(':')
        if len(parts) != 3 or not all(parts[:2]):
            return None, None, None
        return parts[0], parts[1], _split_roles(parts[2])


class ContextMiddleware:
    """Builds the request context from the identity headers.

    :param allow_anonymous: give requests without credentials an anonymous,
        read-only context instead of a 401.
    """

    def __init__(self, application, allow_anonymous=False):
        self.application = application
        self.allow_anonymous = allow_anonymous

    @webob.dec.wsgify
    def __call__(self, req):
        status = req.headers.get('X-Identity-Status', 'Confirmed')
        service_status = req.headers.get('X-Service-Identity-Status',
                                         'Confirmed')
        api_version = req.environ.get(microversion.ENVIRON_KEY)
        if status == 'Confirmed' and service_status == 'Confirmed':
            ctx = context.RequestContext.from_environ(
                req.environ, api_version=api_version)
        elif self._anonymous(req):
            if req.method not in READ_METHODS:
                return _unauthorized(
                    req, 'Authentication required: anonymous callers may '
                         'only read public artifacts.')
            ctx = context.RequestContext.from_environ(
                req.environ, anonymous=True, user_id=None, project_id=None,
                domain_id=None, user_domain_id=None, project_domain_id=None,
                system_scope=None, roles=[], service_roles=[],
                is_admin=False, all_projects=False, api_version=api_version)
        elif not req.headers.get('X-Auth-Token'):
            return _unauthorized(req, 'Authentication required: send a '
                                      'token in X-Auth-Token.')
        else:
            return _unauthorized(req, 'The authentication token is invalid.')
        req.environ[CONTEXT_KEY] = ctx
        return req.get_response(self.application)

    def _anonymous(self, req):
        return self.allow_anonymous and not (
            req.headers.get('X-Auth-Token') or
            req.headers.get('X-Service-Token'))
