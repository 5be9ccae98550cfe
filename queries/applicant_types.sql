-- applicant_types: who applied — new and carried-over applications by applicant type, per year and group.
-- Returns: year, group_key, applicant (natural_person | commercial | research | social_org | legal_service |
--   other_org), applicant_label (自然人, 商业企业, 科研机构, 社会公益组织, 法律服务机构, 其他), new_received,
--   carried_over, share (new_received / Σ new_received of the six types), reports_printed (reports printing a
--   number in this applicant's 本年新收 cell), reports, synthetic_reports. Comparable across 2020→2021.
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
    WHERE r.counts_t3  -- table 三 counts in the chosen scope
),
types(applicant, applicant_label, applicant_order) AS (
    VALUES ('natural_person', '自然人', 1), ('commercial', '商业企业', 2), ('research', '科研机构', 3),
           ('social_org', '社会公益组织', 4), ('legal_service', '法律服务机构', 5), ('other_org', '其他', 6)
),
agg AS (
    SELECT year, group_key, count(*) AS reports, count(*) FILTER (WHERE synthetic) AS synthetic_reports,
           {'v': sum(COLUMNS('^t3_(new_received|carried_over)__(natural_person|commercial|research|social_org|legal_service|other_org)$')),
            'n': count(COLUMNS('^t3_(new_received|carried_over)__(natural_person|commercial|research|social_org|legal_service|other_org)$'))}
    FROM r
    GROUP BY year, group_key
),
long AS (
    UNPIVOT agg ON COLUMNS('^t3_') INTO NAME col VALUE s
),
wide AS (
    SELECT l.year, l.group_key, t.applicant, t.applicant_label, t.applicant_order, l.reports, l.synthetic_reports,
           max(l.s.v) FILTER (WHERE l.col LIKE 't3_new_received__%') AS new_received,
           max(l.s.v) FILTER (WHERE l.col LIKE 't3_carried_over__%') AS carried_over,
           max(l.s.n) FILTER (WHERE l.col LIKE 't3_new_received__%') AS reports_printed
    FROM long l
    JOIN types t ON l.col IN ('t3_new_received__' || t.applicant, 't3_carried_over__' || t.applicant)
    GROUP BY ALL
)
SELECT year, group_key, applicant, applicant_label, new_received, carried_over,
       new_received / nullif(sum(new_received) OVER (PARTITION BY year, group_key), 0) AS share,
       reports_printed, reports, synthetic_reports
FROM wide
ORDER BY year, group_key, applicant_order;
