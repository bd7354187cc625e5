"""The knowledge base as data: sources, the one YAML loader, schemas, records, the compiled store, validation."""
