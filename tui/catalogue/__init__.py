"""The catalogue of exercises and routines: model, loading, validation and wording."""
