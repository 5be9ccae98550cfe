-- report_checks: the consistency checks (R1–R5) of one report, failures first.
-- Returns: report_id, rule, rule_text (what the rule requires, in Chinese), ok, location, detail, synthetic.
-- Parameters: $report_id (the dashboard filters do not apply: the report is given).
-- Passed checks are not stored (`checks` holds the failed): checks_of works them all out again from the report's
-- cells, with the same details the store and `parse` give.
WITH one AS MATERIALIZED (  -- the report's cells, found by one filtered scan
    SELECT report_id, table_name, row_key, col_key, value FROM cells WHERE report_id = $report_id
),
rules(rule, rule_text) AS (
    VALUES ('R1', '表三每列：本年新收 + 上年结转 = 总计 + 结转下年度'),
           ('R2', '表三每行：总计 = 六类申请人之和'),
           ('R3', '表三每列：总计 = 各办理结果之和'),
           ('R4', '表四每组：总计 = 维持 + 纠正 + 其他 + 尚未审结'),
           ('R5', '数值为非负整数（本年增/减可为负，金额可为小数）')
)
SELECT c.report_id, c.rule, coalesce(x.rule_text, c.rule) AS rule_text, c.ok, c.location, c.detail, r.synthetic
FROM checks_of('one', NULL, true) c
JOIN reports r USING (report_id)
LEFT JOIN rules x USING (rule)
WHERE c.report_id = $report_id
ORDER BY c.ok, c.rule, c.location;
