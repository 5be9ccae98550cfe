-- yoy_change: year-over-year change of received applications, open rate and reviews, per group.
-- Returns: year, group_key, reports, reports_prev, received, received_prev, received_change,
--   received_change_pct (change / previous; NULL when the previous year is 0 or missing), open_rate,
--   open_rate_prev, open_rate_change (difference of rates, in rate units), reviews, reviews_prev,
--   crosses_template_change (true for 2021: compared with a 2019-template year; these measures are
--   table 三 totals and table 四, which keep their meaning), synthetic_reports (this year and last).
--   The previous year is computed with the same non-year filters, even when it lies before $year_from.
--   A change in which agencies reported moves the sums too: compare reports with reports_prev.
-- Parameters: $group_by ('agency' | 'province' | 'city' | 'district' | 'township' | 'bureau' | 'all'), and the dashboard filters
--   $year_from $year_to $provinces $cities $districts $bureaus $agency_ids $templates $dataset $scope.
WITH r AS (
    SELECT r.year, r.synthetic,
           CASE $group_by WHEN 'agency' THEN coalesce(r.agency, r.agency_printed, '（未识别机关）')
                          WHEN 'province' THEN coalesce(r.province, '（未定位）')
                          WHEN 'city' THEN coalesce(r.city, r.province, '（未定位）')
                          WHEN 'district' THEN coalesce(r.district, '（未定位）')
                          WHEN 'township' THEN coalesce(r.township, '（未定位）')
                          WHEN 'bureau' THEN coalesce(r.bureau, '（未分类）')
                          WHEN 'all' THEN '全部'
                          ELSE error('unknown $group_by: ' || $group_by || ' (agency, province, city, district, township, bureau, all)') END
               AS group_key,
           r.t3_new_received__total AS received, r.t3_total_processed__total AS processed,
           CASE WHEN r.t3_total_processed__total IS NOT NULL
                THEN list_sum([r.t3_granted__total, r.t3_partially_granted__total]) END AS disclosed,
           r.t4_review__total AS reviews
    FROM in_view($year_from - 1, $year_to, $provinces, $cities, $districts, $bureaus, $agency_ids, $templates, $dataset, $scope) r
),
g AS (
    SELECT year, group_key, count(*) AS reports, count(*) FILTER (WHERE synthetic) AS synthetic_reports,
           sum(received) AS received, sum(disclosed) / nullif(sum(processed), 0) AS open_rate,
           sum(reviews) AS reviews
    FROM r
    GROUP BY year, group_key
)
SELECT cur.year, cur.group_key, cur.reports, prev.reports AS reports_prev,
       cur.received, prev.received AS received_prev, cur.received - prev.received AS received_change,
       (cur.received - prev.received) / nullif(prev.received, 0) AS received_change_pct,
       cur.open_rate, prev.open_rate AS open_rate_prev, cur.open_rate - prev.open_rate AS open_rate_change,
       cur.reviews, prev.reviews AS reviews_prev,
       cur.year = 2021 AS crosses_template_change,
       cur.synthetic_reports + coalesce(prev.synthetic_reports, 0) AS synthetic_reports
FROM g cur
LEFT JOIN g prev ON prev.group_key = cur.group_key AND prev.year = cur.year - 1
WHERE cur.year >= $year_from
ORDER BY cur.year, cur.group_key;
