-- zero_activity: the agency-years with zero activity, with the run of zero years each belongs to.
-- Returns: agency_id, agency, district, bureau, year, template, report_id, synthetic, received
--   (本年新收 总计), zero_applications (received = 0; NULL when the cell is blank: blank is not zero),
--   zero_all_tables (every number printed in tables 二, 三 and 四 is 0; NULL when none is printed or the
--   report's summary is not derived yet — report_derived, filled by xxgk.store.derive),
--   streak_years (consecutive report years with zero_applications up to and including this one; 0 when
--   this year is not zero; a year without a report ends a run), streak_start (first year of that run).
--   Runs are counted over all years of the agency, so a run that began before $year_from still counts.
--   Only agency-years with zero_applications or zero_all_tables true are listed.
-- Parameters: the dashboard filters $year_from $year_to $provinces $cities $districts $bureaus $agency_ids $templates $dataset $scope.
WITH base AS (
    SELECT r.agency_id, r.agency, r.district, r.bureau, r.year, r.template, r.report_id, r.synthetic,
           r.t3_new_received__total AS received, r.all_zero AS zero_all_tables
    -- of the numbers, only 本年新收 总计 (a pattern must match one column of tables 二 and 四 too)
    FROM in_view_of(0, 9999, $provinces, $cities, $districts, $bureaus, $agency_ids, $templates, $dataset, $scope,
                    '^t2_regulations__new_made$', '^t3_new_received__total$', '^t4_review__total$') r
    WHERE r.agency_id IS NOT NULL
),
flagged AS (
    SELECT *, received = 0 AS zero_applications
    FROM base
),
runs AS (
    SELECT agency_id, year, year - row_number() OVER (PARTITION BY agency_id ORDER BY year) AS run_id
    FROM flagged
    WHERE zero_applications
),
streaks AS (
    SELECT agency_id, year,
           row_number() OVER (PARTITION BY agency_id, run_id ORDER BY year) AS streak_years,
           min(year) OVER (PARTITION BY agency_id, run_id) AS streak_start
    FROM runs
)
SELECT f.agency_id, f.agency, f.district, f.bureau, f.year, f.template, f.report_id, f.synthetic, f.received,
       f.zero_applications, f.zero_all_tables,
       coalesce(s.streak_years, 0) AS streak_years, s.streak_start
FROM flagged f
LEFT JOIN streaks s USING (agency_id, year)
WHERE f.year BETWEEN $year_from AND $year_to
  AND (f.zero_applications OR f.zero_all_tables)
ORDER BY f.agency_id, f.year;
