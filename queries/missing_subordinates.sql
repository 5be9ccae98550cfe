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
WITH a AS MATERIALIZED (  -- every agency of the regions in view, with its report years as bits (agency_years)
    SELECT * FROM agency_years($provinces, $cities, $districts, $templates, $dataset)
),
regions AS (  -- a region's agencies and the years in range in which one of them reported
    SELECT region_id, count(*) AS region_agencies, bit_or(years & year_bits($year_from, $year_to, base)) AS years,
           max(last_year) AS last_year
    FROM a GROUP BY region_id
),
listed AS MATERIALIZED (  -- one row per chosen agency and year its region reported in and it did not
    SELECT y.year, a.agency_id, a.region_id, g.region_agencies, a.synthetic
    FROM a
    JOIN regions g USING (region_id),
         unnest(range(greatest($year_from, a.base), least($year_to, g.last_year) + 1)) y(year)
    WHERE a.in_a_region
      AND (len($bureaus) = 0 OR list_contains($bureaus, a.bureau))
      AND (len($agency_ids) = 0 OR list_contains($agency_ids, a.agency_id))
      AND (g.years >> (y.year - a.base)) & 1 = 1 AND (a.years >> (y.year - a.base)) & 1 = 0
),
head AS (  -- the rows returned (region_id sorts as province, city NULLS FIRST, district NULLS FIRST); their names,
           -- the region's reports that year and the agency's neighbouring report years are looked up for these only
    SELECT l.*, ag.name AS agency
    FROM listed l JOIN agencies ag USING (agency_id)
    ORDER BY l.year, l.region_id, ag.name
    LIMIT $limit
),
r AS (
    SELECT agency_id, region_id, year
    FROM in_view_reports(0, 9999, $provinces, $cities, $districts, [], [], $templates, $dataset, 'any')
    WHERE agency_id IS NOT NULL AND region_id IN (SELECT region_id FROM head)
)
SELECT h.year, ag.province, ag.city, ag.district, h.agency_id, h.agency, ag.bureau,
       (SELECT count(*) FROM r x WHERE x.region_id = h.region_id AND x.year = h.year) AS region_reports,
       h.region_agencies,
       (SELECT max(x.year) FROM r x WHERE x.agency_id = h.agency_id AND x.year < h.year) AS last_report_year,
       (SELECT min(x.year) FROM r x WHERE x.agency_id = h.agency_id AND x.year > h.year) AS next_report_year,
       h.synthetic, (SELECT count(*) FROM listed) AS total_rows
FROM head h
JOIN agencies ag USING (agency_id)
ORDER BY h.year, h.region_id, h.agency;
