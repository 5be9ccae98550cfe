-- blank_cells: per current report, the template cells the parser left blank and why: cells printed with digits it
-- could not read or place (digits run together, numbers it could not pair with a row, 1e30…), and template cells it
-- did not find at all (rows or whole tables missing: a cut-off file, an excerpt, an image), with the reasons it noted.
-- A cell printed blank ("", "/", "-", "无") is not counted: blank as printed is not a parser gap. The counts are
-- derived per report at write time (report_derived, queries/derive/report_derived.sql).
-- Returns: agency_id, agency, district, bureau, year, report_id, template, unread_cells (printed, not read),
--   missing_cells (template cells not found), blank_cells (the two together), template_cells (cells the template
--   has), tables_missing (表二/表三/表四 not found), reasons (the parser's warnings, joined by ；), synthetic.
--   Only reports with at least one such cell, most first. 2019 and 2021 templates have 198 and 200 cells (table 三
--   printed with （六） as one row: 186).
--   total_rows: the rows of the whole list; only the first $limit are returned (NULL: all, as the downloads
--   take them; a page shows the first few and says how many there are).
-- Parameters: $limit (rows returned, NULL: all), the dashboard filters $year_from $year_to $provinces $cities $districts $bureaus $agency_ids $templates $dataset.
WITH listed AS MATERIALIZED (  -- chosen and ordered by current_reports.cells_left_blank (report_derived's counts)
    SELECT agency_id, agency, district, bureau, year, report_id, template, cells_left_blank AS blank_cells, synthetic
    FROM in_view_reports($year_from, $year_to, $provinces, $cities, $districts, $bureaus, $agency_ids, $templates, $dataset, 'any')
    WHERE template IN ('2019', '2021') AND cells_left_blank > 0
),
head AS (  -- the rows returned; their counts and the parser's notes are read for these only
    SELECT * FROM listed ORDER BY blank_cells DESC, agency, year, report_id LIMIT $limit
)
SELECT h.agency_id, h.agency, h.district, h.bureau, h.year, h.report_id, h.template, d.unread_cells, d.missing_cells,
       h.blank_cells, d.template_cells, d.tables_missing, array_to_string(rep.warnings, '；') AS reasons, h.synthetic,
       n.total_rows
FROM head h
JOIN report_derived d USING (report_id)
JOIN reports rep USING (report_id)
CROSS JOIN (SELECT count(*) AS total_rows FROM listed) n
ORDER BY h.blank_cells DESC, h.agency, h.year, h.report_id;
