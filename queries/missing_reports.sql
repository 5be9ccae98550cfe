-- missing_reports: every year an agency published no report after it had published one (a gap of several
--   years gives one row per missing year).
-- Returns: agency_id, agency, district, bureau, last_year (the last year with a report before the gap),
--   missing_year (a year without one), synthetic (the last report is synthetic). Only years up to the latest report year in
--   scope count: a year nobody has reported yet is not missing. missing_year lies in [$year_from, $year_to].
--   total_rows: the rows of the whole list; only the first $limit are returned (NULL: all, as the downloads
--   take them; a page shows the first few and says how many there are).
-- Parameters: $limit (rows returned, NULL: all), the dashboard filters $year_from $year_to $provinces $cities $districts $bureaus $agency_ids $templates $dataset $scope.
WITH r AS (
    SELECT r.agency_id, r.agency, r.district, r.bureau, r.year, r.synthetic,
           lead(r.year) OVER (PARTITION BY r.agency_id ORDER BY r.year) AS next_year,
           max(r.year) OVER () AS latest_year
    FROM in_view_reports(0, 9999, $provinces, $cities, $districts, $bureaus, $agency_ids, $templates, $dataset, 'any') r
    WHERE r.agency_id IS NOT NULL
),
listed AS (
    SELECT agency_id, agency, district, bureau, last_year, missing_year, synthetic
    FROM (SELECT agency_id, agency, district, bureau, year AS last_year, synthetic,
                 unnest(range(year + 1, least(coalesce(next_year, latest_year + 1), latest_year + 1))) AS missing_year
          FROM r
          WHERE next_year IS NULL OR next_year > year + 1)
    WHERE missing_year BETWEEN $year_from AND $year_to
)
SELECT listed.*, n.total_rows
FROM listed, (SELECT count(*) AS total_rows FROM listed) n
ORDER BY missing_year, district NULLS LAST, agency
LIMIT $limit;
