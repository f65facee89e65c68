"""glare's Python SDK and openstackclient plugin.

``glare_client.Client`` speaks the v1 artifact API over a keystoneauth1
session; ``glare_client.exceptions`` holds the errors it raises.
"""

from glare_client.client import Client  # noqa: F401
