"""loosen's storage: settings, the unfinished session and history in TinyDB files.

`tui.storage.store.Store` is the entry point; `tui.storage.layout` describes the files,
`tui.storage.types` the records in them and `tui.storage.validate` their one validator.
Nothing here imports textual.
"""
