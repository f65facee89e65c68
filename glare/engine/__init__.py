"""Use cases of glare: no HTTP, no policy (see glare/api for both)."""
