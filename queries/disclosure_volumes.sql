-- disclosure_volumes: proactive disclosure (table 二) per year and group, one row per measure, long form.
-- Returns: year, group_key, measure (facts column, e.g. t2_licensing__decisions, or proactive_items),
--   item_label, column_label, unit, template_scope ('2019': printed only by the 2019–2020 template; '2021':
--   only from 2021 on; 'both'), comparable (true only for the 许可/处罚/强制 decision counts, which keep their
--   meaning across 2020→2021), from_text (true for 主动公开政府信息 N 条 stated in the narrative, not a table),
--   value (sum over reports that print a number there), reports_printed, reports_blank (reports of a template
--   that has the cell but show no number: blank, '/', '-' or not printed; never counted as 0), synthetic_reports (of the reports in scope).
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
               AS group_key
    FROM in_view($year_from, $year_to, $provinces, $cities, $districts, $bureaus, $agency_ids, $templates, $dataset, $scope) r
    WHERE r.counts_t2  -- table 二 counts in the chosen scope
),
measures(measure, item_label, column_label, unit, template_scope, comparable, measure_order) AS (
    VALUES
    ('t2_regulations__new_made', '规章', '本年新制作数量', '件', '2019', false, 1),
    ('t2_regulations__new_published', '规章', '本年新公开数量', '件', '2019', false, 2),
    ('t2_regulations__total_published', '规章', '对外公开总数量', '件', '2019', false, 3),
    ('t2_normative_documents__new_made', '规范性文件', '本年新制作数量', '件', '2019', false, 4),
    ('t2_normative_documents__new_published', '规范性文件', '本年新公开数量', '件', '2019', false, 5),
    ('t2_normative_documents__total_published', '规范性文件', '对外公开总数量', '件', '2019', false, 6),
    ('t2_regulations__issued', '规章', '本年制发件数', '件', '2021', false, 7),
    ('t2_regulations__repealed', '规章', '本年废止件数', '件', '2021', false, 8),
    ('t2_regulations__in_force', '规章', '现行有效件数', '件', '2021', false, 9),
    ('t2_normative_documents__issued', '行政规范性文件', '本年制发件数', '件', '2021', false, 10),
    ('t2_normative_documents__repealed', '行政规范性文件', '本年废止件数', '件', '2021', false, 11),
    ('t2_normative_documents__in_force', '行政规范性文件', '现行有效件数', '件', '2021', false, 12),
    ('t2_licensing__decisions', '行政许可', '处理决定数量', '件', 'both', true, 13),
    ('t2_penalty__decisions', '行政处罚', '处理决定数量', '件', 'both', true, 14),
    ('t2_coercion__decisions', '行政强制', '处理决定数量', '件', 'both', true, 15),
    ('t2_licensing__previous_count', '行政许可', '上一年项目数量', '项', '2019', false, 16),
    ('t2_licensing__change', '行政许可', '本年增/减', '项', '2019', false, 17),
    ('t2_other_services__previous_count', '其他对外管理服务事项', '上一年项目数量', '项', '2019', false, 18),
    ('t2_other_services__change', '其他对外管理服务事项', '本年增/减', '项', '2019', false, 19),
    ('t2_other_services__decisions', '其他对外管理服务事项', '处理决定数量', '件', '2019', false, 20),
    ('t2_penalty__previous_count', '行政处罚', '上一年项目数量', '项', '2019', false, 21),
    ('t2_penalty__change', '行政处罚', '本年增/减', '项', '2019', false, 22),
    ('t2_coercion__previous_count', '行政强制', '上一年项目数量', '项', '2019', false, 23),
    ('t2_coercion__change', '行政强制', '本年增/减', '项', '2019', false, 24),
    ('t2_fees__previous_count', '行政事业性收费', '上一年项目数量', '项', '2019', false, 25),
    ('t2_fees__change', '行政事业性收费', '本年增/减', '项', '2019', false, 26),
    ('t2_fees__amount_wan_yuan', '行政事业性收费', '本年收费金额', '万元', '2021', false, 27),
    ('t2_procurement__count', '政府集中采购', '采购项目数量', '项', '2019', false, 28),
    ('t2_procurement__amount_yuan', '政府集中采购', '采购总金额', '元', '2019', false, 29)
),
per_template AS (
    SELECT year, group_key, template, count(*) AS reports, count(*) FILTER (WHERE synthetic) AS synthetic_reports,
           {'v': sum(COLUMNS('^t2_')), 'n': count(COLUMNS('^t2_'))}
    FROM r
    WHERE template IN ('2019', '2021')
    GROUP BY year, group_key, template
),
long AS (
    UNPIVOT per_template ON COLUMNS('^t2_') INTO NAME measure VALUE s
),
tables AS (
    SELECT l.year, l.group_key, m.measure, m.item_label, m.column_label, m.unit, m.template_scope, m.comparable,
           false AS from_text, sum(l.s.v) AS value, sum(l.s.n)::BIGINT AS reports_printed,
           sum(l.reports - l.s.n)::BIGINT AS reports_blank, sum(l.synthetic_reports)::BIGINT AS synthetic_reports,
           any_value(m.measure_order) AS measure_order
    FROM long l
    JOIN measures m ON m.measure = l.measure AND (m.template_scope = 'both' OR m.template_scope = l.template)
    GROUP BY ALL
),
text AS (
    SELECT r.year, r.group_key, 'proactive_items' AS measure, '主动公开政府信息' AS item_label,
           '正文所述条数' AS column_label, '条' AS unit, 'both' AS template_scope, false AS comparable,
           true AS from_text, sum(n.value) AS value, count(n.value) AS reports_printed,
           count(*) - count(n.value) AS reports_blank, count(*) FILTER (WHERE r.synthetic) AS synthetic_reports,
           100 AS measure_order
    FROM r LEFT JOIN narrative n ON n.report_id = r.report_id AND n.key = 'proactive_items'
    GROUP BY r.year, r.group_key
)
SELECT * EXCLUDE (measure_order)
FROM (SELECT * FROM tables UNION ALL BY NAME SELECT * FROM text)
ORDER BY year, group_key, measure_order;
