# Documentation of glare.
import os
import sys

# Local extensions (the permission matrix).
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                '_ext'))

extensions = [
    'oslo_config.sphinxext',
    'oslo_policy.sphinxext',
    'glare_permissions',
    'glare_openapi',
]
project = 'glare'
copyright = '2026, glare developers'
master_doc = 'index'
exclude_patterns = ['_ext']
html_theme = 'alabaster'
