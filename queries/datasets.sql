-- datasets: the datasets the database holds, one row each, for the sidebar's 数据集 choice and its default.
-- Returns: dataset ('demo': the fictional demo city, 示例数据，虚构 | 'real': reports of real agencies),
--   reports (current reports), agencies, provinces (distinct provinces of those agencies), year_min, year_max,
--   own_reports (current reports that are not among $shipped: reports the user collected or imported),
--   synthetic_reports (reports of the dataset that are generated demo reports: all of 'demo', none of 'real').
-- Parameters: $shipped (VARCHAR[]: the sha256 of the real sample reports shipped with the project).
SELECT CASE WHEN r.synthetic THEN 'demo' ELSE 'real' END AS dataset,
       count(*) AS reports,
       count(DISTINCT r.agency_id) AS agencies,
       count(DISTINCT r.province) AS provinces,
       min(r.year) AS year_min,
       max(r.year) AS year_max,
       count(*) FILTER (WHERE NOT list_contains($shipped, r.report_id)) AS own_reports,
       count(*) FILTER (WHERE r.synthetic) AS synthetic_reports
FROM current_reports r
GROUP BY ALL
ORDER BY dataset;
