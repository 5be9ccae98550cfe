-- stored_reports: which of the given files are already stored, as reports (the import page marks them before
-- storing, since storing the same bytes again changes nothing).
-- Returns: report_id (the file's sha256), agency, year, first_seen (when the file was first stored), synthetic.
-- Parameters: $report_ids (VARCHAR[], sha256 of each file; the dashboard filters do not apply).
SELECT r.report_id, coalesce(a.name, r.agency_printed) AS agency, r.year, s.first_seen, r.synthetic
FROM reports r
JOIN sources s ON s.sha256 = r.report_id
LEFT JOIN agencies a ON a.agency_id = r.agency_id
WHERE list_contains($report_ids, r.report_id)
ORDER BY r.report_id;
