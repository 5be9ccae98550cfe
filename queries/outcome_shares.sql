-- outcome_shares: how the applications processed were answered, per year and group, one row per outcome.
-- Returns: year, group_key, outcome (granted | partially_granted | denied | unavailable | not_processed |
--   other_handled), outcome_label (予以公开, 部分公开, 不予公开, 无法提供, 不予处理, 其他处理), count,
--   processed (Σ （七）总计), share = count / processed (公开率 = share of granted + partially_granted),
--   reports, synthetic_reports. Only reports with a printed （七）总计 count; a blank outcome cell adds nothing.
--   Comparable across 2020→2021: （六）其他处理 is the single 2019 row or the sum of the three 2021 rows.
-- Parameters: $group_by ('agency' | 'province' | 'city' | 'district' | 'township' | 'bureau' | 'all'), and the dashboard filters
--   $year_from $year_to $provinces $cities $districts $bureaus $agency_ids $templates $dataset $scope.
WITH r AS (
    SELECT r.year, r.synthetic, r.t3_total_processed__total AS processed,
           CASE $group_by WHEN 'agency' THEN coalesce(r.agency, r.agency_printed, '（未识别机关）')
                          WHEN 'province' THEN coalesce(r.province, '（未定位）')
                          WHEN 'city' THEN coalesce(r.city, r.province, '（未定位）')
                          WHEN 'district' THEN coalesce(r.district, '（未定位）')
                          WHEN 'township' THEN coalesce(r.township, '（未定位）')
                          WHEN 'bureau' THEN coalesce(r.bureau, '（未分类）')
                          WHEN 'all' THEN '全部'
                          ELSE error('unknown $group_by: ' || $group_by || ' (agency, province, city, district, township, bureau, all)') END
               AS group_key,
           r.t3_granted__total AS granted,
           r.t3_partially_granted__total AS partially_granted,
           list_sum([r.t3_denied_state_secret__total, r.t3_denied_law_prohibited__total,
                     r.t3_denied_security_stability__total, r.t3_denied_third_party__total,
                     r.t3_denied_internal_affairs__total, r.t3_denied_process_info__total,
                     r.t3_denied_enforcement_file__total, r.t3_denied_admin_query__total]) AS denied,
           list_sum([r.t3_unavailable_not_held__total, r.t3_unavailable_needs_creation__total,
                     r.t3_unavailable_unclear__total]) AS unavailable,
           list_sum([r.t3_not_processed_petition__total, r.t3_not_processed_duplicate__total,
                     r.t3_not_processed_publication__total, r.t3_not_processed_mass_repeat__total,
                     r.t3_not_processed_confirmation__total]) AS not_processed,
           coalesce(r.t3_other__total, list_sum([r.t3_other_no_correction__total, r.t3_other_no_fee__total,
                                                 r.t3_other_misc__total])) AS other_handled
    FROM in_view($year_from, $year_to, $provinces, $cities, $districts, $bureaus, $agency_ids, $templates, $dataset, $scope) r
    WHERE r.t3_total_processed__total IS NOT NULL
),
agg AS (
    SELECT year, group_key, count(*) AS reports, count(*) FILTER (WHERE synthetic) AS synthetic_reports,
           sum(processed) AS processed,
           coalesce(sum(granted), 0) AS granted, coalesce(sum(partially_granted), 0) AS partially_granted,
           coalesce(sum(denied), 0) AS denied, coalesce(sum(unavailable), 0) AS unavailable,
           coalesce(sum(not_processed), 0) AS not_processed, coalesce(sum(other_handled), 0) AS other_handled
    FROM r
    GROUP BY year, group_key
),
long AS (
    UNPIVOT agg ON granted, partially_granted, denied, unavailable, not_processed, other_handled
    INTO NAME outcome VALUE count
),
labels(outcome, outcome_label, outcome_order) AS (
    VALUES ('granted', '予以公开', 1), ('partially_granted', '部分公开', 2), ('denied', '不予公开', 3),
           ('unavailable', '无法提供', 4), ('not_processed', '不予处理', 5), ('other_handled', '其他处理', 6)
)
SELECT l.year, l.group_key, l.outcome, b.outcome_label, l.count, l.processed,
       l.count / nullif(l.processed, 0) AS share, l.reports, l.synthetic_reports
FROM long l JOIN labels b USING (outcome)
ORDER BY l.year, l.group_key, b.outcome_order;
