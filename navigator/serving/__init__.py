"""Running several app processes behind a reverse proxy: the proxy's configuration (scripts/serve.sh uses it)."""
