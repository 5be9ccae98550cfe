-- carry_over_breaks: this year's 二、上年结转 against the same agency's 四、结转下年度 of the year before (check X1).
-- Returns: agency_id, agency, district, bureau, year, report_id, prev_report_id, carried_over (this year, 总计),
--   prev_carried_forward (last year, 总计), difference (carried_over − prev_carried_forward, 总计),
--   columns_differing (of the 7 columns — six applicant types and 总计 — those printed in both years that
--   differ), is_break (columns_differing > 0; NULL when no column is printed in both years: blank is not 0),
--   synthetic (either report synthetic), pairs_compared (agency-years in scope with a report the year before
--   and at least one column printed in both). Only the breaks (is_break true) are listed, largest first.
--   The pairs and flags are read from report_quality (derived after each write): the earlier year is the
--   agency's current report of the year before, even when it lies before $year_from or outside the other
--   filters. Comparable across 2020→2021.
--   total_rows: the rows of the whole list; only the first $limit are returned (NULL: all, as the downloads
--   take them; a page shows the first few and says how many there are).
-- Parameters: $limit (rows returned, NULL: all), the dashboard filters $year_from $year_to $provinces $cities $districts $bureaus $agency_ids $templates $dataset $scope.
WITH r AS MATERIALIZED (  -- the reports in view with their flag (current_reports.carry_over_break), numbers only
    SELECT agency_id, year, report_id, synthetic, carry_over_break, t3_carried_over__total
    FROM in_view_of($year_from, $year_to, $provinces, $cities, $districts, $bureaus, $agency_ids, $templates, $dataset,
                    'any', '^t2_regulations__new_made$', '^t3_carried_over__total$', '^t4_review__total$')
    WHERE agency_id IS NOT NULL
),
n AS (
    SELECT count(carry_over_break) AS pairs_compared, count(*) FILTER (WHERE carry_over_break) AS total_rows FROM r
),
pairs AS (  -- the breaks, with last year's figures from report_quality
    SELECT r.agency_id, r.year, r.report_id, q.prev_report_id, r.t3_carried_over__total AS carried_over,
           q.prev_carried_forward, r.t3_carried_over__total - q.prev_carried_forward AS difference,
           q.carry_over_columns_differing AS columns_differing, q.carry_over_break AS is_break,
           r.synthetic OR q.prev_synthetic AS synthetic
    FROM r JOIN report_quality q ON q.report_id = r.report_id
    WHERE r.carry_over_break
),
head AS (  -- the rows returned, with the agency's name and place
    SELECT p.*, a.name AS agency, a.district, a.bureau
    FROM pairs p JOIN agencies a USING (agency_id)
    ORDER BY abs(difference) DESC NULLS LAST, columns_differing DESC, agency, year
    LIMIT $limit
)
SELECT h.agency_id, h.agency, h.district, h.bureau, h.year, h.report_id, h.prev_report_id, h.carried_over,
       h.prev_carried_forward, h.difference, h.columns_differing, h.is_break, h.synthetic, n.pairs_compared,
       n.total_rows
FROM head h, n
ORDER BY abs(h.difference) DESC NULLS LAST, h.columns_differing DESC, h.agency, h.year;
