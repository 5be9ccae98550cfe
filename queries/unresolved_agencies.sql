-- unresolved_agencies: agencies the registry could not place in a district, for a person to resolve.
-- Returns: agency_id, agency (the name stored), printed_names (names as the reports print them), aliases,
--   reports (current reports in scope), years (e.g. '2020,2021'), synthetic_reports.
--   total_rows: the rows of the whole list; only the first $limit are returned (NULL: all, as the downloads
--   take them; a page shows the first few and says how many there are).
-- Parameters: $limit (rows returned, NULL: all), the filters $year_from $year_to $templates $dataset (unplaced agencies have no
--   district or bureau to filter by).
WITH r AS (
    SELECT r.agency_id, r.agency_printed, r.year, r.synthetic
    FROM in_view_reports($year_from, $year_to, [], [], [], [], [], $templates, $dataset, 'any') r
),
listed AS (
    SELECT a.agency_id, a.name AS agency,
           string_agg(DISTINCT r.agency_printed, '；') AS printed_names,
           (SELECT string_agg(alias, '；' ORDER BY alias) FROM agency_aliases x WHERE x.agency_id = a.agency_id)
               AS aliases,
           count(r.year) AS reports,
           string_agg(DISTINCT CAST(r.year AS VARCHAR), ',' ORDER BY CAST(r.year AS VARCHAR)) AS years,
           count(*) FILTER (WHERE r.synthetic) AS synthetic_reports
    FROM agencies a
    JOIN r USING (agency_id)
    WHERE NOT a.resolved
    GROUP BY a.agency_id, a.name
)
SELECT listed.*, n.total_rows
FROM listed, (SELECT count(*) AS total_rows FROM listed) n
ORDER BY reports DESC, agency
LIMIT $limit;
