-- quality_counts: how long each list of 数据质量 is under the filters (NAME_rows is list NAME's total_rows),
--   so that the page draws its chart of counts and fetches only the list of the open tab. The per-report lists
--   are counted in one scan of current_reports, from the flags it carries (report_quality, report_derived,
--   filled after each write), with each list's own condition; missing_reports and missing_subordinates from each
--   agency's report years held as bits (year_bits), and its region's (current_reports.region_id); then
--   unresolved_agencies and ingest_errors under their own filters. region_coverage is not counted here: its list
--   is short and quick, and the page reads it whole.
--   tests/queries/test_quality_counts.py holds each column to its list's total_rows.
-- Returns: quality_checks_rows, carry_over_breaks_rows, near_identical_rows, narrative_mismatches_rows,
--   in_force_drift_rows, fees_unreported_rows, missing_reports_rows, late_reports_rows, ingest_errors_rows,
--   unresolved_agencies_rows, blank_cells_rows, missing_subordinates_rows (the rows of each of those lists),
--   reports (current reports in view), synthetic_reports (those of them that are demo data).
-- Parameters: the dashboard filters $year_from $year_to $provinces $cities $districts $bureaus $agency_ids $templates $dataset $scope.
WITH per_report AS (
    SELECT count(*) FILTER (WHERE checks_failed > 0 OR conflict) AS quality_checks_rows,
           count(*) FILTER (WHERE agency_id IS NOT NULL AND carry_over_break) AS carry_over_breaks_rows,
           count(*) FILTER (WHERE repeats_last_year) AS near_identical_rows,
           count(*) FILTER (WHERE narrative_mismatch) AS narrative_mismatches_rows,
           coalesce(sum(in_force_drift_items), 0)::BIGINT AS in_force_drift_rows,
           count(*) FILTER (WHERE template = '2021' AND NOT fees_mentioned) AS fees_unreported_rows,
           count(*) FILTER (WHERE on_time IS NOT TRUE AND template <> 'legacy') AS late_reports_rows,
           count(*) FILTER (WHERE template IN ('2019', '2021') AND cells_left_blank > 0) AS blank_cells_rows,
           count(*) AS reports, count(*) FILTER (WHERE synthetic) AS synthetic_reports
    FROM in_view_reports($year_from, $year_to, $provinces, $cities, $districts, $bureaus, $agency_ids, $templates, $dataset, 'any')
),
agency_years AS MATERIALIZED (  -- every year of each agency, as missing_reports and missing_subordinates read them
    SELECT * FROM agency_years($provinces, $cities, $districts, $templates, $dataset)
),
regions AS (  -- the years in range in which some agency of the region reported
    SELECT region_id, bit_or(years & year_bits($year_from, $year_to, base)) AS years
    FROM agency_years GROUP BY region_id
),
chosen AS (  -- the agencies the bureau and agency filters leave, with the latest report year among them
    SELECT a.*, r.years AS region_years, max(a.last_year) OVER () AS latest_year
    FROM agency_years a JOIN regions r USING (region_id)
    WHERE (len($bureaus) = 0 OR list_contains($bureaus, a.bureau))
      AND (len($agency_ids) = 0 OR list_contains($agency_ids, a.agency_id))
),
missing AS (
    -- missing_reports: the years after an agency's first report up to the latest year, in range, without one
    SELECT coalesce(sum(greatest(least(latest_year, $year_to) - greatest(first_year + 1, $year_from) + 1, 0)
                        - bit_count(years & year_bits(greatest(first_year + 1, $year_from),
                                                      least(latest_year, $year_to), base))), 0)::BIGINT AS missing_reports_rows,
    -- missing_subordinates: the years in range in which its region reported and it did not
           coalesce(sum(bit_count(region_years) - bit_count(years & year_bits($year_from, $year_to, base)))
                        FILTER (WHERE in_a_region), 0)::BIGINT AS missing_subordinates_rows
    FROM chosen
),
unresolved AS (
    SELECT count(DISTINCT agency_id) AS unresolved_agencies_rows
    FROM in_view_reports($year_from, $year_to, [], [], [], [], [], $templates, $dataset, 'any')
    WHERE NOT resolved
)
SELECT p.quality_checks_rows, p.carry_over_breaks_rows, p.near_identical_rows, p.narrative_mismatches_rows,
       p.in_force_drift_rows, p.fees_unreported_rows, m.missing_reports_rows, p.late_reports_rows,
       (SELECT count(*) FROM ingest_errors) AS ingest_errors_rows, u.unresolved_agencies_rows, p.blank_cells_rows,
       m.missing_subordinates_rows, p.reports, p.synthetic_reports
FROM per_report p, missing m, unresolved u;
