-- near_identical: reports that repeat the same agency's report of the year before (check X5, 内容雷同).
-- Returns: agency_id, agency, district, bureau, year, report_id, prev_report_id, tables_identical (every cell
--   of tables 二, 三, 四 equals last year's, blank matching blank, in a year with some activity — applications
--   received, reviews, suits or 许可/处罚/强制 decisions above 0: two years of no activity with unchanged
--   stocks such as 现行有效件数 are zero activity, not a copy — see zero_activity),
--   text_identical (the running texts are equal once digits, whitespace, punctuation and symbols are removed;
--   NULL when a text is under 100 characters), near_identical (either),
--   synthetic (either report), pairs_compared (agency-years in scope that have a report the year before).
--   Only the pairs flagged near_identical are listed. Crossing 2020→2021 the tables never match (the
--   templates differ), so there only the text can flag a copy. Both tests are read from report_quality
--   (derived after each write, as data_quality reads them: the earlier year is the agency's current report of
--   the year before, whatever the filters).
--   total_rows: the rows of the whole list; only the first $limit are returned (NULL: all, as the downloads
--   take them; a page shows the first few and says how many there are).
-- Parameters: $limit (rows returned, NULL: all), the dashboard filters $year_from $year_to $provinces $cities $districts $bureaus $agency_ids $templates $dataset $scope.
WITH listed AS (
    SELECT r.agency_id, r.agency, r.district, r.bureau, r.year, r.report_id, q.prev_report_id,
           q.tables_repeat_last_year AS tables_identical, q.text_repeat_last_year AS text_identical,
           true AS near_identical, r.synthetic OR q.prev_synthetic AS synthetic
    FROM in_view_reports($year_from, $year_to, $provinces, $cities, $districts, $bureaus, $agency_ids, $templates, $dataset, 'any') r
    JOIN report_quality q ON q.report_id = r.report_id
    WHERE q.prev_report_id IS NOT NULL
)
SELECT listed.*, n.pairs_compared, n.total_rows
FROM listed,
     (SELECT count(*) AS pairs_compared, count(*) FILTER (WHERE tables_identical OR text_identical) AS total_rows
      FROM listed) n
WHERE tables_identical OR text_identical
ORDER BY year, district NULLS LAST, agency
LIMIT $limit;
