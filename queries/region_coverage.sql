-- region_coverage: 覆盖/差额 — a government's region-wide table set against the sum of the reports of the agencies
--   under it, measure by measure, where both exist. A city government's table 二 that counts 全市 decisions is set
--   against the city's and its districts' bureaus' own reports of that year; the difference is what the stored
--   reports do not cover (or, when negative, a sign that the region-wide table or a part is wrong).
-- Returns: year, agency_id, agency (the government whose report is region-wide), level (province | city | county |
--   township: the extent of its region), province, city, district, report_id, measure (facts column),
--   measure_label, table_name (table2 | table3 | table4), region_value (the region-wide figure),
--   parts_value (Σ of that figure over the agency-scope reports of the other agencies in the region),
--   parts_reports (how many such reports print it), difference (region_value − parts_value),
--   coverage (parts_value / region_value; NULL when region_value is 0), synthetic.
--   Only measures comparable across the 2020→2021 template change: 本年新收 总计 (table 三), 行政许可/行政处罚/
--   行政强制 处理决定数 (table 二), 行政复议 总计 and 行政诉讼 总计 (table 四). Both sides come from one dataset.
--   total_rows: the rows of the whole list; only the first $limit are returned (NULL: all, as the downloads
--   take them; a page shows the first few and says how many there are).
-- Parameters: $limit (rows returned, NULL: all), the filters $year_from $year_to $provinces $cities $districts $templates $dataset (the bureau and
--   agency filters do not apply: the parts are every agency in the region).
WITH v AS (
    SELECT report_id, year, agency_id, agency, level, province, city, district, township, synthetic,
           coalesce(scope_table2, 'agency') AS s2, coalesce(scope_table3, 'agency') AS s3,
           coalesce(scope_table4, 'agency') AS s4,
           t3_new_received__total, t2_licensing__decisions, t2_penalty__decisions, t2_coercion__decisions,
           t4_review__total, list_sum([t4_suit_direct__total, t4_suit_after_review__total]) AS t4_suits__total
    FROM in_view($year_from, $year_to, $provinces, $cities, $districts, [], [], $templates, $dataset, 'any')
    WHERE agency_id IS NOT NULL
),
long AS (
    SELECT *, CASE substr(measure, 1, 2) WHEN 't2' THEN 'table2' WHEN 't3' THEN 'table3' ELSE 'table4' END
                  AS table_name,
           CASE substr(measure, 1, 2) WHEN 't2' THEN s2 WHEN 't3' THEN s3 ELSE s4 END AS scope
    FROM (UNPIVOT v ON t3_new_received__total, t2_licensing__decisions, t2_penalty__decisions,
                       t2_coercion__decisions, t4_review__total, t4_suits__total
          INTO NAME measure VALUE value)
),
gov AS (SELECT * FROM long WHERE scope = 'region'),
parts AS (
    SELECT g.report_id, g.measure, sum(p.value) AS parts_value, count(p.value) AS parts_reports
    FROM gov g
    JOIN long p ON p.year = g.year AND p.measure = g.measure AND p.scope <> 'region' AND p.agency_id <> g.agency_id
     AND p.province = g.province
     AND (g.level = 'province' OR p.city = g.city)
     AND (g.level IN ('province', 'city') OR p.district = g.district)
     AND (g.level <> 'township' OR p.township = g.township)
    GROUP BY ALL
),
listed AS (
    SELECT g.year, g.agency_id, g.agency, g.level, g.province, g.city, g.district, g.report_id, g.measure,
           CASE g.measure WHEN 't3_new_received__total' THEN '本年新收申请（表三）'
                          WHEN 't2_licensing__decisions' THEN '行政许可决定（表二）'
                          WHEN 't2_penalty__decisions' THEN '行政处罚决定（表二）'
                          WHEN 't2_coercion__decisions' THEN '行政强制决定（表二）'
                          WHEN 't4_review__total' THEN '行政复议（表四）'
                          ELSE '行政诉讼（表四）' END AS measure_label,
           g.table_name, g.value AS region_value, p.parts_value, p.parts_reports,
           g.value - p.parts_value AS difference, p.parts_value / nullif(g.value, 0) AS coverage, g.synthetic
    FROM gov g
    JOIN parts p USING (report_id, measure)
)
SELECT listed.*, n.total_rows
FROM listed, (SELECT count(*) AS total_rows FROM listed) n
ORDER BY year, province, city NULLS FIRST, district NULLS FIRST, agency, table_name, measure
LIMIT $limit;
