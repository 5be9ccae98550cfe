-- rankings: agencies ranked within each year by one measure, every row with its data-quality caveat.
-- Returns: year, rank (1 = highest, or lowest when $ascending; ties share a rank; an agency whose value is
--   blank or undefined, e.g. a rate over 0 cases, is not ranked and not listed),
--   agency_id, agency, district, bureau, metric, value, denominator (for rates: the count they divide by),
--   synthetic, checks_failed, conflict, received_blank, carry_over_break, tables_repeat_last_year,
--   narrative_mismatch, issues,
--   caveat (as in data_quality, plus 分母小于5，比率不稳定 for a rate over fewer than 5 cases);
--   the flags are read from report_quality, as data_quality reads them.
--   Only the first $limit ranks of each year. Measures (all comparable across 2020→2021):
--   received (本年新收), open_rate ((予以公开+部分公开)/（七）总计), refusal_rate (1 − open_rate, of processed),
--   reviews (行政复议 总计), review_correction_rate (纠正 / (维持+纠正+其他)), suits (行政诉讼 总计, both kinds).
-- Parameters: $metric, $ascending (BOOLEAN), $limit (INTEGER), and the dashboard filters
--   $year_from $year_to $provinces $cities $districts $bureaus $agency_ids $templates $dataset $scope.
WITH measured AS MATERIALIZED (  -- numbers only: the names of the few rows ranked are read at the end
    SELECT cur.agency_id, cur.year, cur.synthetic, cur.checks_failed, cur.conflict,
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
           cur.report_id
    -- only the numbers the measures read: no measure reads table 二 (a pattern must match one of its columns)
    FROM in_view_of($year_from, $year_to, $provinces, $cities, $districts, $bureaus, $agency_ids, $templates, $dataset,
                    $scope, '^t2_regulations__new_made$',
                    '^t3_(new_received|granted|partially_granted|total_processed)__total$',
                    '^t4_(review__(total|upheld|corrected|other)|suit_(direct|after_review)__total)$') cur
    WHERE cur.agency_id IS NOT NULL
),
keyed AS (  -- the key ranks ascend by
    SELECT *, CASE WHEN $ascending THEN value ELSE -value END AS rank_key FROM measured WHERE value IS NOT NULL
),
cut AS (  -- each year's $limit-th key: a row ranked within $limit has a key no greater (ties share a rank);
         -- min_by takes fewer than 10^6: a larger $limit keeps every row
    SELECT year, CASE WHEN $limit < 999999 THEN list_max(min_by(rank_key, rank_key, least($limit, 999999)))
                      ELSE max(rank_key) END AS last_key
    FROM keyed GROUP BY year
),
ranked AS (  -- ranked among the rows up to the cut, which hold every row ranked before them: the ranks are exact
    SELECT k.*, rank() OVER (PARTITION BY k.year ORDER BY k.rank_key) AS rank
    FROM keyed k JOIN cut USING (year)
    WHERE k.rank_key <= cut.last_key
    QUALIFY rank <= $limit
)
-- the names and flags of the listed reports only, read after ranking
SELECT year, rank, agency_id, a.name AS agency, a.district, a.bureau, $metric AS metric, value, denominator, synthetic,
       checks_failed, conflict, q.received_blank, q.carry_over_break, q.tables_repeat_last_year, q.narrative_mismatch,
       q.issues,
       coalesce(nullif(concat_ws('；',
           nullif(q.caveat, '未发现数据问题'),
           CASE WHEN denominator < 5 THEN '分母小于5，比率不稳定' END), ''), '未发现数据问题') AS caveat
FROM ranked
JOIN agencies a USING (agency_id)
JOIN report_quality q ON q.report_id = ranked.report_id
ORDER BY year, rank, agency;
