-- blank_cells: per current report, the template cells the parser left blank and why: cells printed with digits it
-- could not read or place (digits run together, numbers it could not pair with a row, 1e30…), and template cells it
-- did not find at all (rows or whole tables missing: a cut-off file, an excerpt, an image), with the reasons it noted.
-- A cell printed blank ("", "/", "-", "无") is not counted: blank as printed is not a parser gap.
-- Returns: agency_id, agency, district, bureau, year, report_id, template, unread_cells (printed, not read),
--   missing_cells (template cells not found), blank_cells (the two together), template_cells (cells the template
--   has), tables_missing (表二/表三/表四 not found), reasons (the parser's warnings, joined by ；), synthetic.
--   Only reports with at least one such cell, most first. 2019 and 2021 templates have 198 and 200 cells (table 三
--   printed with （六） as one row: 186).
-- Parameters: the dashboard filters $year_from $year_to $provinces $cities $districts $bureaus $agency_ids $templates $dataset.
WITH scoped AS (
    SELECT r.report_id, r.agency_id, r.agency, r.district, r.bureau, r.year, r.template, r.synthetic
    FROM in_view($year_from, $year_to, $provinces, $cities, $districts, $bureaus, $agency_ids, $templates, $dataset, 'any') r
    WHERE r.template IN ('2019', '2021')
),
per_table AS (
    SELECT c.report_id, c.table_name,
           count(*) FILTER (WHERE c.value IS NULL AND regexp_matches(coalesce(c.raw, ''), '[0-9０-９]')) AS unread,
           count(*) FILTER (WHERE c.row_key NOT LIKE 'extra\_%' ESCAPE '\'
                              AND c.row_key NOT IN ('other_proactive_documents', 'other_documents', 'confirmation',
                                                    'benefit', 'levy', 'adjudication', 'reward', 'inspection')) AS stored,
           bool_or(c.row_key = 'other') AS other_one_row
    FROM cells c
    JOIN scoped s USING (report_id)
    GROUP BY ALL
),
expected AS (
    SELECT s.*, t.table_name, t.label,
           CASE t.table_name
               WHEN 'table2' THEN CASE s.template WHEN '2019' THEN 22 ELSE 10 END
               WHEN 'table3' THEN CASE WHEN s.template = '2019' OR p.other_one_row THEN 161 ELSE 175 END
               ELSE 15 END AS cells,
           coalesce(p.unread, 0) AS unread, coalesce(p.stored, 0) AS stored, p.report_id IS NULL AS table_missing
    FROM scoped s
    CROSS JOIN (VALUES ('table2', '表二'), ('table3', '表三'), ('table4', '表四')) t(table_name, label)
    LEFT JOIN per_table p ON p.report_id = s.report_id AND p.table_name = t.table_name
),
per_report AS (
    SELECT report_id, agency_id, agency, district, bureau, year, template, synthetic,
           sum(unread)::INTEGER AS unread_cells,
           sum(greatest(cells - stored, 0))::INTEGER AS missing_cells,
           sum(cells)::INTEGER AS template_cells,
           string_agg(label, '、' ORDER BY table_name) FILTER (WHERE table_missing) AS tables_missing
    FROM expected
    GROUP BY ALL
)
SELECT p.agency_id, p.agency, p.district, p.bureau, p.year, p.report_id, p.template,
       p.unread_cells, p.missing_cells, p.unread_cells + p.missing_cells AS blank_cells, p.template_cells,
       p.tables_missing, array_to_string(r.warnings, '；') AS reasons, p.synthetic
FROM per_report p
JOIN reports r USING (report_id)
WHERE p.unread_cells + p.missing_cells > 0
ORDER BY blank_cells DESC, p.agency, p.year;
