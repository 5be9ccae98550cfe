"""The write side: the only package that writes the database.

- `writer`: the single writer (`with Writer(path) as w: w.write(batch)`): one transaction per batch, publish;
- `workcopy`: the writer's private copy of the published file, and resuming a killed run from it;
- `parsed`: one file read and parsed (or failed), as the writer takes it;
- `rows`: a batch's rows, table by table, inserted with one statement each (`insert`: one Arrow table each);
- `batch_checks`: the checks R1–R5 of a batch, computed by DuckDB over its cells; only failures stored;
- `agency_ids`: the agency-id assignment (one id per agency for good, its names and aliases);
- `carried`: table 二 rows glued together, split by the agency's year before, and later years rewritten;
- `current`: the current-report rule of each agency and year;
- `derive`: the derived tables (SQL in queries/derive/), filled once per write;
- `schema`: the schema applied, checked and an empty database created;
- `publish`: the one-writer lock, the atomic replacement of the published file and its version token.
"""
