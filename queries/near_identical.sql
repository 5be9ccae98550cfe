-- near_identical: reports that repeat the same agency's report of the year before (check X5, 内容雷同).
-- Returns: agency_id, agency, district, bureau, year, report_id, prev_report_id, tables_identical (every cell
--   of table 二, table 四 and table 三's 总计 column equals last year's, blank matching blank, with 本年新收,
--   （七）总计 or 复议总计 printed; the applicant columns add up to 总计), text_identical (the running texts
--   are equal once digits, whitespace, punctuation and symbols are removed — report_text, filled by
--   xxgk.queries.derive; NULL when a text is missing or under 100 characters), near_identical (either),
--   synthetic (either report), pairs_compared (agency-years in scope that have a report the year before).
--   Only the pairs flagged near_identical are listed. Crossing 2020→2021 the tables never match (the
--   templates differ), so there only the text can flag a copy.
-- Parameters: the dashboard filters $year_from $year_to $districts $bureaus $agency_ids $templates $include_synthetic.
WITH r AS (
    SELECT r.agency_id, r.agency, r.district, r.bureau, r.year, r.report_id, r.synthetic,
           hash(*COLUMNS('^t3_.*__total$|^t[24]_')) AS tables_hash,
           coalesce(r.t3_new_received__total, r.t3_total_processed__total, r.t4_review__total) IS NOT NULL
               AS key_totals_printed
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
           prev.report_id AS prev_report_id,
           cur.key_totals_printed AND cur.tables_hash = prev.tables_hash AS tables_identical,
           cur.synthetic OR prev.synthetic AS synthetic
    FROM r cur
    JOIN r prev ON prev.agency_id = cur.agency_id AND prev.year = cur.year - 1
    WHERE cur.year >= $year_from
),
judged AS (
    SELECT p.*,
           CASE WHEN a.text_chars >= 100 AND b.text_chars >= 100 THEN a.text_fingerprint = b.text_fingerprint END
               AS text_identical,
           count(*) OVER () AS pairs_compared
    FROM pairs p
    LEFT JOIN report_text a ON a.report_id = p.report_id
    LEFT JOIN report_text b ON b.report_id = p.prev_report_id
)
SELECT agency_id, agency, district, bureau, year, report_id, prev_report_id, tables_identical, text_identical,
       true AS near_identical, synthetic, pairs_compared
FROM judged
WHERE tables_identical OR text_identical
ORDER BY year, district NULLS LAST, agency;
