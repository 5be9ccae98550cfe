-- missing_reports: every year an agency published no report after it had published one (a gap of several
--   years gives one row per missing year).
-- Returns: agency_id, agency, district, bureau, last_year (the last year with a report before the gap),
--   missing_year (a year without one), synthetic (the last report is synthetic). Only years up to the latest report year in
--   scope count: a year nobody has reported yet is not missing. missing_year lies in [$year_from, $year_to].
--   total_rows: the rows of the whole list; only the first $limit are returned (NULL: all, as the downloads
--   take them; a page shows the first few and says how many there are).
-- Parameters: $limit (rows returned, NULL: all), the dashboard filters $year_from $year_to $provinces $cities $districts $bureaus $agency_ids $templates $dataset $scope.
WITH a AS MATERIALIZED (  -- the agencies the filters leave, with their report years as bits (agency_years)
    SELECT *, max(last_year) OVER () AS latest_year
    FROM agency_years($provinces, $cities, $districts, $templates, $dataset)
    WHERE (len($bureaus) = 0 OR list_contains($bureaus, bureau))
      AND (len($agency_ids) = 0 OR list_contains($agency_ids, agency_id))
),
listed AS MATERIALIZED (  -- one row per year after an agency's first report, up to the latest, without a report
    SELECT a.agency_id, y.missing_year, a.synthetic
    FROM a, unnest(range(greatest(a.first_year + 1, $year_from), least(a.latest_year, $year_to) + 1)) y(missing_year)
    WHERE (a.years >> (y.missing_year - a.base)) & 1 = 0
),
head AS (  -- the rows returned, with the agency's name and place
    SELECT l.*, ag.name AS agency, ag.district, ag.bureau
    FROM listed l JOIN agencies ag USING (agency_id)
    ORDER BY l.missing_year, ag.district NULLS LAST, ag.name
    LIMIT $limit
)
SELECT h.agency_id, h.agency, h.district, h.bureau,
       (SELECT max(x.year)  -- the last year with a report before the gap
        FROM in_view_reports(0, 9999, $provinces, $cities, $districts, $bureaus, $agency_ids, $templates, $dataset, 'any') x
        WHERE x.agency_id = h.agency_id AND x.year < h.missing_year) AS last_year,
       h.missing_year, h.synthetic, (SELECT count(*) FROM listed) AS total_rows
FROM head h
ORDER BY h.missing_year, h.district NULLS LAST, h.agency;
