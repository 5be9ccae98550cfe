-- near_identical: reports that repeat the same agency's report of the year before (check X5, 内容雷同).
-- Returns: agency_id, agency, district, bureau, year, report_id, prev_report_id, tables_identical (every cell
--   of tables 二, 三, 四 equals last year's, blank matching blank, in a year with some activity — applications
--   received, reviews, suits or 许可/处罚/强制 decisions above 0: two years of no activity with unchanged
--   stocks such as 现行有效件数 are zero activity, not a copy — see zero_activity),
--   text_identical (the running texts are equal once digits, whitespace, punctuation and symbols are removed;
--   NULL when a text is under 100 characters), near_identical (either),
--   synthetic (either report), pairs_compared (agency-years in scope that have a report the year before).
--   Only the pairs flagged near_identical are listed. Crossing 2020→2021 the tables never match (the
--   templates differ), so there only the text can flag a copy. Both tests read report_derived (filled by
--   xxgk.queries.derive after each write); a report without a derived row is not judged.
-- Parameters: the dashboard filters $year_from $year_to $districts $bureaus $agency_ids $templates $include_synthetic.
WITH r AS (
    SELECT r.agency_id, r.agency, r.district, r.bureau, r.year, r.report_id, r.synthetic,
           list_sum([r.t3_new_received__total, r.t4_review__total, r.t4_suit_direct__total,
                     r.t4_suit_after_review__total, r.t2_licensing__decisions, r.t2_penalty__decisions,
                     r.t2_coercion__decisions]) > 0 AS active,
           d.tables_hash, d.text_chars, d.text_fingerprint
    FROM current_reports r
    LEFT JOIN report_derived d ON d.report_id = r.report_id
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
           coalesce(cur.active, false) AND cur.tables_hash = prev.tables_hash AS tables_identical,
           CASE WHEN cur.text_chars >= 100 AND prev.text_chars >= 100
                THEN cur.text_fingerprint = prev.text_fingerprint END AS text_identical,
           cur.synthetic OR prev.synthetic AS synthetic
    FROM r cur
    JOIN r prev ON prev.agency_id = cur.agency_id AND prev.year = cur.year - 1
    WHERE cur.year >= $year_from
),
judged AS (
    SELECT *, count(*) OVER () AS pairs_compared FROM pairs
)
SELECT agency_id, agency, district, bureau, year, report_id, prev_report_id, tables_identical, text_identical,
       true AS near_identical, synthetic, pairs_compared
FROM judged
WHERE tables_identical OR text_identical
ORDER BY year, district NULLS LAST, agency;
