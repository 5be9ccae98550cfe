-- narrative_mismatches: reports whose text states a number of applications received that differs from their own
-- table 三 本年新收 总计 (rule X3). Either number may be the wrong one; both are shown as printed.
-- Returns: agency_id, agency, district, bureau, year, report_id, narrative_received (the text's number),
--   table_received (table 三 本年新收 总计), difference (narrative_received − table_received), synthetic,
--   pairs_compared (reports in scope where both numbers are printed: a blank on either side is not compared).
--   Only the mismatches are listed, largest difference first. Comparable across 2020→2021.
--   total_rows: the rows of the whole list; only the first $limit are returned (NULL: all, as the downloads
--   take them; a page shows the first few and says how many there are).
-- Parameters: $limit (rows returned, NULL: all), the dashboard filters $year_from $year_to $provinces $cities $districts $bureaus $agency_ids $templates $dataset $scope.
WITH listed AS MATERIALIZED (
    SELECT r.agency_id, r.agency, r.district, r.bureau, r.year, r.report_id,
           q.narrative_received,
           r.t3_new_received__total AS table_received,
           q.narrative_received - r.t3_new_received__total AS difference,
           r.synthetic, q.narrative_mismatch
    FROM in_view($year_from, $year_to, $provinces, $cities, $districts, $bureaus, $agency_ids, $templates, $dataset, 'any') r
    JOIN report_quality q ON q.report_id = r.report_id
)
SELECT listed.* EXCLUDE (narrative_mismatch), n.pairs_compared, n.total_rows
FROM listed,
     (SELECT count(narrative_mismatch) AS pairs_compared, count(*) FILTER (WHERE narrative_mismatch) AS total_rows
      FROM listed) n
WHERE narrative_mismatch
ORDER BY abs(difference) DESC, agency, year
LIMIT $limit;
