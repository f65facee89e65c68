"""The request context: who is calling, and the database transaction."""

from oslo_context import context
from oslo_db.sqlalchemy import enginefacade

from glare import policy


@enginefacade.transaction_context_provider
class RequestContext(context.RequestContext):
    """oslo.context plus policy checks and the DB transaction."""

    def __init__(self, is_admin=None, **kwargs):
        super().__init__(is_admin=False, **kwargs)
        if is_admin is None:
            is_admin = policy.check_is_admin(self)
        self.is_admin = is_admin

    def can(self, action, target=None, fatal=True):
        """Check policy ``action`` against ``target`` for this caller.

        Raises ``PolicyNotAuthorized`` (403) when ``fatal`` and denied;
        otherwise returns the decision.
        """
        return policy.authorize(self, action, target or {}, fatal=fatal)

    def elevated(self):
        ctx = self.__class__.from_dict(self.to_dict())
        ctx.is_admin = True
        # A new list: the caller's own context must not gain the role.
        ctx.roles = list(ctx.roles) + (['admin'] if 'admin' not in
                                       ctx.roles else [])
        return ctx


def get_admin_context():
    return RequestContext(is_admin=True, roles=['admin'])
