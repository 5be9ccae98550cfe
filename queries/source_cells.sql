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
-- The places the briefing quotes (quoted_places) are read from quoted_cells, a tenth of the printed cells, and any
-- other place from `cells`; the reports in scope are found first, so only their cells are read.
WITH places AS (  -- 'table3.new_received.total' → its three keys, so cells are matched by equality
    SELECT DISTINCT split_part(p, '.', 1) AS table_name, split_part(p, '.', 2) AS row_key,
           split_part(p, '.', 3) AS col_key, EXISTS (SELECT 1 FROM quoted_places q
               WHERE q.table_name = split_part(p, '.', 1) AND q.row_key = split_part(p, '.', 2)
                 AND q.col_key = split_part(p, '.', 3)) AS quoted
    FROM unnest($places) u(p)
),
r AS (
    SELECT report_id, agency_id, agency, district, year, template, synthetic, counts_t2, counts_t3, counts_t4
    FROM in_view($year_from, $year_to, $provinces, $cities, $districts, $bureaus, $agency_ids, $templates, $dataset, $scope)
    WHERE len($source_agencies) = 0 OR list_contains($source_agencies, agency_id)
),
found AS (
    SELECT c.* FROM quoted_cells c
    SEMI JOIN r ON r.report_id = c.report_id
    SEMI JOIN places p ON p.quoted AND p.table_name = c.table_name AND p.row_key = c.row_key AND p.col_key = c.col_key
    UNION ALL
    SELECT c.* FROM cells c
    SEMI JOIN r ON r.report_id = c.report_id
    SEMI JOIN places p ON NOT p.quoted AND p.table_name = c.table_name AND p.row_key = c.row_key
                       AND p.col_key = c.col_key
)
SELECT r.report_id, r.agency_id, r.agency, r.district, r.year, r.template, r.synthetic,
       c.table_name, c.row_key, c.col_key, c.value, c.raw, c.label, c.page, c.position
FROM r
JOIN found c USING (report_id)
WHERE CASE c.table_name WHEN 'table2' THEN r.counts_t2 WHEN 'table3' THEN r.counts_t3
                        WHEN 'table4' THEN r.counts_t4 ELSE true END
ORDER BY r.agency, r.year, c.table_name, c.row_key, c.col_key;
