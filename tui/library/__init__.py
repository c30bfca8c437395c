"""The exercise library: exercises imported from open exercise databases, kept in the data dir.

Textual-free. Foreign files (free-exercise-db, wger's exerciseinfo) are read by `reading`,
converted to `LibraryRecord`s by `free_exercise_db` and `wger`, kept by `shelf`, turned into
catalogue exercises by `exercises` and added to the catalogue by `catalogue`.
"""
