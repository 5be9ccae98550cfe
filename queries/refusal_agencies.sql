-- refusal_agencies: from one reason for not (fully) granting an application (a row of table 三, e.g.
--   unavailable_not_held 本机关不掌握相关政府信息) to the agencies that give it most, over the filtered years.
-- Returns: agency_id, agency, district, bureau, reports (reports in range), reports_with_reason (reports printing
--   a count > 0 for the reason), count (Σ the reason's 总计 column; blank cells add nothing), processed (Σ （七）
--   总计 of the reports printing the reason's cell: the base), share = count / processed (NULL without a base),
--   share_of_reason (the agency's count / all agencies' count of the reason), synthetic_reports. Only agencies
--   with count > 0; ordered by count, largest first.
--   total_rows: the rows of the whole list; only the first $limit are returned (NULL: all, as the downloads
--   take them; a page shows the first few and says how many there are).
-- Parameters: $limit (rows returned, NULL: all), $reason (a reason key as refusal_reasons returns it: denied_state_secret … other_misc;
--   xxgk.queries refuses any other), and the
--   dashboard filters $year_from $year_to $provinces $cities $districts $bureaus $agency_ids $templates $dataset $scope.
WITH r AS (
    -- only the reason's column and （七）总计 of table 三 (a pattern must match a column of tables 二 and 四 too)
    SELECT r.*, COLUMNS(columns_re(['t3_' || $reason || '__total'])) AS n
    FROM in_view_of($year_from, $year_to, $provinces, $cities, $districts, $bureaus, $agency_ids, $templates, $dataset,
                    $scope, '^t2_regulations__new_made$',
                    columns_re(['t3_total_processed__total', 't3_' || $reason || '__total']), '^t4_review__total$') r
),
picked AS (
    SELECT agency_id, coalesce(agency, agency_printed, '（未识别机关）') AS agency, district, bureau, synthetic,
           t3_total_processed__total AS processed, n
    FROM r
    WHERE n IS NOT NULL  -- the reports printing the reason's cell
),
totals AS (
    SELECT agency_id, count(*) AS reports FROM r GROUP BY agency_id
),
g AS (
    SELECT agency_id, any_value(agency) AS agency, any_value(district) AS district, any_value(bureau) AS bureau,
           count(*) FILTER (WHERE n > 0) AS reports_with_reason, sum(n) AS count,
           sum(processed) FILTER (WHERE processed IS NOT NULL) AS processed,
           count(*) FILTER (WHERE synthetic) AS synthetic_reports
    FROM picked
    GROUP BY agency_id
),
listed AS (
    SELECT g.agency_id, g.agency, g.district, g.bureau, t.reports, g.reports_with_reason, g.count, g.processed,
           g.count / nullif(g.processed, 0) AS share, g.count / nullif(sum(g.count) OVER (), 0) AS share_of_reason,
           g.synthetic_reports
    FROM g JOIN totals t ON g.agency_id IS NOT DISTINCT FROM t.agency_id
    WHERE g.count > 0
)
SELECT listed.*, n.total_rows
FROM listed, (SELECT count(*) AS total_rows FROM listed) n
ORDER BY count DESC, agency
LIMIT $limit;
