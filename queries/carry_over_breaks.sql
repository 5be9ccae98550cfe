-- carry_over_breaks: this year's 二、上年结转 against the same agency's 四、结转下年度 of the year before (check X1).
-- Returns: agency_id, agency, district, bureau, year, report_id, prev_report_id, carried_over (this year, 总计),
--   prev_carried_forward (last year, 总计), difference (carried_over − prev_carried_forward, 总计),
--   columns_differing (of the 7 columns — six applicant types and 总计 — those printed in both years that
--   differ), is_break (columns_differing > 0; NULL when no column is printed in both years: blank is not 0),
--   synthetic (either report synthetic), pairs_compared (agency-years in scope with a report the year before
--   and at least one column printed in both). Only the breaks (is_break true) are listed, largest first.
--   The earlier year is read even when it lies before $year_from. Comparable across 2020→2021.
-- Parameters: the dashboard filters $year_from $year_to $districts $bureaus $agency_ids $templates $include_synthetic.
WITH r AS (
    SELECT r.agency_id, r.agency, r.district, r.bureau, r.year, r.report_id, r.synthetic,
           COLUMNS('^t3_carried_(over|forward)__')
    FROM current_reports r
    WHERE r.year BETWEEN $year_from - 1 AND $year_to
      AND (len($districts) = 0 OR list_contains($districts, r.district))
      AND (len($bureaus) = 0 OR list_contains($bureaus, r.bureau))
      AND (len($agency_ids) = 0 OR list_contains($agency_ids, r.agency_id))
      AND (len($templates) = 0 OR list_contains($templates, r.template))
      AND ($include_synthetic OR NOT r.synthetic)
      AND r.agency_id IS NOT NULL
)
SELECT cur.agency_id, cur.agency, cur.district, cur.bureau, cur.year, cur.report_id,
       prev.report_id AS prev_report_id,
       cur.t3_carried_over__total AS carried_over,
       prev.t3_carried_forward__total AS prev_carried_forward,
       cur.t3_carried_over__total - prev.t3_carried_forward__total AS difference,
       ((cur.t3_carried_over__natural_person <> prev.t3_carried_forward__natural_person) IS TRUE)::INTEGER
       + ((cur.t3_carried_over__commercial <> prev.t3_carried_forward__commercial) IS TRUE)::INTEGER
       + ((cur.t3_carried_over__research <> prev.t3_carried_forward__research) IS TRUE)::INTEGER
       + ((cur.t3_carried_over__social_org <> prev.t3_carried_forward__social_org) IS TRUE)::INTEGER
       + ((cur.t3_carried_over__legal_service <> prev.t3_carried_forward__legal_service) IS TRUE)::INTEGER
       + ((cur.t3_carried_over__other_org <> prev.t3_carried_forward__other_org) IS TRUE)::INTEGER
       + ((cur.t3_carried_over__total <> prev.t3_carried_forward__total) IS TRUE)::INTEGER AS columns_differing,
       CASE WHEN columns_differing > 0 THEN true
            WHEN coalesce(cur.t3_carried_over__natural_person + prev.t3_carried_forward__natural_person,
                          cur.t3_carried_over__commercial + prev.t3_carried_forward__commercial,
                          cur.t3_carried_over__research + prev.t3_carried_forward__research,
                          cur.t3_carried_over__social_org + prev.t3_carried_forward__social_org,
                          cur.t3_carried_over__legal_service + prev.t3_carried_forward__legal_service,
                          cur.t3_carried_over__other_org + prev.t3_carried_forward__other_org,
                          cur.t3_carried_over__total + prev.t3_carried_forward__total) IS NOT NULL THEN false
       END AS is_break,
       cur.synthetic OR prev.synthetic AS synthetic,
       count(is_break) OVER () AS pairs_compared
FROM r cur
JOIN r prev ON prev.agency_id = cur.agency_id AND prev.year = cur.year - 1
WHERE cur.year >= $year_from
QUALIFY is_break
ORDER BY abs(difference) DESC NULLS LAST, columns_differing DESC, cur.agency, cur.year;
