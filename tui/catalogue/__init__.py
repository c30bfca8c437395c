"""The catalogue of exercises and routines: model, loading and validation."""
