-- rankings: agencies ranked within each year by one measure, every row with its data-quality caveat.
-- Returns: year, rank (1 = highest, or lowest when $ascending; ties share a rank; an agency whose value is
--   blank or undefined, e.g. a rate over 0 cases, is not ranked and not listed),
--   agency_id, agency, district, bureau, metric, value, denominator (for rates: the count they divide by),
--   synthetic, checks_failed, conflict, received_blank, carry_over_break, tables_repeat_last_year, issues,
--   caveat (as in data_quality, plus 分母小于5，比率不稳定 for a rate over fewer than 5 cases).
--   Only the first $limit ranks of each year. Measures (all comparable across 2020→2021):
--   received (本年新收), open_rate ((予以公开+部分公开)/（七）总计), refusal_rate (1 − open_rate, of processed),
--   reviews (行政复议 总计), review_correction_rate (纠正 / (维持+纠正+其他)), suits (行政诉讼 总计, both kinds).
-- Parameters: $metric, $ascending (BOOLEAN), $limit (INTEGER), and the dashboard filters
--   $year_from $year_to $districts $bureaus $agency_ids $templates $include_synthetic.
WITH r AS (
    SELECT r.agency_id, r.agency, r.district, r.bureau, r.year, r.synthetic, r.checks_failed, r.conflict,
           r.t3_new_received__total, COLUMNS('^t3_carried_(over|forward)__'),
           r.t3_granted__total, r.t3_partially_granted__total, r.t3_total_processed__total,
           r.t4_review__upheld, r.t4_review__corrected, r.t4_review__other, r.t4_review__total,
           r.t4_suit_direct__total, r.t4_suit_after_review__total,
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
      AND r.agency_id IS NOT NULL
),
measured AS (
    SELECT cur.*,
           CASE $metric
               WHEN 'received' THEN cur.t3_new_received__total
               WHEN 'open_rate' THEN list_sum([cur.t3_granted__total, cur.t3_partially_granted__total])
                                     / nullif(cur.t3_total_processed__total, 0)
               WHEN 'refusal_rate' THEN 1 - list_sum([cur.t3_granted__total, cur.t3_partially_granted__total])
                                        / nullif(cur.t3_total_processed__total, 0)
               WHEN 'reviews' THEN cur.t4_review__total
               WHEN 'review_correction_rate' THEN cur.t4_review__corrected
                   / nullif(list_sum([cur.t4_review__upheld, cur.t4_review__corrected, cur.t4_review__other]), 0)
               WHEN 'suits' THEN list_sum([cur.t4_suit_direct__total, cur.t4_suit_after_review__total])
               ELSE error('unknown $metric: ' || $metric
                          || ' (received, open_rate, refusal_rate, reviews, review_correction_rate, suits)')
           END AS value,
           CASE $metric
               WHEN 'open_rate' THEN cur.t3_total_processed__total
               WHEN 'refusal_rate' THEN cur.t3_total_processed__total
               WHEN 'review_correction_rate'
                   THEN list_sum([cur.t4_review__upheld, cur.t4_review__corrected, cur.t4_review__other])
           END AS denominator,
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
),
ranked AS (
    SELECT *, rank() OVER (PARTITION BY year ORDER BY CASE WHEN $ascending THEN value ELSE -value END) AS rank
    FROM measured
    WHERE value IS NOT NULL
)
SELECT year, rank, agency_id, agency, district, bureau, $metric AS metric, value, denominator, synthetic,
       checks_failed, conflict, received_blank, carry_over_break, tables_repeat_last_year,
       (checks_failed > 0)::INTEGER + conflict::INTEGER + received_blank::INTEGER
       + coalesce(carry_over_break, false)::INTEGER + tables_repeat_last_year::INTEGER AS issues,
       coalesce(nullif(concat_ws('；',
           CASE WHEN synthetic THEN '示例数据，虚构' END,
           CASE WHEN checks_failed > 0 THEN '表内校验未通过' || checks_failed || '项' END,
           CASE WHEN conflict THEN '同年另有数字不同的版本' END,
           CASE WHEN received_blank THEN '本年新收申请数空白' END,
           CASE WHEN carry_over_break THEN '上年结转与上年报告的结转下年度不一致' END,
           CASE WHEN tables_repeat_last_year THEN '表格数字与上年完全相同' END,
           CASE WHEN denominator < 5 THEN '分母小于5，比率不稳定' END), ''), '未发现数据问题') AS caveat
FROM ranked
WHERE rank <= $limit
ORDER BY year, rank, agency;
