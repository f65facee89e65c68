"""Built-in artifact types, each a ``glare.artifact_types`` plugin."""
