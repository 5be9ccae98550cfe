-- source_document: the original file one report was parsed from, for download beside its numbers.
-- Returns: report_id, sha256, format, size_bytes, file_name (as first ingested), first_seen, content (BLOB,
--   the file's bytes as received), synthetic. No row when the source was not kept.
-- Parameters: $report_id (the dashboard filters do not apply: the report is given).
SELECT r.report_id, s.sha256, s.format, s.size_bytes, s.file_name, s.first_seen, s.content, r.synthetic
FROM reports r
JOIN sources s ON s.sha256 = r.report_id
WHERE r.report_id = $report_id;
