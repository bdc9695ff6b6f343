"""The local library: one SQLite database (sqlite-utils) of saved articles, entities, notes and search.

`Library` (app.store.library) is the service the window and the command line share; `import_paths`
(app.store.importer) imports files and folders; app.store.db opens, migrates and backs up the file.
"""
