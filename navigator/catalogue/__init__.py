"""The catalogue and its sources: the programme models, loading and validating the curated YAML files, how fresh each
entry is, and the export to data·inclusion services."""
