-- overview_kpis: the headline numbers of the current selection, one row.
-- Returns: reports, agencies, districts, year_min, year_max, synthetic_reports, received (Σ 本年新收 总计),
--   reports_blank_received (reports whose 本年新收 总计 is blank: left out of `received`, never read as 0),
--   processed (Σ （七）总计), disclosed (Σ 予以公开 + 部分公开 over reports with a printed （七）总计),
--   open_rate (disclosed / processed; NULL when nothing was processed), zero_application_reports
--   (reports printing 本年新收 总计 = 0), reviews (Σ 行政复议 总计), suits (Σ 行政诉讼 总计, both kinds),
--   reports_failing_checks (reports with at least one failed R1–R5 check).
-- Parameters: the dashboard filters $year_from $year_to $provinces $cities $districts $bureaus $agency_ids $templates $dataset $scope.
WITH r AS (
    SELECT r.*,
           r.t3_new_received__total AS received,
           r.t3_total_processed__total AS processed,
           CASE WHEN r.t3_total_processed__total IS NOT NULL
                THEN list_sum([r.t3_granted__total, r.t3_partially_granted__total]) END AS disclosed,
           list_sum([r.t4_suit_direct__total, r.t4_suit_after_review__total]) AS suits
    FROM in_view($year_from, $year_to, $provinces, $cities, $districts, $bureaus, $agency_ids, $templates, $dataset, $scope) r
)
SELECT count(*) AS reports,
       count(DISTINCT agency_id) AS agencies,
       count(DISTINCT district) AS districts,
       min(year) AS year_min,
       max(year) AS year_max,
       count(*) FILTER (WHERE synthetic) AS synthetic_reports,
       sum(received) AS received,
       count(*) FILTER (WHERE received IS NULL AND counts_t3) AS reports_blank_received,
       sum(processed) AS processed,
       sum(disclosed) AS disclosed,
       sum(disclosed) / nullif(sum(processed), 0) AS open_rate,
       count(*) FILTER (WHERE received = 0) AS zero_application_reports,
       sum(t4_review__total) AS reviews,
       sum(suits) AS suits,
       count(*) FILTER (WHERE checks_failed > 0) AS reports_failing_checks
FROM r;
