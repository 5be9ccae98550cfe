-- missing_subordinates: 下级缺报 — the agencies of a region with no report for a year in which other agencies of
--   the same region (the same 区县, or the same 市 for agencies above the 区县 level) did report. An agency belongs
--   to the list of its region once it has a current report of the dataset in any year.
-- Returns: year (the year without a report), province, city, district, agency_id, agency, bureau,
--   region_reports (current reports of the region that year), region_agencies (agencies the region has),
--   last_report_year (the agency's latest report before that year; NULL: none), next_report_year (its first report
--   after it; NULL: none), synthetic (the agency's reports are demo data).
--   total_rows: the rows of the whole list; only the first $limit are returned (NULL: all, as the downloads
--   take them; a page shows the first few and says how many there are).
-- Parameters: $limit (rows returned, NULL: all), the dashboard filters $year_from $year_to $provinces $cities $districts $bureaus $agency_ids
--   $templates $dataset (the years filter chooses the years looked at; reports of every year place the agencies).
WITH r AS (
    SELECT agency_id, agency, bureau, province, city, district, year, synthetic
    FROM in_view_reports(0, 9999, $provinces, $cities, $districts, [], [], $templates, $dataset, 'any')
    WHERE agency_id IS NOT NULL
),
known AS (
    SELECT agency_id, any_value(agency) AS agency, any_value(bureau) AS bureau, any_value(province) AS province,
           any_value(city) AS city, any_value(district) AS district, bool_or(synthetic) AS synthetic
    FROM r GROUP BY agency_id
),
region_years AS (
    SELECT province, city, district, year, count(*) AS region_reports
    FROM r
    WHERE year BETWEEN $year_from AND $year_to
    GROUP BY ALL
),
region_size AS (
    SELECT province, city, district, count(*) AS region_agencies FROM known GROUP BY ALL
),
listed AS MATERIALIZED (
    SELECT y.year, k.province, k.city, k.district, k.agency_id, k.agency, k.bureau, y.region_reports,
           s.region_agencies,
           k.synthetic
    FROM known k
    JOIN region_years y ON y.province IS NOT DISTINCT FROM k.province AND y.city IS NOT DISTINCT FROM k.city
                       AND y.district IS NOT DISTINCT FROM k.district
    JOIN region_size s ON s.province IS NOT DISTINCT FROM k.province AND s.city IS NOT DISTINCT FROM k.city
                      AND s.district IS NOT DISTINCT FROM k.district
    WHERE (k.province IS NOT NULL OR k.city IS NOT NULL)
      AND (len($bureaus) = 0 OR list_contains($bureaus, k.bureau))
      AND (len($agency_ids) = 0 OR list_contains($agency_ids, k.agency_id))
      AND NOT EXISTS (SELECT 1 FROM r x WHERE x.agency_id = k.agency_id AND x.year = y.year)
),
head AS (  -- the rows returned; their neighbouring report years are looked up for these only
    SELECT * FROM listed
    ORDER BY year, province, city NULLS FIRST, district NULLS FIRST, agency
    LIMIT $limit
)
SELECT h.year, h.province, h.city, h.district, h.agency_id, h.agency, h.bureau, h.region_reports, h.region_agencies,
       (SELECT max(x.year) FROM r x WHERE x.agency_id = h.agency_id AND x.year < h.year) AS last_report_year,
       (SELECT min(x.year) FROM r x WHERE x.agency_id = h.agency_id AND x.year > h.year) AS next_report_year,
       h.synthetic, n.total_rows
FROM head h, (SELECT count(*) AS total_rows FROM listed) n
ORDER BY h.year, h.province, h.city NULLS FIRST, h.district NULLS FIRST, h.agency;
