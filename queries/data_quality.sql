-- data_quality: every report in scope with its data-quality flags and the caveat text shown beside its numbers.
-- Returns: report_id, agency_id, agency, district, bureau, year, template, synthetic, checks_failed, conflict,
--   received_blank (本年新收 总计 blank), carry_over_break (上年结转 ≠ last year's 结转下年度 in any of the 7
--   columns printed in both years, as carry_over_breaks; NULL when there is no report last year or no column
--   is printed in both), tables_repeat_last_year (every cell of tables 二–四 equal to
--   last year's, blank matching blank, in a year with some activity, as near_identical; from report_derived), issues (number of
--   the flags above that are set), caveat (Chinese, one clause per issue; 未发现数据问题
--   when none; always names 示例数据，虚构 for synthetic reports).
--   The text comparison is near_identical's; this query flags only repeated tables.
-- Parameters: the dashboard filters $year_from $year_to $districts $bureaus $agency_ids $templates $include_synthetic.
WITH r AS (
    SELECT r.report_id, r.agency_id, r.agency, r.district, r.bureau, r.year, r.template, r.synthetic,
           r.checks_failed, r.conflict, r.t3_new_received__total, COLUMNS('^t3_carried_(over|forward)__'),
           list_sum([r.t3_new_received__total, r.t4_review__total, r.t4_suit_direct__total,
                     r.t4_suit_after_review__total, r.t2_licensing__decisions, r.t2_penalty__decisions,
                     r.t2_coercion__decisions]) > 0 AS active,
           d.tables_hash
    FROM current_reports r
    LEFT JOIN report_derived d ON d.report_id = r.report_id
    WHERE r.year BETWEEN $year_from - 1 AND $year_to
      AND (len($districts) = 0 OR list_contains($districts, r.district))
      AND (len($bureaus) = 0 OR list_contains($bureaus, r.bureau))
      AND (len($agency_ids) = 0 OR list_contains($agency_ids, r.agency_id))
      AND (len($templates) = 0 OR list_contains($templates, r.template))
      AND ($include_synthetic OR NOT r.synthetic)
),
flags AS (
    SELECT cur.report_id, cur.agency_id, cur.agency, cur.district, cur.bureau, cur.year, cur.template,
           cur.synthetic, cur.checks_failed, cur.conflict,
           cur.t3_new_received__total IS NULL AS received_blank,
           CASE WHEN ((cur.t3_carried_over__natural_person <> prev.t3_carried_forward__natural_person) IS TRUE)::INTEGER
               + ((cur.t3_carried_over__commercial <> prev.t3_carried_forward__commercial) IS TRUE)::INTEGER
               + ((cur.t3_carried_over__research <> prev.t3_carried_forward__research) IS TRUE)::INTEGER
               + ((cur.t3_carried_over__social_org <> prev.t3_carried_forward__social_org) IS TRUE)::INTEGER
               + ((cur.t3_carried_over__legal_service <> prev.t3_carried_forward__legal_service) IS TRUE)::INTEGER
               + ((cur.t3_carried_over__other_org <> prev.t3_carried_forward__other_org) IS TRUE)::INTEGER
               + ((cur.t3_carried_over__total <> prev.t3_carried_forward__total) IS TRUE)::INTEGER > 0 THEN true
                WHEN coalesce(cur.t3_carried_over__natural_person + prev.t3_carried_forward__natural_person,
                              cur.t3_carried_over__commercial + prev.t3_carried_forward__commercial,
                              cur.t3_carried_over__research + prev.t3_carried_forward__research,
                              cur.t3_carried_over__social_org + prev.t3_carried_forward__social_org,
                              cur.t3_carried_over__legal_service + prev.t3_carried_forward__legal_service,
                              cur.t3_carried_over__other_org + prev.t3_carried_forward__other_org,
                              cur.t3_carried_over__total + prev.t3_carried_forward__total) IS NOT NULL THEN false
           END AS carry_over_break,
           coalesce(cur.active AND cur.tables_hash = prev.tables_hash, false)
               AS tables_repeat_last_year
    FROM r cur
    LEFT JOIN r prev ON prev.agency_id = cur.agency_id AND prev.year = cur.year - 1
    WHERE cur.year >= $year_from
)
SELECT *,
       (checks_failed > 0)::INTEGER + conflict::INTEGER + received_blank::INTEGER
       + coalesce(carry_over_break, false)::INTEGER + tables_repeat_last_year::INTEGER AS issues,
       coalesce(nullif(concat_ws('；',
           CASE WHEN synthetic THEN '示例数据，虚构' END,
           CASE WHEN checks_failed > 0 THEN '表内校验未通过' || checks_failed || '项' END,
           CASE WHEN conflict THEN '同年另有数字不同的版本' END,
           CASE WHEN received_blank THEN '本年新收申请数空白' END,
           CASE WHEN carry_over_break THEN '上年结转与上年报告的结转下年度不一致' END,
           CASE WHEN tables_repeat_last_year THEN '表格数字与上年完全相同' END), ''), '未发现数据问题') AS caveat
FROM flags
ORDER BY issues DESC, agency_id, year;
