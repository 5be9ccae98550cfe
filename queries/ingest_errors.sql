-- ingest_errors: every file that could not be read or parsed, newest first, with the reason for a person.
-- Returns: at, path, sha256, code (unreadable | not_a_report | …), message.
-- Parameters: none (files that failed have no agency or year to filter by).
SELECT e."at", e.path, e.sha256, e.code, e.message
FROM ingest_errors e
ORDER BY e."at" DESC, e.path;
