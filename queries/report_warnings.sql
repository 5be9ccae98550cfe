-- report_warnings: what the parser noted while reading one report (rows left blank because their numbers could not
-- be placed, digits run together, labels outside the template, pages it could not read, …), one row each, in the
-- order noted, so an official can judge the numbers shown beside them.
-- Returns: report_id, n (1, 2, … in the order noted), warning (Chinese, as the parser wrote it), parser_version,
--   synthetic. No row when the parser noted nothing.
-- Parameters: $report_id (the dashboard filters do not apply: the report is given).
SELECT report_id, n, warning, parser_version, synthetic
FROM (SELECT report_id, parser_version, synthetic, unnest(warnings) AS warning,
             generate_subscripts(warnings, 1) AS n
      FROM reports
      WHERE report_id = $report_id)
ORDER BY n;
