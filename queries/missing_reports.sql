-- missing_reports: agencies that published a report one year and none the next (a report last year, none this year).
-- Returns: agency_id, agency, district, bureau, last_year (the year with a report), missing_year (the next
--   year, without one), synthetic (the last report is synthetic). Only years up to the latest report year in
--   scope count: a year nobody has reported yet is not missing. missing_year lies in [$year_from, $year_to].
-- Parameters: the dashboard filters $year_from $year_to $districts $bureaus $agency_ids $templates $include_synthetic.
WITH r AS (
    SELECT r.agency_id, r.agency, r.district, r.bureau, r.year, r.synthetic
    FROM current_reports r
    WHERE (len($districts) = 0 OR list_contains($districts, r.district))
      AND (len($bureaus) = 0 OR list_contains($bureaus, r.bureau))
      AND (len($agency_ids) = 0 OR list_contains($agency_ids, r.agency_id))
      AND (len($templates) = 0 OR list_contains($templates, r.template))
      AND ($include_synthetic OR NOT r.synthetic)
      AND r.agency_id IS NOT NULL
)
SELECT a.agency_id, a.agency, a.district, a.bureau, a.year AS last_year, a.year + 1 AS missing_year, a.synthetic
FROM r a
WHERE a.year + 1 BETWEEN $year_from AND $year_to
  AND a.year + 1 <= (SELECT max(year) FROM r)
  AND NOT EXISTS (SELECT 1 FROM r b WHERE b.agency_id = a.agency_id AND b.year = a.year + 1)
ORDER BY missing_year, a.district NULLS LAST, a.agency;
