-- disclosure_by_group: one proactive-disclosure measure (table 二, or the narrative's 主动公开 N 条) per year
--   and group — the same rows as disclosure_volumes for that measure, computed without the other measures.
-- Returns: year, group_key, measure, item_label, column_label, unit, template_scope, comparable, from_text,
--   value (sum over reports printing a number), reports_printed, reports_blank (reports of a template that has
--   the cell but show no number; never counted as 0), synthetic_reports (of the reports in scope). Groups
--   without a report of a template that has the measure are left out.
-- Parameters: $measure (a disclosure_volumes measure, e.g. t2_penalty__decisions or proactive_items),
--   $group_by ('agency' | 'province' | 'city' | 'district' | 'township' | 'bureau' | 'all'), and the dashboard filters
--   $year_from $year_to $provinces $cities $districts $bureaus $agency_ids $templates $dataset $scope.
WITH measures(measure, item_label, column_label, unit, template_scope, comparable, measure_order) AS (
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
    ('t2_procurement__amount_yuan', '政府集中采购', '采购总金额', '元', '2019', false, 29),
    ('proactive_items', '主动公开政府信息', '正文所述条数', '条', 'both', false, 100)
),
m AS (
    SELECT * FROM measures WHERE measure = $measure
),
r AS (
    SELECT r.year, r.template, r.synthetic,
           CASE $group_by WHEN 'agency' THEN coalesce(r.agency, r.agency_printed, '（未识别机关）')
                          WHEN 'province' THEN coalesce(r.province, '（未定位）')
                          WHEN 'city' THEN coalesce(r.city, r.province, '（未定位）')
                          WHEN 'district' THEN coalesce(r.district, '（未定位）')
                          WHEN 'township' THEN coalesce(r.township, '（未定位）')
                          WHEN 'bureau' THEN coalesce(r.bureau, '（未分类）')
                          WHEN 'all' THEN '全部'
                          ELSE error('unknown $group_by: ' || $group_by || ' (agency, province, city, district, township, bureau, all)') END
               AS group_key,
           CASE $measure
                      WHEN 't2_regulations__new_made' THEN r.t2_regulations__new_made
                      WHEN 't2_regulations__new_published' THEN r.t2_regulations__new_published
                      WHEN 't2_regulations__total_published' THEN r.t2_regulations__total_published
                      WHEN 't2_normative_documents__new_made' THEN r.t2_normative_documents__new_made
                      WHEN 't2_normative_documents__new_published' THEN r.t2_normative_documents__new_published
                      WHEN 't2_normative_documents__total_published' THEN r.t2_normative_documents__total_published
                      WHEN 't2_regulations__issued' THEN r.t2_regulations__issued
                      WHEN 't2_regulations__repealed' THEN r.t2_regulations__repealed
                      WHEN 't2_regulations__in_force' THEN r.t2_regulations__in_force
                      WHEN 't2_normative_documents__issued' THEN r.t2_normative_documents__issued
                      WHEN 't2_normative_documents__repealed' THEN r.t2_normative_documents__repealed
                      WHEN 't2_normative_documents__in_force' THEN r.t2_normative_documents__in_force
                      WHEN 't2_licensing__decisions' THEN r.t2_licensing__decisions
                      WHEN 't2_penalty__decisions' THEN r.t2_penalty__decisions
                      WHEN 't2_coercion__decisions' THEN r.t2_coercion__decisions
                      WHEN 't2_licensing__previous_count' THEN r.t2_licensing__previous_count
                      WHEN 't2_licensing__change' THEN r.t2_licensing__change
                      WHEN 't2_other_services__previous_count' THEN r.t2_other_services__previous_count
                      WHEN 't2_other_services__change' THEN r.t2_other_services__change
                      WHEN 't2_other_services__decisions' THEN r.t2_other_services__decisions
                      WHEN 't2_penalty__previous_count' THEN r.t2_penalty__previous_count
                      WHEN 't2_penalty__change' THEN r.t2_penalty__change
                      WHEN 't2_coercion__previous_count' THEN r.t2_coercion__previous_count
                      WHEN 't2_coercion__change' THEN r.t2_coercion__change
                      WHEN 't2_fees__previous_count' THEN r.t2_fees__previous_count
                      WHEN 't2_fees__change' THEN r.t2_fees__change
                      WHEN 't2_fees__amount_wan_yuan' THEN r.t2_fees__amount_wan_yuan
                      WHEN 't2_procurement__count' THEN r.t2_procurement__count
                      WHEN 't2_procurement__amount_yuan' THEN r.t2_procurement__amount_yuan
                      WHEN 'proactive_items' THEN n.value
                      ELSE error('unknown $measure: ' || $measure) END AS v
    FROM in_view($year_from, $year_to, $provinces, $cities, $districts, $bureaus, $agency_ids, $templates, $dataset, $scope) r
    LEFT JOIN narrative n ON $measure = 'proactive_items' AND n.report_id = r.report_id AND n.key = 'proactive_items'
    WHERE r.counts_t2  -- table 二 counts in the chosen scope
)
SELECT r.year, r.group_key, m.measure, m.item_label, m.column_label, m.unit, m.template_scope, m.comparable,
       m.measure = 'proactive_items' AS from_text,
       sum(r.v) AS value, count(r.v) AS reports_printed, count(*) - count(r.v) AS reports_blank,
       count(*) FILTER (WHERE r.synthetic) AS synthetic_reports
FROM r
JOIN m ON m.template_scope = 'both' OR m.template_scope = r.template
GROUP BY ALL
ORDER BY r.year, value DESC NULLS LAST, r.group_key;
