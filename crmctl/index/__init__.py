"""The query index: a SQLite cache of the record files and of rules' answers per customer, kept
fresh by file stamps. Only store/ uses it; everything above asks the store."""
