-- applications_by_group: applications received and their outcomes (table 三, 总计 column) per year and group.
-- Returns: year, group_key (agency name | district | bureau type | 全部; （未定位）/（未分类） when unknown),
--   agency_id (when grouped by agency), reports, synthetic_reports, received, reports_blank_received,
--   carried_over, processed, carried_forward, granted, partially_granted, denied (Σ 不予公开 1–8),
--   unavailable (Σ 无法提供 1–3), not_processed (Σ 不予处理 1–5), other_handled (（六）其他处理: the
--   single row, else Σ of its 2021 detail rows), open_rate = (granted + partially_granted) / processed.
--   Outcome sums only count reports with a printed （七）总计, so every rate has a matching denominator.
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
           r.t3_total_processed__total IS NOT NULL AS has_total,
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
    WHERE r.counts_t3  -- table 三 counts in the chosen scope
)
SELECT year,
       group_key,
       CASE WHEN $group_by = 'agency' THEN any_value(agency_id) END AS agency_id,
       count(*) AS reports,
       count(*) FILTER (WHERE synthetic) AS synthetic_reports,
       sum(t3_new_received__total) AS received,
       count(*) FILTER (WHERE t3_new_received__total IS NULL) AS reports_blank_received,
       sum(t3_carried_over__total) AS carried_over,
       sum(t3_total_processed__total) AS processed,
       sum(t3_carried_forward__total) AS carried_forward,
       sum(t3_granted__total) FILTER (WHERE has_total) AS granted,
       sum(t3_partially_granted__total) FILTER (WHERE has_total) AS partially_granted,
       sum(denied) FILTER (WHERE has_total) AS denied,
       sum(unavailable) FILTER (WHERE has_total) AS unavailable,
       sum(not_processed) FILTER (WHERE has_total) AS not_processed,
       sum(other_handled) FILTER (WHERE has_total) AS other_handled,
       (coalesce(sum(t3_granted__total) FILTER (WHERE has_total), 0)
        + coalesce(sum(t3_partially_granted__total) FILTER (WHERE has_total), 0))
           / nullif(sum(t3_total_processed__total), 0) AS open_rate
FROM r
GROUP BY year, group_key, CASE WHEN $group_by = 'agency' THEN agency_id END
ORDER BY year, received DESC NULLS LAST, group_key;
