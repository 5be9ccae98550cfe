-- correction_rates: how often reconsideration bodies and courts corrected the agencies, per district, bureau
--   or agency, over the whole filtered range of years (a rate on one year's handful of cases says little).
-- Returns: group_key, agency_id (the agency's id when $group_by = 'agency', else NULL), reports,
--   reports_printed (reports printing the chosen kind's 总计), concluded (结果维持 + 结果纠正 + 其他结果: the
--   cases decided, the rate's base; 尚未审结 left out), corrected (结果纠正), correction_rate = corrected /
--   concluded (NULL when nothing was concluded), pending, total, synthetic_reports. One row per group with
--   at least one report; ordered by correction_rate, highest first, then by concluded.
--   Table 四 is identical in both templates: comparable across 2020→2021. Blank cells add nothing.
-- Parameters: $group_by ('agency' | 'province' | 'city' | 'district' | 'bureau'), $kind ('review' 行政复议 | 'suit' 行政诉讼: 未经复议
--   直接起诉 + 复议后起诉), and the dashboard filters $year_from $year_to $provinces $cities $districts $bureaus
--   $agency_ids $templates $dataset $scope.
WITH r AS (
    SELECT r.*,
           CASE $group_by WHEN 'agency' THEN coalesce(r.agency, r.agency_printed, '（未识别机关）')
                          WHEN 'province' THEN coalesce(r.province, '（未定位）')
                          WHEN 'city' THEN coalesce(r.city, r.province, '（未定位）')
                          WHEN 'district' THEN coalesce(r.district, '（未定位）')
                          WHEN 'bureau' THEN coalesce(r.bureau, '（未分类）')
                          ELSE error('unknown $group_by: ' || $group_by || ' (agency, province, city, district, bureau)') END
               AS group_key,
           CASE $kind WHEN 'review' THEN r.t4_review__upheld
                      WHEN 'suit' THEN list_sum([r.t4_suit_direct__upheld, r.t4_suit_after_review__upheld])
                      ELSE error('unknown $kind: ' || $kind || ' (review, suit)') END AS upheld,
           CASE $kind WHEN 'review' THEN r.t4_review__corrected
                      ELSE list_sum([r.t4_suit_direct__corrected, r.t4_suit_after_review__corrected]) END AS corrected,
           CASE $kind WHEN 'review' THEN r.t4_review__other
                      ELSE list_sum([r.t4_suit_direct__other, r.t4_suit_after_review__other]) END AS other,
           CASE $kind WHEN 'review' THEN r.t4_review__pending
                      ELSE list_sum([r.t4_suit_direct__pending, r.t4_suit_after_review__pending]) END AS pending,
           CASE $kind WHEN 'review' THEN r.t4_review__total
                      ELSE list_sum([r.t4_suit_direct__total, r.t4_suit_after_review__total]) END AS total
    FROM in_view($year_from, $year_to, $provinces, $cities, $districts, $bureaus, $agency_ids, $templates, $dataset, $scope) r
),
g AS (
    SELECT group_key,
           CASE WHEN $group_by = 'agency' THEN any_value(agency_id) END AS agency_id,
           count(*) AS reports,
           count(total) AS reports_printed,
           sum(coalesce(upheld, 0) + coalesce(corrected, 0) + coalesce(other, 0))
               FILTER (WHERE upheld IS NOT NULL OR corrected IS NOT NULL OR other IS NOT NULL) AS concluded,
           sum(corrected) AS corrected, sum(pending) AS pending, sum(total) AS total,
           count(*) FILTER (WHERE synthetic) AS synthetic_reports
    FROM r
    GROUP BY group_key
)
SELECT group_key, agency_id, reports, reports_printed, concluded, corrected,
       corrected / nullif(concluded, 0) AS correction_rate, pending, total, synthetic_reports
FROM g
ORDER BY correction_rate DESC NULLS LAST, concluded DESC, group_key;
