"""The national directory: data·inclusion's services and structures, imported beside the curated catalogue.

- `records`: reading the published files (JSON, NDJSON, CSV, Parquet, gzip) and the API pages.
- `api`: the API client (token, pagination, polite retries).
- `validation`: each record checked with the schema package's own v1 models; bad ones reported and skipped.
- `mapping` (with `mapping.yaml`): data·inclusion codes → the navigator's codes, as a table.
- `snapshot`: the snapshot file the app reads, written beside the old one and swapped in when complete.
- `importer`: all of the above, with the summary line.
"""
