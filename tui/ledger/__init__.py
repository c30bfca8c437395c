"""The mobility ledger: check-ins, trends, self-tests and progression (no UI here)."""
