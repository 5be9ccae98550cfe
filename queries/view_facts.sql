-- view_facts: the filtered facts every dashboard aggregate is built from (xxgk.metrics, in Polars), summed over
--   reports alike: one row per year, synthetic and combination of the keys asked for, holding `reports` (how many
--   current reports the sidebar's filters leave in view fall in the row), the sum and the count of printing reports
--   of each number asked for, and nothing else. What a page waits for is then a few thousand rows at most, not
--   one row per report; Polars builds every aggregate from these sums exactly as from the reports themselves.
-- Returns: year, then the columns named in $keys (synthetic first, the others in the facts' order), `<c>__sign` for each
--   column c named in $signs (sign(c): -1, 0, 1, NULL where blank; a row's reports share it, so "printed",
--   "is 0" and "> 0" are known per row), reports, for each column c named in $sums: c (Σ of the printed numbers,
--   NULL when no report of the row prints one), and for each column c named in $counts: `<c>__n` (how many
--   reports of the row print it).
--   Keys: template, counts_t2, counts_t3, counts_t4 (which tables count in the chosen scope; a table that does not
--   count has NULL numbers), agency_id, agency_name (the registry's name, else the name the report prints),
--   province, city, district, township, bureau, on_time, days_late (publication), all_zero (report_derived: every
--   printed number of tables 二–四 is 0), first_of_agency (the agency's first report year in view: counts each
--   agency once). Sums: the facts columns (t2_*, t3_*, t4_*), proactive_items (the narrative's 主动公开政府信息 N
--   条), checks_failed. Signs: any facts column, checks_failed, agency_id. all_zero and proactive_items are columns
--   of current_reports (filled from report_derived and narrative when it is derived).
-- Parameters: $keys, $sums, $signs, $counts (VARCHAR[]; a name that is no such column is ignored; synthetic is
--   always a key, checks_failed always summed, year__sign and year__n always there; year is never a key: it is
--   always the first column), and the dashboard filters
--   $year_from $year_to $provinces $cities $districts $bureaus $agency_ids $templates $dataset $scope.
-- Columns are picked by pattern (columns_re, table_columns_re), never by a lambda over every column name: with
--   ~270 columns, planning the query took longer than reading the rows. v is not materialized: the branch of r
--   whose condition is false is dropped when the query is planned.
WITH v AS (
    SELECT report_id, year,
           COLUMNS(columns_re(['agency_id', 'synthetic', 'checks_failed'] || $keys || $sums || $signs
                                          || $counts))
    FROM (SELECT r.*, coalesce(r.agency, r.agency_printed) AS agency_name
          -- only the numbers asked for (and one of each table, as a pattern must match a column)
          FROM in_view_of($year_from, $year_to, $provinces, $cities, $districts, $bureaus, $agency_ids, $templates,
                          $dataset, $scope,
                          table_columns_re($sums || $signs || $counts, 't2', 't2_regulations__new_made'),
                          table_columns_re($sums || $signs || $counts, 't3', 't3_new_received__total'),
                          table_columns_re($sums || $signs || $counts, 't4', 't4_review__total')) r)
), fy AS (
    -- each agency's first year in view (only when first_of_agency is asked for)
    SELECT agency_id, min(year) AS first_year FROM v
    WHERE agency_id IS NOT NULL AND list_contains($keys, 'first_of_agency') GROUP BY agency_id
), r AS (
    SELECT * EXCLUDE (report_id), NULL::BOOLEAN AS first_of_agency
    FROM v
    WHERE NOT list_contains($keys, 'first_of_agency')
    UNION ALL BY NAME
    SELECT v.* EXCLUDE (report_id), v.year IS NOT DISTINCT FROM fy.first_year AS first_of_agency
    FROM v LEFT JOIN fy ON fy.agency_id = v.agency_id
    WHERE list_contains($keys, 'first_of_agency')
)
SELECT year, COLUMNS(columns_re(['synthetic'] || $keys)),
       sign(COLUMNS(columns_re(['year'] || $signs))) AS '\0__sign', count(*) AS reports,
       sum(COLUMNS(columns_re(['checks_failed'] || $sums))),
       count(COLUMNS(columns_re(['year'] || $counts))) AS '\0__n'
FROM r
GROUP BY ALL;
