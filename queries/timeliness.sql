-- timeliness: on-time publication of the annual report (《政府信息公开条例》第四十九条), per year and group.
-- Returns: year, group_key (province | city | district | bureau type | 全部), reports (current reports),
--   dated_reports (publication date known: from the web page, the date line or the file's metadata),
--   on_time_reports, late_reports, undated_reports, on_time_share = on_time_reports / dated_reports (a report
--   of unknown date is neither on time nor late, and left out of the base), median_days_late and
--   max_days_late (over the late reports), synthetic_reports.
-- Parameters: $group_by ('province' | 'city' | 'district' | 'bureau' | 'all'), and the dashboard filters
--   $year_from $year_to $provinces $cities $districts $bureaus $agency_ids $templates $dataset.
WITH r AS (
    SELECT r.year, r.synthetic, r.on_time, r.days_late,
           CASE $group_by WHEN 'province' THEN coalesce(r.province, '（未定位）')
                          WHEN 'city' THEN coalesce(r.city, '（未定位）')
                          WHEN 'district' THEN coalesce(r.district, '（未定位）')
                          WHEN 'bureau' THEN coalesce(r.bureau, '（未分类）')
                          WHEN 'all' THEN '全部'
                          ELSE error('unknown $group_by: ' || $group_by || ' (province, city, district, bureau, all)')
           END AS group_key
    FROM in_view($year_from, $year_to, $provinces, $cities, $districts, $bureaus, $agency_ids, $templates, $dataset, 'any') r
)
SELECT year, group_key,
       count(*) AS reports,
       count(on_time) AS dated_reports,
       count(*) FILTER (WHERE on_time) AS on_time_reports,
       count(*) FILTER (WHERE NOT on_time) AS late_reports,
       count(*) FILTER (WHERE on_time IS NULL) AS undated_reports,
       count(*) FILTER (WHERE on_time) / nullif(count(on_time), 0) AS on_time_share,
       median(days_late) FILTER (WHERE NOT on_time) AS median_days_late,
       max(days_late) FILTER (WHERE NOT on_time) AS max_days_late,
       count(*) FILTER (WHERE synthetic) AS synthetic_reports
FROM r
GROUP BY year, group_key
ORDER BY year, group_key;
