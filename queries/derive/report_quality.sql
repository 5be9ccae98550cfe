-- report_quality: the data-quality flags of every current report against its agency's current report of the
-- year before (X1 carry-over, X5 repeated tables, the 现行有效件数 items in_force_drift lists) and against its own
-- text (X3: the applications the text says were received against table 三), computed again whole (which report
-- is current can change with any write; about 0.1 s at 10^5 reports). Filled before current_reports, which
-- carries the flags. A carry-over column counts as differing only when printed in both years: blank
-- is not 0.
-- Parameters: none.
DELETE FROM report_quality;
INSERT INTO report_quality BY NAME
WITH r AS (
    SELECT r.report_id, r.agency_id, r.year, r.template, r.synthetic, r.checks_failed, r.conflict,
           len(list_filter(coalesce(r.warnings, []), lambda w: w LIKE '%由文字识别（OCR%')) > 0 AS ocr,
           f.t3_new_received__total, COLUMNS('^t3_carried_(over|forward)__'),
           f.t2_regulations__in_force, f.t2_normative_documents__in_force, f.t2_regulations__issued,
           f.t2_regulations__repealed, f.t2_normative_documents__issued, f.t2_normative_documents__repealed,
           list_sum([f.t3_new_received__total, f.t4_review__total, f.t4_suit_direct__total,
                     f.t4_suit_after_review__total, f.t2_licensing__decisions, f.t2_penalty__decisions,
                     f.t2_coercion__decisions]) > 0 AS active,
           d.tables_hash, d.text_chars, d.text_fingerprint
    FROM reports r
    JOIN facts f ON f.report_id = r.report_id
    LEFT JOIN report_derived d ON d.report_id = r.report_id
    WHERE r.is_current
),
said AS (
    SELECT report_id, any_value(value) AS narrative_received
    FROM narrative
    WHERE key = 'applications_received'
    GROUP BY report_id
),
flags AS (
    SELECT cur.report_id, prev.report_id AS prev_report_id, prev.synthetic AS prev_synthetic,
           prev.t3_carried_forward__total AS prev_carried_forward, prev.template AS prev_template,
           prev.t2_regulations__in_force AS prev_regulations_in_force,
           prev.t2_normative_documents__in_force AS prev_normative_documents_in_force,
           cur.synthetic, cur.checks_failed, cur.conflict, cur.ocr,
           cur.t3_new_received__total IS NULL AS received_blank,
           CASE WHEN prev.report_id IS NOT NULL THEN
                 ((cur.t3_carried_over__natural_person <> prev.t3_carried_forward__natural_person) IS TRUE)::INTEGER
               + ((cur.t3_carried_over__commercial <> prev.t3_carried_forward__commercial) IS TRUE)::INTEGER
               + ((cur.t3_carried_over__research <> prev.t3_carried_forward__research) IS TRUE)::INTEGER
               + ((cur.t3_carried_over__social_org <> prev.t3_carried_forward__social_org) IS TRUE)::INTEGER
               + ((cur.t3_carried_over__legal_service <> prev.t3_carried_forward__legal_service) IS TRUE)::INTEGER
               + ((cur.t3_carried_over__other_org <> prev.t3_carried_forward__other_org) IS TRUE)::INTEGER
               + ((cur.t3_carried_over__total <> prev.t3_carried_forward__total) IS TRUE)::INTEGER
           END AS carry_over_columns_differing,
           CASE WHEN carry_over_columns_differing > 0 THEN true
                WHEN coalesce(cur.t3_carried_over__natural_person + prev.t3_carried_forward__natural_person,
                              cur.t3_carried_over__commercial + prev.t3_carried_forward__commercial,
                              cur.t3_carried_over__research + prev.t3_carried_forward__research,
                              cur.t3_carried_over__social_org + prev.t3_carried_forward__social_org,
                              cur.t3_carried_over__legal_service + prev.t3_carried_forward__legal_service,
                              cur.t3_carried_over__other_org + prev.t3_carried_forward__other_org,
                              cur.t3_carried_over__total + prev.t3_carried_forward__total) IS NOT NULL THEN false
           END AS carry_over_break,
           coalesce(cur.active AND cur.tables_hash = prev.tables_hash, false) AS tables_repeat_last_year,
           CASE WHEN cur.text_chars >= 100 AND prev.text_chars >= 100
                THEN cur.text_fingerprint = prev.text_fingerprint END AS text_repeat_last_year,
           said.narrative_received,
           said.narrative_received <> cur.t3_new_received__total AS narrative_mismatch,
           CASE WHEN cur.template = '2021' AND prev.template = '2021' THEN  -- as in_force_drift computes drift
                 ((cur.t2_regulations__in_force - (prev.t2_regulations__in_force + cur.t2_regulations__issued
                   - cur.t2_regulations__repealed) <> 0) IS TRUE)::INTEGER
               + ((cur.t2_normative_documents__in_force - (prev.t2_normative_documents__in_force
                   + cur.t2_normative_documents__issued - cur.t2_normative_documents__repealed) <> 0) IS TRUE)::INTEGER
                ELSE 0 END AS in_force_drift_items
    FROM r cur
    LEFT JOIN r prev ON prev.agency_id = cur.agency_id AND prev.year = cur.year - 1
    LEFT JOIN said ON said.report_id = cur.report_id
)
SELECT report_id, prev_report_id, prev_synthetic, prev_carried_forward, prev_template, prev_regulations_in_force,
       prev_normative_documents_in_force, received_blank,
       carry_over_columns_differing, carry_over_break,
       tables_repeat_last_year, text_repeat_last_year, narrative_received, narrative_mismatch,
       in_force_drift_items, ocr,
       (checks_failed > 0)::INTEGER + conflict::INTEGER + received_blank::INTEGER
       + coalesce(carry_over_break, false)::INTEGER + tables_repeat_last_year::INTEGER
       + coalesce(narrative_mismatch, false)::INTEGER + ocr::INTEGER AS issues,
       coalesce(nullif(concat_ws('；',
           CASE WHEN synthetic THEN '示例数据，虚构' END,
           CASE WHEN ocr THEN '文字和数字经文字识别（OCR）读出，可能有误' END,
           CASE WHEN checks_failed > 0 THEN '表内校验未通过' || checks_failed || '项' END,
           CASE WHEN conflict THEN '同年另有数字不同的版本' END,
           CASE WHEN received_blank THEN '本年新收申请数空白' END,
           CASE WHEN carry_over_break THEN '上年结转与上年报告的结转下年度不一致' END,
           CASE WHEN tables_repeat_last_year THEN '表格数字与上年完全相同' END,
           CASE WHEN narrative_mismatch THEN '正文所述收到申请数与表三不一致' END), ''), '未发现数据问题') AS caveat
FROM flags
