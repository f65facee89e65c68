"""Policy rules in code, one module per resource."""

import itertools

from glare.policies import artifacts
from glare.policies import base
from glare.policies import blobs
from glare.policies import quotas
from glare.policies import schemas


def list_rules():
    return list(itertools.chain(
        base.list_rules(),
        schemas.list_rules(),
        artifacts.list_rules(),
        blobs.list_rules(),
        quotas.list_rules(),
    ))
