"""The policy enforcer. Rules themselves are in ``glare.policies``."""

from oslo_config import cfg
from oslo_policy import opts as policy_opts
from oslo_policy import policy

from glare import exception
from glare import policies

_ENFORCER = None


def get_enforcer(conf=None):
    """The process-wide enforcer.

    Also the ``oslo.policy.enforcer`` entry point that
    ``oslopolicy-policy-generator`` and ``oslopolicy-checker`` use.
    """
    global _ENFORCER
    if _ENFORCER is None:
        conf = conf or cfg.CONF
        policy_opts.set_defaults(conf, 'policy.yaml')
        enforcer = policy.Enforcer(conf)
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
    credentials = context.to_policy_values()
    enforcer = get_enforcer()
    if fatal:
        try:
            return enforcer.authorize(
                action, target, credentials, do_raise=True,
                exc=exception.PolicyNotAuthorized, action=action)
        except policy.InvalidScope:
            raise exception.PolicyNotAuthorized(action=action)
    return enforcer.authorize(action, target, credentials)


def check_is_admin(context):
    credentials = context.to_policy_values()
    return get_enforcer().authorize('context_is_admin', {}, credentials)
