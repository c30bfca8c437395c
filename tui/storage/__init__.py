"""loosen's storage: settings, the unfinished session and history in TinyDB files.

`tui.storage.store.Store` is the entry point; `tui.storage.layout` describes the files.
Nothing here imports textual.
"""
