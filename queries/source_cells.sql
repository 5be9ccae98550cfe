-- source_cells: the printed cells behind numbers quoted per agency and year (the briefing's source appendix).
-- Returns: report_id, agency_id, agency, district, year, template, synthetic, table_name (table2 | table3 | table4),
--   row_key, col_key, value (NULL: blank or no number printed), raw (the cell as printed), label (row label as
--   printed), page, position; one row per stored cell at one of the $places of a current report in scope.
--   A place that a report does not print has no row (blank is not 0). Ordered by agency, year and place.
--   Only the cells of tables that count in $scope, as the briefing's numbers do: a government's region-wide
--   table is never listed behind a total of the agencies' own tables, nor an agency's table behind a region total.
-- Parameters: $places (VARCHAR[] of 'table_name.row_key.col_key', e.g. 'table3.new_received.total'),
--   $source_agencies (INTEGER[]: only these agencies; empty = every agency in scope), and the dashboard filters
--   $year_from $year_to $provinces $cities $districts $bureaus $agency_ids $templates $dataset $scope.
WITH places AS (  -- 'table3.new_received.total' → its three keys, so cells are matched by equality
    SELECT DISTINCT split_part(p, '.', 1) AS table_name, split_part(p, '.', 2) AS row_key,
           split_part(p, '.', 3) AS col_key
    FROM unnest($places) u(p)
)
SELECT r.report_id, r.agency_id, r.agency, r.district, r.year, r.template, r.synthetic,
       c.table_name, c.row_key, c.col_key, c.value, c.raw, c.label, c.page, c.position
FROM in_view($year_from, $year_to, $provinces, $cities, $districts, $bureaus, $agency_ids, $templates, $dataset, $scope) r
JOIN cells c USING (report_id)
JOIN places p ON p.table_name = c.table_name AND p.row_key = c.row_key AND p.col_key = c.col_key
WHERE (len($source_agencies) = 0 OR list_contains($source_agencies, r.agency_id))
  AND CASE c.table_name WHEN 'table2' THEN r.counts_t2 WHEN 'table3' THEN r.counts_t3
                        WHEN 'table4' THEN r.counts_t4 ELSE true END
ORDER BY r.agency, r.year, c.table_name, c.row_key, c.col_key;
