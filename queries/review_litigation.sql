-- review_litigation: administrative reconsideration and lawsuits over disclosure (table 四), per year and group.
-- Returns: year, group_key, review_upheld, review_corrected, review_other, review_pending, review_total,
--   review_correction_rate = review_corrected / (upheld + corrected + other) (concluded cases; pending left out),
--   suit_upheld, suit_corrected, suit_other, suit_pending, suit_total (未经复议直接起诉 + 复议后起诉),
--   suit_correction_rate (same formula), received, suits_per_100_applications = 100 × Σ suit_total / Σ received
--   over reports printing both, reports, reports_blank_table4 (all three 总计 blank), synthetic_reports.
--   Table 四 is identical in both templates: comparable across 2020→2021.
-- Parameters: $group_by ('agency' | 'province' | 'city' | 'district' | 'township' | 'bureau' | 'all'), and the dashboard filters
--   $year_from $year_to $provinces $cities $districts $bureaus $agency_ids $templates $dataset $scope.
WITH r AS (
    SELECT r.*,
           CASE $group_by WHEN 'agency' THEN coalesce(r.agency, r.agency_printed, '（未识别机关）')
                          WHEN 'province' THEN coalesce(r.province, '（未定位）')
                          WHEN 'city' THEN coalesce(r.city, r.province, '（未定位）')
                          WHEN 'district' THEN coalesce(r.district, '（未定位）')
                          WHEN 'township' THEN coalesce(r.township, '（未定位）')
                          WHEN 'bureau' THEN coalesce(r.bureau, '（未分类）')
                          WHEN 'all' THEN '全部'
                          ELSE error('unknown $group_by: ' || $group_by || ' (agency, province, city, district, township, bureau, all)') END
               AS group_key,
           list_sum([r.t4_suit_direct__upheld, r.t4_suit_after_review__upheld]) AS suit_upheld,
           list_sum([r.t4_suit_direct__corrected, r.t4_suit_after_review__corrected]) AS suit_corrected,
           list_sum([r.t4_suit_direct__other, r.t4_suit_after_review__other]) AS suit_other,
           list_sum([r.t4_suit_direct__pending, r.t4_suit_after_review__pending]) AS suit_pending,
           list_sum([r.t4_suit_direct__total, r.t4_suit_after_review__total]) AS suit_total
    FROM in_view($year_from, $year_to, $provinces, $cities, $districts, $bureaus, $agency_ids, $templates, $dataset, $scope) r
    WHERE r.counts_t4  -- table 四 counts in the chosen scope
),
g AS (
    SELECT year, group_key,
           sum(t4_review__upheld) AS review_upheld, sum(t4_review__corrected) AS review_corrected,
           sum(t4_review__other) AS review_other, sum(t4_review__pending) AS review_pending,
           sum(t4_review__total) AS review_total,
           sum(suit_upheld) AS suit_upheld, sum(suit_corrected) AS suit_corrected, sum(suit_other) AS suit_other,
           sum(suit_pending) AS suit_pending, sum(suit_total) AS suit_total,
           sum(t3_new_received__total) AS received,
           sum(suit_total) FILTER (WHERE t3_new_received__total IS NOT NULL) AS suits_with_received,
           sum(t3_new_received__total) FILTER (WHERE suit_total IS NOT NULL) AS received_with_suits,
           count(*) AS reports,
           count(*) FILTER (WHERE t4_review__total IS NULL AND t4_suit_direct__total IS NULL
                                  AND t4_suit_after_review__total IS NULL) AS reports_blank_table4,
           count(*) FILTER (WHERE synthetic) AS synthetic_reports
    FROM r
    GROUP BY year, group_key
)
SELECT year, group_key, review_upheld, review_corrected, review_other, review_pending, review_total,
       review_corrected / nullif(coalesce(review_upheld, 0) + coalesce(review_corrected, 0)
                                 + coalesce(review_other, 0), 0) AS review_correction_rate,
       suit_upheld, suit_corrected, suit_other, suit_pending, suit_total,
       suit_corrected / nullif(coalesce(suit_upheld, 0) + coalesce(suit_corrected, 0)
                               + coalesce(suit_other, 0), 0) AS suit_correction_rate,
       received,
       100 * suits_with_received / nullif(received_with_suits, 0) AS suits_per_100_applications,
       reports, reports_blank_table4, synthetic_reports
FROM g
ORDER BY year, group_key;
