-- zero_streaks: per agency, its runs of consecutive years with zero applications received.
-- Returns: agency_id, agency, district, bureau, streak_start, streak_end, streak_years, is_latest (the run
--   reaches the agency's latest report year), synthetic_reports. One row per run; runs of one year included.
--   A year without a report ends a run; a blank 本年新收 总计 ends it too (blank is not zero).
--   A run is listed when any of its years lies in [$year_from, $year_to] and it lasts at least $min_years years; its
--   length counts all its years.
--   total_rows: the rows of the whole list; only the first $limit are returned (NULL: all, as the downloads
--   take them; a page shows the first few and says how many there are).
-- Parameters: $min_years (shortest run listed; 1: all), $limit (rows returned, NULL: all), the dashboard filters $year_from $year_to $provinces $cities $districts $bureaus $agency_ids $templates $dataset $scope.
WITH base AS MATERIALIZED (  -- of the numbers, only 本年新收 总计 (a pattern must match one column of tables 二 and 四 too)
    SELECT agency_id, year, synthetic, t3_new_received__total = 0 AS zero_applications
    FROM in_view_of(0, 9999, $provinces, $cities, $districts, $bureaus, $agency_ids, $templates, $dataset, $scope,
                    '^t2_regulations__new_made$', '^t3_new_received__total$', '^t4_review__total$')
    WHERE agency_id IS NOT NULL
),
latest AS (
    SELECT agency_id, max(year) AS latest_year FROM base GROUP BY agency_id
),
runs AS (
    SELECT *, year - row_number() OVER (PARTITION BY agency_id ORDER BY year) AS run_id
    FROM base
    WHERE zero_applications
),
listed AS MATERIALIZED (
    SELECT agency_id, min(year) AS streak_start, max(year) AS streak_end, count(*) AS streak_years,
           max(year) = any_value(latest_year) AS is_latest,
           count(*) FILTER (WHERE synthetic) AS synthetic_reports
    FROM runs JOIN latest USING (agency_id)
    GROUP BY agency_id, run_id
    HAVING max(year) >= $year_from AND min(year) <= $year_to AND count(*) >= $min_years
),
head AS (  -- the rows returned; the agency's name and place are read for these only
    SELECT * FROM listed ORDER BY streak_years DESC, agency_id, streak_start LIMIT $limit
)
SELECT h.agency_id, a.name AS agency, a.district, a.bureau, h.streak_start, h.streak_end, h.streak_years, h.is_latest,
       h.synthetic_reports, (SELECT count(*) FROM listed) AS total_rows
FROM head h
JOIN agencies a USING (agency_id)
ORDER BY h.streak_years DESC, h.agency_id, h.streak_start;
