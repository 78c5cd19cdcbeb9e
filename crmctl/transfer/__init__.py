"""The file formats of import and export: reading CSV, spreadsheets and YAML tables, writing them,
and the output files a command writes for people."""
