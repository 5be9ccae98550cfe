-- zero_activity_share: the share of agencies that received no application, per year and group.
-- Returns: year, group_key (district | bureau type | 全部), agencies (with a current report; an agency has one
--   current report a year),
--   agencies_with_received (whose 本年新收 总计 is printed), zero_agencies (printed 0), zero_share =
--   zero_agencies / agencies_with_received (blank is neither zero nor non-zero), zero_all_tables_agencies
--   (every printed number of tables 二–四 is 0, from report_derived), synthetic_reports.
-- Parameters: $group_by ('province' | 'city' | 'district' | 'township' | 'bureau' | 'all'), and the dashboard filters
--   $year_from $year_to $provinces $cities $districts $bureaus $agency_ids $templates $dataset $scope.
WITH r AS (
    SELECT r.agency_id, r.year, r.synthetic,
           CASE $group_by WHEN 'province' THEN coalesce(r.province, '（未定位）')
                          WHEN 'city' THEN coalesce(r.city, r.province, '（未定位）')
                          WHEN 'district' THEN coalesce(r.district, '（未定位）')
                          WHEN 'township' THEN coalesce(r.township, '（未定位）')
                          WHEN 'bureau' THEN coalesce(r.bureau, '（未分类）')
                          WHEN 'all' THEN '全部'
                          ELSE error('unknown $group_by: ' || $group_by || ' (province, city, district, township, bureau, all)') END
               AS group_key,
           r.t3_new_received__total AS received, d.all_zero
    FROM in_view($year_from, $year_to, $provinces, $cities, $districts, $bureaus, $agency_ids, $templates, $dataset, $scope) r
    LEFT JOIN report_derived d ON d.report_id = r.report_id
)
SELECT year, group_key,
       count(*) AS agencies,
       count(*) FILTER (WHERE received IS NOT NULL) AS agencies_with_received,
       count(*) FILTER (WHERE received = 0) AS zero_agencies,
       count(*) FILTER (WHERE received = 0)
           / nullif(count(*) FILTER (WHERE received IS NOT NULL), 0) AS zero_share,
       count(*) FILTER (WHERE all_zero) AS zero_all_tables_agencies,
       count(*) FILTER (WHERE synthetic) AS synthetic_reports
FROM r
GROUP BY year, group_key
ORDER BY year, group_key;
