-- export_cells: every stored number of the current reports in scope, long form, for bulk download.
-- Returns: report_id, agency, district, bureau, year, template, synthetic, table_name (table2 | table3 | table4),
--   row_key, col_key, value (NULL: blank or no number printed), raw (the cell as printed), label (row label as
--   printed), page, position. Ordered by district, agency, year and the printed order of the cells.
-- Parameters: the dashboard filters $year_from $year_to $districts $bureaus $agency_ids $templates $include_synthetic.
SELECT r.report_id, r.agency, r.district, r.bureau, r.year, r.template, r.synthetic,
       c.table_name, c.row_key, c.col_key, c.value, c.raw, c.label, c.page, c.position
FROM current_reports r
JOIN cells c USING (report_id)
WHERE r.year BETWEEN $year_from AND $year_to
  AND (len($districts) = 0 OR list_contains($districts, r.district))
  AND (len($bureaus) = 0 OR list_contains($bureaus, r.bureau))
  AND (len($agency_ids) = 0 OR list_contains($agency_ids, r.agency_id))
  AND (len($templates) = 0 OR list_contains($templates, r.template))
  AND ($include_synthetic OR NOT r.synthetic)
ORDER BY r.district NULLS LAST, r.agency, r.year,
         CASE c.table_name WHEN 'table2' THEN 2 WHEN 'table3' THEN 3 WHEN 'table4' THEN 4 ELSE 9 END, c.rowid;
