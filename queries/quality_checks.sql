-- quality_checks: reports in scope that failed a consistency check (R1–R5) or conflict with another source.
-- Returns: report_id, agency_id, agency, district, bureau, year, template, synthetic, checks_failed,
--   checks_run (checks made, passed or failed), failed_rules (e.g. 'R1,R3'), conflict (another source for the same
--   agency and year prints different numbers), reports_in_scope (all reports the filters select, listed or
--   not). Only reports with a failed check or a conflict are listed, most failures first.
-- Parameters: the dashboard filters $year_from $year_to $provinces $cities $districts $bureaus $agency_ids $templates $dataset $scope.
WITH r AS (
    SELECT r.report_id, r.agency_id, r.agency, r.district, r.bureau, r.year, r.template, r.synthetic,
           r.checks_failed, r.conflict, count(*) OVER () AS reports_in_scope
    FROM in_view($year_from, $year_to, $provinces, $cities, $districts, $bureaus, $agency_ids, $templates, $dataset, 'any') r
),
c AS (  -- `checks` holds the failed checks; reports.checks_run counts them all
    SELECT rp.report_id, rp.checks_run,
           string_agg(DISTINCT k.rule, ',' ORDER BY k.rule) FILTER (WHERE NOT k.ok) AS failed_rules
    FROM reports rp
    LEFT JOIN checks k USING (report_id)
    WHERE rp.report_id IN (SELECT report_id FROM r WHERE checks_failed > 0 OR conflict)
    GROUP BY rp.report_id, rp.checks_run
)
SELECT r.report_id, r.agency_id, r.agency, r.district, r.bureau, r.year, r.template, r.synthetic,
       r.checks_failed, coalesce(c.checks_run, 0) AS checks_run, c.failed_rules, r.conflict, r.reports_in_scope
FROM r LEFT JOIN c USING (report_id)
WHERE r.checks_failed > 0 OR r.conflict
ORDER BY r.checks_failed DESC, r.district NULLS LAST, r.agency, r.year;
