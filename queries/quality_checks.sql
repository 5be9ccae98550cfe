-- quality_checks: reports in scope that failed a consistency check (R1–R5) or conflict with another source.
-- Returns: report_id, agency_id, agency, district, bureau, year, template, synthetic, checks_failed,
--   checks_run (checks made, passed or failed), failed_rules (e.g. 'R1,R3'), conflict (another source for the same
--   agency and year prints different numbers), reports_in_scope (all reports the filters select, listed or
--   not). Only reports with a failed check or a conflict are listed, most failures first.
--   total_rows: the rows of the whole list; only the first $limit are returned (NULL: all, as the downloads
--   take them; a page shows the first few and says how many there are).
-- Parameters: $limit (rows returned, NULL: all), the dashboard filters $year_from $year_to $provinces $cities $districts $bureaus $agency_ids $templates $dataset $scope.
WITH listed AS MATERIALIZED (
    SELECT report_id, agency_id, agency, district, bureau, year, template, synthetic, checks_failed, conflict
    FROM in_view_reports($year_from, $year_to, $provinces, $cities, $districts, $bureaus, $agency_ids, $templates, $dataset, 'any')
    WHERE checks_failed > 0 OR conflict
),
head AS (  -- the rows returned; their checks are looked up for these only
    SELECT * FROM listed ORDER BY checks_failed DESC, district NULLS LAST, agency, year LIMIT $limit
),
c AS (  -- `checks` holds the failed checks; reports.checks_run counts them all
    SELECT rp.report_id, rp.checks_run,
           string_agg(DISTINCT k.rule, ',' ORDER BY k.rule) FILTER (WHERE NOT k.ok) AS failed_rules
    FROM reports rp
    LEFT JOIN checks k USING (report_id)
    WHERE rp.report_id IN (SELECT report_id FROM head)
    GROUP BY rp.report_id, rp.checks_run
)
SELECT h.report_id, h.agency_id, h.agency, h.district, h.bureau, h.year, h.template, h.synthetic,
       h.checks_failed, coalesce(c.checks_run, 0) AS checks_run, c.failed_rules, h.conflict,
       (SELECT count(*)  -- counted apart: the reports in view are never held with their names
        FROM in_view_reports($year_from, $year_to, $provinces, $cities, $districts, $bureaus, $agency_ids, $templates, $dataset, 'any'))
           AS reports_in_scope,
       (SELECT count(*) FROM listed) AS total_rows
FROM head h LEFT JOIN c USING (report_id)
ORDER BY h.checks_failed DESC, h.district NULLS LAST, h.agency, h.year;
