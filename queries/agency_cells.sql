-- agency_cells: every stored cell of one report, for tracing a number back to the document it came from.
-- Returns: report_id, agency, year, synthetic, table_name (table2 | table3 | table4), row_key, col_key, value
--   (NULL: blank or no number), raw (the text as printed), label (row label as printed), page, position,
--   in the order the store wrote them (the printed order).
-- Parameters: $report_id (the dashboard filters do not apply: the report is given).
SELECT c.report_id, a.name AS agency, r.year, r.synthetic, c.table_name, c.row_key, c.col_key, c.value, c.raw,
       c.label, c.page, c.position
FROM cells c
JOIN reports r USING (report_id)
LEFT JOIN agencies a USING (agency_id)
WHERE c.report_id = $report_id
ORDER BY CASE c.table_name WHEN 'table2' THEN 2 WHEN 'table3' THEN 3 WHEN 'table4' THEN 4 ELSE 9 END, c.rowid;
