"""The only place in glare that talks to glance_store."""
