# Documentation of glare.
extensions = [
    'oslo_config.sphinxext',
    'oslo_policy.sphinxext',
]
project = 'glare'
copyright = '2026, glare developers'
master_doc = 'index'
exclude_patterns = []
html_theme = 'alabaster'
