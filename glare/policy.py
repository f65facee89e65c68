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

"""The policy enforcer. Rules themselves are in ``glare.policies``.

The new (secure RBAC) defaults are enforced, and so are the rules'
``scope_types``: a system- or domain-scoped token is refused by every
project rule. oslo.policy 6 always checks scopes (its ``enforce_scope``
option is gone) and defaults ``enforce_new_defaults`` to true; glare sets
both defaults itself so an older oslo.policy behaves the same.
``[oslo_policy] enforce_new_defaults = false`` lets Glare's former
defaults allow too, for the deprecation period.
"""

import functools
import inspect
import time

from oslo_config import cfg
from oslo_policy import _checks
from oslo_policy import opts as policy_opts
from oslo_policy import policy

from glare import exception
from glare import policies

_ENFORCER = None
# How long the policy files may go unchecked for changes, in seconds.
RELOAD_INTERVAL = 1.0


@functools.lru_cache(maxsize=None)
def _takes_current_rule(check_class):
    return len(inspect.getfullargspec(check_class.__call__).args) > 4


def _check(rule, target, creds, enforcer, current_rule=None):
    """oslo.policy's ``_checks._check``, inspecting each check class once.

    oslo.policy asks ``inspect.getfullargspec`` whether a check takes the
    rule's name every time it evaluates one: about ten times per request,
    a tenth of the CPU of showing an artifact. The answer belongs to the
    check's class, so it is asked once per class.
    """
    if _takes_current_rule(type(rule)):
        return rule(target, creds, enforcer, current_rule)
    return rule(target, creds, enforcer)


# The composite checks (and, or, not, rule:) and the enforcer call the
# module's ``_check`` by its global name.
_checks._check = _check


class Enforcer(policy.Enforcer):
    """An enforcer that looks for changed policy files once a second.

    oslo.policy looks for them on every rule it evaluates: the policy
    file and each ``policy.d`` directory are searched for through the
    configuration directories, some twenty ``stat`` calls per request, a
    tenth of showing an artifact. An edited policy file applies within
    ``RELOAD_INTERVAL`` instead of at once.
    """

    _next_load = 0.0

    def load_rules(self, force_reload=False):
        now = time.monotonic()
        if force_reload or now >= self._next_load:
            super().load_rules(force_reload)
            self._next_load = now + RELOAD_INTERVAL

    def clear(self):
        super().clear()
        self._next_load = 0.0


def get_enforcer(conf=None):
    """The process-wide enforcer.

    Also the ``oslo.policy.enforcer`` entry point that
    ``oslopolicy-policy-generator`` and ``oslopolicy-checker`` use.
    """
    global _ENFORCER
    if _ENFORCER is None:
        conf = conf or cfg.CONF
        # Unknown option names are ignored: enforce_scope only exists in
        # oslo.policy before 6.
        policy_opts.set_defaults(conf, 'policy.yaml',
                                 enforce_new_defaults=True,
                                 enforce_scope=True)
        enforcer = Enforcer(conf)
        enforcer.register_defaults(policies.list_rules())
        enforcer.load_rules()
        _ENFORCER = enforcer
    return _ENFORCER


def reset():
    global _ENFORCER
    if _ENFORCER is not None:
        _ENFORCER.clear()
    _ENFORCER = None


def authorize(context, action, target, fatal=True):
    """Check ``action`` for ``context`` on ``target``.

    When ``fatal``, a denial raises ``PolicyNotAuthorized`` (403), or
    ``Unauthorized`` (401) for an anonymous caller: authenticating may
    help them.
    """
    credentials = context.to_policy_values()
    enforcer = get_enforcer()
    if fatal:
        try:
            return enforcer.authorize(
                action, target, credentials, do_raise=True,
                exc=exception.PolicyNotAuthorized, action=action)
        except (policy.InvalidScope, exception.PolicyNotAuthorized):
            if getattr(context, 'anonymous', False):
                raise exception.Unauthorized(
                    'Authentication required: anonymous callers may only '
                    'read public artifacts (policy does not allow %s).' %
                    action)
            raise exception.PolicyNotAuthorized(action=action)
    return enforcer.authorize(action, target, credentials)
