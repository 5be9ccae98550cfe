-- ingest_errors: every file that could not be read or parsed, newest first, with the reason for a person.
-- Returns: at, path, sha256, code (unreadable | not_a_report | …), message.
--   total_rows: the rows of the whole list; only the first $limit are returned (NULL: all, as the downloads
--   take them; a page shows the first few and says how many there are).
-- Parameters: $limit (rows returned, NULL: all); no filters (files that failed have no agency or year to filter by).
WITH listed AS (
    SELECT e."at", e.path, e.sha256, e.code, e.message
    FROM ingest_errors e
)
SELECT listed.*, n.total_rows
FROM listed, (SELECT count(*) AS total_rows FROM listed) n
ORDER BY "at" DESC, path
LIMIT $limit;
