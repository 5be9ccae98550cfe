-- export_cells: every stored number of the current reports in scope, long form, for bulk download.
-- Returns: report_id, agency, district, bureau, year, template, synthetic, table_name (table2 | table3 | table4),
--   row_key, col_key, value (NULL: blank or no number printed), raw (the cell as printed), label (row label as
--   printed), page, position. Ordered by district, agency, year and the printed order of the cells.
-- Parameters: the dashboard filters $year_from $year_to $provinces $cities $districts $bureaus $agency_ids $templates $dataset $scope.
SELECT r.report_id, r.agency, r.district, r.bureau, r.year, r.template, r.synthetic,
       c.table_name, c.row_key, c.col_key, c.value, c.raw, c.label, c.page, c.position
FROM in_view_reports($year_from, $year_to, $provinces, $cities, $districts, $bureaus, $agency_ids, $templates, $dataset, 'any') r
JOIN cells c USING (report_id)
ORDER BY r.district NULLS LAST, r.agency, r.year,
         CASE c.table_name WHEN 'table2' THEN 2 WHEN 'table3' THEN 3 WHEN 'table4' THEN 4 ELSE 9 END, c.rowid;
