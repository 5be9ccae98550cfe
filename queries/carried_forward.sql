-- carried_forward: applications left open — carried over from last year and forward into next, per year and group.
-- Returns: year, group_key, carried_over (Σ 二、上年结转 总计), carried_forward (Σ 四、结转下年度 总计),
--   received, backlog_rate = Σ carried_forward / Σ (received + carried_over) over reports printing all three,
--   reports_with_backlog (reports with carried_forward > 0), reports_blank_carried_forward, reports,
--   synthetic_reports. Comparable across 2020→2021.
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
           r.t3_new_received__total AS received, r.t3_carried_over__total AS carried_over,
           r.t3_carried_forward__total AS carried_forward
    FROM in_view($year_from, $year_to, $provinces, $cities, $districts, $bureaus, $agency_ids, $templates, $dataset, $scope) r
    WHERE r.counts_t3  -- table 三 counts in the chosen scope
)
SELECT year, group_key,
       sum(carried_over) AS carried_over,
       sum(carried_forward) AS carried_forward,
       sum(received) AS received,
       sum(carried_forward) FILTER (WHERE received IS NOT NULL AND carried_over IS NOT NULL)
           / nullif(sum(received + carried_over) FILTER (WHERE carried_forward IS NOT NULL), 0) AS backlog_rate,
       count(*) FILTER (WHERE carried_forward > 0) AS reports_with_backlog,
       count(*) FILTER (WHERE carried_forward IS NULL) AS reports_blank_carried_forward,
       count(*) AS reports,
       count(*) FILTER (WHERE synthetic) AS synthetic_reports
FROM r
GROUP BY year, group_key
ORDER BY year, group_key;
