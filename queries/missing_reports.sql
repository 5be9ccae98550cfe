-- missing_reports: agencies that published a report one year and none the next (a report last year, none this year).
-- Returns: agency_id, agency, district, bureau, last_year (the year with a report), missing_year (the next
--   year, without one), synthetic (the last report is synthetic). Only years up to the latest report year in
--   scope count: a year nobody has reported yet is not missing. missing_year lies in [$year_from, $year_to].
-- Parameters: the dashboard filters $year_from $year_to $provinces $cities $districts $bureaus $agency_ids $templates $dataset $scope.
WITH r AS (
    SELECT r.agency_id, r.agency, r.district, r.bureau, r.year, r.synthetic,
           lead(r.year) OVER (PARTITION BY r.agency_id ORDER BY r.year) AS next_year,
           max(r.year) OVER () AS latest_year
    FROM in_view(0, 9999, $provinces, $cities, $districts, $bureaus, $agency_ids, $templates, $dataset, 'any') r
    WHERE r.agency_id IS NOT NULL
)
SELECT agency_id, agency, district, bureau, year AS last_year, year + 1 AS missing_year, synthetic
FROM r
WHERE (next_year IS NULL OR next_year > year + 1)
  AND year + 1 <= latest_year
  AND year + 1 BETWEEN $year_from AND $year_to
ORDER BY missing_year, district NULLS LAST, agency;
