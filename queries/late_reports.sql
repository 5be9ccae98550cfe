-- late_reports: current reports published after their deadline, or whose publication date is unknown.
-- Returns: report_id, agency_id, agency, province, city, district, bureau, year, status ('late' | 'undated'),
--   status_label (逾期 | 日期不详), publish_deadline (31 March of the next year for a government's own report,
--   31 January for every other agency: 条例第四十九条), published_date, published_source (web | text | metadata),
--   days_late (days after the deadline; NULL when undated), synthetic. Late first, most days late first.
--   total_rows: the rows of the whole list; only the first $limit are returned (NULL: all, as the downloads
--   take them; a page shows the first few and says how many there are).
-- Parameters: $limit (rows returned, NULL: all), the dashboard filters $year_from $year_to $provinces $cities $districts $bureaus $agency_ids $templates
--   $dataset.
WITH listed AS (
    SELECT r.report_id, r.agency_id, coalesce(r.agency, r.agency_printed) AS agency, r.province, r.city, r.district,
           r.bureau, r.year,
           CASE WHEN r.on_time IS NULL THEN 'undated' ELSE 'late' END AS status,
           CASE WHEN r.on_time IS NULL THEN '日期不详' ELSE '逾期' END AS status_label,
           r.publish_deadline, r.published_date, r.published_source, r.days_late, r.synthetic
    FROM in_view_reports($year_from, $year_to, $provinces, $cities, $districts, $bureaus, $agency_ids, $templates, $dataset, 'any') r
    WHERE r.on_time IS NOT TRUE
      AND r.template <> 'legacy'
)
SELECT listed.*, n.total_rows
FROM listed, (SELECT count(*) AS total_rows FROM listed) n
ORDER BY status, days_late DESC NULLS LAST, year, agency
LIMIT $limit;
