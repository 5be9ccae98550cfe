-- narrative_mismatches: reports whose text states a number of applications received that differs from their own
-- table 三 本年新收 总计 (rule X3). Either number may be the wrong one; both are shown as printed.
-- Returns: agency_id, agency, district, bureau, year, report_id, narrative_received (the text's number),
--   table_received (table 三 本年新收 总计), difference (narrative_received − table_received), synthetic,
--   pairs_compared (reports in scope where both numbers are printed: a blank on either side is not compared).
--   Only the mismatches are listed, largest difference first. Comparable across 2020→2021.
--   total_rows: the rows of the whole list; only the first $limit are returned (NULL: all, as the downloads
--   take them; a page shows the first few and says how many there are).
-- Parameters: $limit (rows returned, NULL: all), the dashboard filters $year_from $year_to $provinces $cities $districts $bureaus $agency_ids $templates $dataset $scope.
WITH r AS MATERIALIZED (  -- the reports in view with their flag (current_reports.narrative_mismatch), numbers only
    SELECT agency_id, year, report_id, synthetic, narrative_mismatch, t3_new_received__total
    FROM in_view_of($year_from, $year_to, $provinces, $cities, $districts, $bureaus, $agency_ids, $templates, $dataset,
                    'any', '^t2_regulations__new_made$', '^t3_new_received__total$', '^t4_review__total$')
),
n AS (
    SELECT count(narrative_mismatch) AS pairs_compared, count(*) FILTER (WHERE narrative_mismatch) AS total_rows
    FROM r
),
listed AS (  -- the mismatches, with the number the text states from report_quality
    SELECT r.agency_id, r.year, r.report_id, q.narrative_received, r.t3_new_received__total AS table_received,
           q.narrative_received - r.t3_new_received__total AS difference, r.synthetic
    FROM r JOIN report_quality q ON q.report_id = r.report_id
    WHERE r.narrative_mismatch
),
head AS (  -- the rows returned, with the agency's name and place
    SELECT l.*, a.name AS agency, a.district, a.bureau
    FROM listed l LEFT JOIN agencies a USING (agency_id)
    ORDER BY abs(difference) DESC, agency, year
    LIMIT $limit
)
SELECT h.agency_id, h.agency, h.district, h.bureau, h.year, h.report_id, h.narrative_received, h.table_received,
       h.difference, h.synthetic, n.pairs_compared, n.total_rows
FROM head h, n
ORDER BY abs(h.difference) DESC, h.agency, h.year;
