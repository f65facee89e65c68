"""Heat environments: parameters and resource registries for templates."""

from glare.artifact_types import documents
from glare.objects import base
from glare.objects import fields as f

ENVIRONMENT_MAX = 10 * 1024 ** 2
# The sections Heat accepts in an environment file.
SECTIONS = ('parameters', 'parameter_defaults', 'resource_registry',
            'encrypted_param_names', 'event_sinks',
            'parameter_merge_strategies')


def check_environment(document, what='Heat environment'):
    unknown = sorted(str(key) for key in document if key not in SECTIONS)
    if unknown:
        raise ValueError('The %s has a section %s, which Heat does not '
                         'know; the sections are %s.' % (
                             what, unknown[0], ', '.join(SECTIONS)))


class HeatEnvironment(documents.YamlDocument, base.BaseArtifact):
    VERSION = '1.0'
    document_name = 'Heat environment'
    document_max = ENVIRONMENT_MAX
    check_document = staticmethod(check_environment)

    fields = {
        'environment': f.Blob(max_blob_size=ENVIRONMENT_MAX,
                              required_on_activate=True,
                              description='The Heat environment (YAML).'),
    }

    @classmethod
    def get_type_name(cls):
        return 'heat_environments'

    @classmethod
    def get_display_type_name(cls):
        return 'Heat Environments'
