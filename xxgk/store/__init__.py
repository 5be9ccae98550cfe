"""The write side: the only package that writes the database.

- `writer`: the single writer (`with Writer(path) as w: w.write(batch)`), its working copy and publish;
- `parsed`: one file read and parsed (or failed), as the writer takes it;
- `rows`: a batch's rows, table by table, inserted with one statement each;
- `current`: the current-report rule of each agency and year;
- `derive`: the derived tables (SQL in queries/derive/), filled once per write;
- `schema`: the schema applied, checked and an empty database created;
- `publish`: the one-writer lock, the atomic replacement of the published file and its version token.
"""
