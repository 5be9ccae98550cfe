-- agency_profile: one agency's current reports over the years, with its main numbers.
-- Returns: year, report_id, agency_id, agency, district, bureau, template, synthetic, received, carried_over,
--   processed, granted, partially_granted, open_rate, carried_forward, reviews, review_corrected, suits,
--   licensing_decisions, penalty_decisions, coercion_decisions (comparable across 2020→2021),
--   proactive_items (主动公开 N 条 as stated in the text), checks_failed, conflict, scope_table2, scope_table3,
--   scope_table4 (whose numbers each table counts: agency | region | NULL when not printed), published_date,
--   published_source (web | text | metadata), publish_deadline, days_late, on_time (NULL: date unknown),
--   placed_by (what placed the agency in its region: name | portal | NULL when not placed) and placement_note
--   (for a portal: the site's host and the name as printed).
-- Parameters: $agency_id, and the filters $year_from $year_to $templates $dataset (district, bureau
--   and agency filters do not apply: the agency is given).
SELECT r.year, r.report_id, r.agency_id, r.agency, r.district, r.bureau, r.template, r.synthetic,
       r.t3_new_received__total AS received,
       r.t3_carried_over__total AS carried_over,
       r.t3_total_processed__total AS processed,
       r.t3_granted__total AS granted,
       r.t3_partially_granted__total AS partially_granted,
       list_sum([r.t3_granted__total, r.t3_partially_granted__total]) / nullif(r.t3_total_processed__total, 0)
           AS open_rate,
       r.t3_carried_forward__total AS carried_forward,
       r.t4_review__total AS reviews,
       r.t4_review__corrected AS review_corrected,
       list_sum([r.t4_suit_direct__total, r.t4_suit_after_review__total]) AS suits,
       r.t2_licensing__decisions AS licensing_decisions,
       r.t2_penalty__decisions AS penalty_decisions,
       r.t2_coercion__decisions AS coercion_decisions,
       n.value AS proactive_items,
       r.checks_failed, r.conflict, r.scope_table2, r.scope_table3, r.scope_table4,
       r.published_date, r.published_source, r.publish_deadline, r.days_late, r.on_time,
       a.placed_by, CASE WHEN a.placed_by = 'portal' THEN a.note END AS placement_note
FROM in_view($year_from, $year_to, [], [], [], [], [$agency_id], $templates, $dataset, 'any') r
LEFT JOIN narrative n ON n.report_id = r.report_id AND n.key = 'proactive_items'
LEFT JOIN agencies a ON a.agency_id = r.agency_id
ORDER BY r.year;
