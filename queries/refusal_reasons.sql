-- refusal_reasons: why applications were not (fully) granted — every reason row of table 三, ranked.
-- Returns: rank, reason (table 三 row key), group_label (不予公开 | 无法提供 | 不予处理 | 其他处理), reason_label,
--   count (Σ 总计 column over the reports in scope), reports_with_reason (reports printing a count > 0),
--   share (count / Σ count of all reasons), template_scope ('both'; '2019' for the single （六） row of the
--   2019 template; '2021' for the three （六） detail rows that exist only from 2021), synthetic_reports.
--   Reasons are summed over the whole filtered range (not per year); blank cells add nothing.
-- Parameters: the dashboard filters $year_from $year_to $provinces $cities $districts $bureaus $agency_ids $templates $dataset $scope.
WITH r AS (
    SELECT r.*
    FROM in_view($year_from, $year_to, $provinces, $cities, $districts, $bureaus, $agency_ids, $templates, $dataset, $scope) r
    WHERE r.counts_t3  -- table 三 counts in the chosen scope
),
agg AS (
    SELECT count(*) FILTER (WHERE synthetic) AS synthetic_reports,
           {'v': sum(COLUMNS('^t3_(denied|unavailable|not_processed|other)[a-z_]*__total$')),
            'n': sum((COLUMNS('^t3_(denied|unavailable|not_processed|other)[a-z_]*__total$') > 0)::INTEGER)}
    FROM r
),
long AS (
    UNPIVOT agg ON COLUMNS('^t3_') INTO NAME col VALUE s
),
reasons(reason, group_label, reason_label, template_scope, reason_order) AS (
    VALUES
    ('denied_state_secret', '不予公开', '属于国家秘密', 'both', 1),
    ('denied_law_prohibited', '不予公开', '其他法律行政法规禁止公开', 'both', 2),
    ('denied_security_stability', '不予公开', '危及“三安全一稳定”', 'both', 3),
    ('denied_third_party', '不予公开', '保护第三方合法权益', 'both', 4),
    ('denied_internal_affairs', '不予公开', '属于三类内部事务信息', 'both', 5),
    ('denied_process_info', '不予公开', '属于四类过程性信息', 'both', 6),
    ('denied_enforcement_file', '不予公开', '属于行政执法案卷', 'both', 7),
    ('denied_admin_query', '不予公开', '属于行政查询事项', 'both', 8),
    ('unavailable_not_held', '无法提供', '本机关不掌握相关政府信息', 'both', 9),
    ('unavailable_needs_creation', '无法提供', '没有现成信息需要另行制作', 'both', 10),
    ('unavailable_unclear', '无法提供', '补正后申请内容仍不明确', 'both', 11),
    ('not_processed_petition', '不予处理', '信访举报投诉类申请', 'both', 12),
    ('not_processed_duplicate', '不予处理', '重复申请', 'both', 13),
    ('not_processed_publication', '不予处理', '要求提供公开出版物', 'both', 14),
    ('not_processed_mass_repeat', '不予处理', '无正当理由大量反复申请', 'both', 15),
    ('not_processed_confirmation', '不予处理', '要求行政机关确认或重新出具已获取信息', 'both', 16),
    ('other', '其他处理', '其他处理（未分项）', '2019', 17),
    ('other_no_correction', '其他处理', '申请人逾期不补正', '2021', 18),
    ('other_no_fee', '其他处理', '申请人逾期未缴纳信息处理费', '2021', 19),
    ('other_misc', '其他处理', '其他', '2021', 20)
),
joined AS (
    SELECT x.reason, x.group_label, x.reason_label, coalesce(l.s.v, 0) AS count,
           coalesce(l.s.n, 0)::BIGINT AS reports_with_reason, x.template_scope, l.synthetic_reports, x.reason_order
    FROM reasons x
    JOIN long l ON l.col = 't3_' || x.reason || '__total'
)
SELECT row_number() OVER (ORDER BY count DESC, reason_order) AS rank,
       reason, group_label, reason_label, count, reports_with_reason,
       count / nullif(sum(count) OVER (), 0) AS share, template_scope, synthetic_reports
FROM joined
ORDER BY rank;
