-- view_facts: the filtered facts every dashboard aggregate is built from (xxgk.metrics, in Polars): the current
--   reports the sidebar's filters leave in view, one row each, with only the columns the aggregate asks for.
-- Returns: year, synthetic, then those of the following named in $columns, in this order: template, checks_failed,
--   counts_t2, counts_t3, counts_t4 (which tables count in the chosen scope; a table that does not count has NULL
--   numbers), report_id, agency_id, agency_name (the registry's name, else the name the report prints), province,
--   city, district, township, bureau, the facts columns (t2_*, t3_*, t4_*; NULL where their table does not count)
--   in the database's order, all_zero (report_derived: every printed number of tables 二–四 is 0) and
--   proactive_items (the narrative's 主动公开政府信息 N 条). report_derived and narrative are read only when
--   all_zero or proactive_items is named.
-- Parameters: $columns (VARCHAR[]: the columns wanted besides year and synthetic), and the dashboard filters
--   $year_from $year_to $provinces $cities $districts $bureaus $agency_ids $templates $dataset $scope.
SELECT year,
       COLUMNS(lambda c: c = 'synthetic' OR list_contains($columns, c))  -- synthetic keeps the list non-empty
FROM (
    SELECT r.year, r.synthetic, r.template, r.checks_failed, r.counts_t2, r.counts_t3, r.counts_t4, r.report_id,
           r.agency_id, coalesce(r.agency, r.agency_printed) AS agency_name, r.province, r.city, r.district,
           r.township, r.bureau, COLUMNS('^t[234]_'), d.all_zero, n.proactive_items
    FROM in_view($year_from, $year_to, $provinces, $cities, $districts, $bureaus, $agency_ids, $templates, $dataset, $scope) r
    LEFT JOIN (SELECT report_id, all_zero FROM report_derived WHERE list_contains($columns, 'all_zero')) d
           ON d.report_id = r.report_id
    LEFT JOIN (SELECT report_id, value AS proactive_items FROM narrative
               WHERE key = 'proactive_items' AND list_contains($columns, 'proactive_items')) n
           ON n.report_id = r.report_id
);
