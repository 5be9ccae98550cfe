-- yearly_trend: the main application numbers per report year (table 三 totals and table 四: comparable
--   across the 2020→2021 template change; template_era says which template a year's reports use).
-- Returns: year, template_era (2019版 | 2021版 | 旧式), templates (the templates present), reports, agencies,
--   synthetic_reports, received, reports_blank_received, carried_over, processed, disclosed, open_rate,
--   carried_forward, zero_application_reports, reviews, suits. Sums leave blank cells out (blank is not 0).
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
SELECT year,
       CASE WHEN year >= 2021 THEN '2021版' WHEN year >= 2019 THEN '2019版' ELSE '旧式' END AS template_era,
       string_agg(DISTINCT template, ',' ORDER BY template) AS templates,
       count(*) AS reports,
       count(agency_id) AS agencies,
       count(*) FILTER (WHERE synthetic) AS synthetic_reports,
       sum(received) AS received,
       count(*) FILTER (WHERE received IS NULL AND counts_t3) AS reports_blank_received,
       sum(t3_carried_over__total) AS carried_over,
       sum(processed) AS processed,
       sum(disclosed) AS disclosed,
       sum(disclosed) / nullif(sum(processed), 0) AS open_rate,
       sum(t3_carried_forward__total) AS carried_forward,
       count(*) FILTER (WHERE received = 0) AS zero_application_reports,
       sum(t4_review__total) AS reviews,
       sum(suits) AS suits
FROM r
GROUP BY year
ORDER BY year;
