"""The root of the authenticated API: schemas, artifacts, quotas.

``/`` and ``/versions`` are answered before authentication by
``glare.api.versions``.
"""

import pecan

from glare.api.controllers import artifacts
from glare.api.controllers import quotas
from glare.api.controllers import schemas


class RootController:
    schemas = schemas.SchemasController()
    artifacts = artifacts.ArtifactsController()
    quotas = quotas.QuotasController()


# Not a valid Python name, so routed explicitly.
pecan.route(RootController, 'project-quotas',
            quotas.ProjectQuotasController())
