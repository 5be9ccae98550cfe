-- near_identical: reports that repeat the agency's previous-year report (check X5, 内容雷同).
-- Returns: agency_id, agency, district, bureau, year, report_id, prev_report_id, numbers_printed (numbers in
--   this year's tables 二–四), tables_identical (every cell of tables 二, 三, 四 equal to last year's, blank
--   matching blank, and at least one number printed), text_identical (running text equal to last year's once
--   digits, whitespace and punctuation are removed; compared only when the two texts differ in length by at
--   most 2 % or the tables are identical; NULL when either text is under 300 bytes, about 100 characters,
--   too short to judge), near_identical (either of the two), synthetic (either report).
--   One row per agency and year that has a report the year before. Crossing 2020→2021, tables never match
--   (the templates differ), so only the text test can flag a copy.
-- Parameters: the dashboard filters $year_from $year_to $districts $bureaus $agency_ids $templates $include_synthetic.
WITH r AS (
    SELECT r.agency_id, r.agency, r.district, r.bureau, r.year, r.report_id, r.synthetic,
           hash(*COLUMNS('^t[234]_')) AS tables_hash,
           list_aggregate([*COLUMNS('^t[234]_')], 'count') AS numbers_printed
    FROM current_reports r
    WHERE r.year BETWEEN $year_from - 1 AND $year_to
      AND (len($districts) = 0 OR list_contains($districts, r.district))
      AND (len($bureaus) = 0 OR list_contains($bureaus, r.bureau))
      AND (len($agency_ids) = 0 OR list_contains($agency_ids, r.agency_id))
      AND (len($templates) = 0 OR list_contains($templates, r.template))
      AND ($include_synthetic OR NOT r.synthetic)
      AND r.agency_id IS NOT NULL
),
pairs AS (
    SELECT cur.agency_id, cur.agency, cur.district, cur.bureau, cur.year, cur.report_id,
           prev.report_id AS prev_report_id, cur.numbers_printed,
           cur.numbers_printed > 0 AND cur.tables_hash = prev.tables_hash AS tables_identical,
           cur.synthetic OR prev.synthetic AS synthetic
    FROM r cur
    JOIN r prev ON prev.agency_id = cur.agency_id AND prev.year = cur.year - 1
    WHERE cur.year >= $year_from
),
texts AS (
    SELECT p.*, a.body_text AS text_cur, b.body_text AS text_prev
    FROM pairs p
    JOIN reports a ON a.report_id = p.report_id
    JOIN reports b ON b.report_id = p.prev_report_id
),
judged AS (
    SELECT * EXCLUDE (text_cur, text_prev),
           CASE WHEN coalesce(strlen(text_cur), 0) < 300 OR coalesce(strlen(text_prev), 0) < 300 THEN NULL
                WHEN tables_identical OR abs(strlen(text_cur) - strlen(text_prev)) <= 0.02 * strlen(text_prev)
                THEN regexp_replace(text_cur, '[0-9０-９\s\p{P}]', '', 'g')
                     = regexp_replace(text_prev, '[0-9０-９\s\p{P}]', '', 'g')
                ELSE false END AS text_identical
    FROM texts
)
SELECT agency_id, agency, district, bureau, year, report_id, prev_report_id, numbers_printed, tables_identical,
       text_identical, coalesce(tables_identical, false) OR coalesce(text_identical, false) AS near_identical,
       synthetic
FROM judged
ORDER BY near_identical DESC, agency, year;
