-- compare: two sides side by side per year — agency vs agency, agency vs its peers, or district vs district.
-- Returns: year, side ('A' | 'B'), side_label, reports, agencies, received, received_per_agency, processed,
--   open_rate, zero_agencies (printed 0 received), zero_share (of agencies printing the cell), reviews,
--   review_correction_rate (纠正 / (维持+纠正+其他)), suits, suits_per_100_applications, synthetic_reports.
--   All measures are table 三 totals and table 四: comparable across 2020→2021. An agency has one current
--   report a year, so agencies per year are counted as reports with an agency.
--   $mode 'agencies': A = $agency_a, B = $agency_b. 'peers': A = $agency_a, B = agencies of the same bureau type
--   in other districts. 'districts': A = $district_a, B = $district_b (narrowed by $bureaus when given; a district
--   named as the sidebar offers it: 明湖区, or 南京市·鼓楼区 where the name repeats, as in_view matches it).
-- Parameters: $mode, $agency_a, $agency_b, $district_a, $district_b (NULL where the mode does not use them), and
--   the filters $year_from $year_to $bureaus $templates $dataset $scope.
WITH me AS (
    SELECT DISTINCT bureau, district FROM agencies WHERE agency_id = $agency_a
),
r AS (
    SELECT r.*,
           CASE $mode
               WHEN 'agencies' THEN CASE WHEN r.agency_id = $agency_a THEN 'A' WHEN r.agency_id = $agency_b THEN 'B' END
               WHEN 'peers' THEN CASE WHEN r.agency_id = $agency_a THEN 'A'
                                      WHEN r.bureau = (SELECT bureau FROM me) AND r.district IS NOT NULL
                                           AND r.district <> coalesce((SELECT district FROM me), '') THEN 'B' END
               WHEN 'districts' THEN CASE WHEN $district_a IN (r.district, r.city || '·' || r.district) THEN 'A'
                                          WHEN $district_b IN (r.district, r.city || '·' || r.district) THEN 'B' END
               ELSE error('unknown $mode: ' || $mode || ' (agencies, peers, districts)')
           END AS side,
           list_sum([r.t4_suit_direct__total, r.t4_suit_after_review__total]) AS suit_total
    FROM in_view($year_from, $year_to, [], [], [], CASE WHEN $mode = 'districts' THEN $bureaus ELSE [] END, [],
                 $templates, $dataset, $scope) r
),
labels AS (
    SELECT 'A' AS side, CASE $mode WHEN 'districts' THEN $district_a
                                   ELSE (SELECT name FROM agencies WHERE agency_id = $agency_a) END AS side_label
    UNION ALL
    SELECT 'B', CASE $mode WHEN 'districts' THEN $district_b
                           WHEN 'agencies' THEN (SELECT name FROM agencies WHERE agency_id = $agency_b)
                           ELSE '同类部门（其他区县）' END
)
SELECT r.year, r.side, any_value(l.side_label) AS side_label,
       count(*) AS reports,
       count(r.agency_id) AS agencies,
       sum(r.t3_new_received__total) AS received,
       sum(r.t3_new_received__total) / nullif(count(r.agency_id) FILTER (WHERE r.t3_new_received__total IS NOT NULL), 0)
           AS received_per_agency,
       sum(r.t3_total_processed__total) AS processed,
       sum(CASE WHEN r.t3_total_processed__total IS NOT NULL
                THEN list_sum([r.t3_granted__total, r.t3_partially_granted__total]) END)
           / nullif(sum(r.t3_total_processed__total), 0) AS open_rate,
       count(r.agency_id) FILTER (WHERE r.t3_new_received__total = 0) AS zero_agencies,
       count(r.agency_id) FILTER (WHERE r.t3_new_received__total = 0)
           / nullif(count(r.agency_id) FILTER (WHERE r.t3_new_received__total IS NOT NULL), 0) AS zero_share,
       sum(r.t4_review__total) AS reviews,
       sum(r.t4_review__corrected)
           / nullif(coalesce(sum(r.t4_review__upheld), 0) + coalesce(sum(r.t4_review__corrected), 0)
                    + coalesce(sum(r.t4_review__other), 0), 0) AS review_correction_rate,
       sum(r.suit_total) AS suits,
       100 * sum(r.suit_total) FILTER (WHERE r.t3_new_received__total IS NOT NULL)
           / nullif(sum(r.t3_new_received__total) FILTER (WHERE r.suit_total IS NOT NULL), 0)
           AS suits_per_100_applications,
       count(*) FILTER (WHERE r.synthetic) AS synthetic_reports
FROM r JOIN labels l USING (side)
WHERE r.side IS NOT NULL
GROUP BY r.year, r.side
ORDER BY r.year, r.side;
