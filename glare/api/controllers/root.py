"""The root of the authenticated API: schemas and artifacts.

``/`` and ``/versions`` are answered before authentication by
``glare.api.versions``.
"""

from glare.api.controllers import artifacts
from glare.api.controllers import schemas


class RootController:
    schemas = schemas.SchemasController()
    artifacts = artifacts.ArtifactsController()
