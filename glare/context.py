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

"""The request context: who is calling, and the database transaction."""

from oslo_context import context
from oslo_db.sqlalchemy import enginefacade

from glare.policies import artifacts as artifact_policy
from glare import policy


@enginefacade.transaction_context_provider
class RequestContext(context.RequestContext):
    """oslo.context plus policy checks and the DB transaction.

    :param is_admin: an internal context with every right (glare-scrubber,
        ``elevated``); callers' rights come from the policy rules alone.
    :param all_projects: whether the caller sees every project's artifacts
        (``artifact:read_all_projects``); asked of the policy, once, when
        not given.
    :param anonymous: an unauthenticated caller let in by
        ``allow_anonymous_access``: no user, no project, no roles.
    :param api_version: the API microversion of the request, ``(major,
        minor)``; None for glare's own work (the newest).
    """

    def __init__(self, is_admin=False, all_projects=None, anonymous=False,
                 api_version=None, **kwargs):
        super().__init__(is_admin=is_admin, **kwargs)
        self.anonymous = anonymous
        self.api_version = api_version
        self._all_projects = all_projects

    @property
    def all_projects(self):
        """True when the caller sees the artifacts of every project."""
        if self._all_projects is None:
            self._all_projects = self.can(
                artifact_policy.READ_ALL_PROJECTS,
                {'project_id': self.project_id},
                fatal=False)
        return self._all_projects

    def to_policy_values(self):
        values = super().to_policy_values()
        values['anonymous'] = self.anonymous
        return values

    def to_dict(self):
        values = super().to_dict()
        values['anonymous'] = self.anonymous
        return values

    @classmethod
    def from_dict(cls, values, **kwargs):
        kwargs.setdefault('anonymous', values.get('anonymous', False))
        return super().from_dict(values, **kwargs)

    def can(self, action, target=None, fatal=True):
        """Check policy ``action`` against ``target`` for this caller.

        Raises ``PolicyNotAuthorized`` (403) when ``fatal`` and denied;
        otherwise returns the decision.
        """
        return policy.authorize(self, action, target or {}, fatal=fatal)

    def elevated(self):
        ctx = self.__class__.from_dict(self.to_dict())
        ctx.is_admin = True
        ctx._all_projects = True
        # A new list: the caller's own context must not gain the role.
        ctx.roles = list(ctx.roles) + (['admin'] if 'admin' not in
                                       ctx.roles else [])
        return ctx


def get_admin_context():
    return RequestContext(is_admin=True, all_projects=True, roles=['admin'])
