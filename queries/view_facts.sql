-- view_facts: the filtered facts every dashboard aggregate is built from (xxgk.metrics, in Polars), summed over
--   reports alike: one row per year, synthetic and combination of the keys asked for, holding `reports` (how many
--   current reports the sidebar's filters leave in view fall in the row), the sum and the count of printing reports
--   of each number asked for, and nothing else. What a page waits for is then a few thousand rows at most, not
--   one row per report; Polars builds every aggregate from these sums exactly as from the reports themselves.
-- Returns: year, then the key columns asked for (synthetic first, the others in the facts' order), `<c>__sign` for each
--   sign asked for (sign(c): -1, 0, 1, NULL where blank; a row's reports share it, so "printed",
--   "is 0" and "> 0" are known per row), reports, for each sum asked for: c (Σ of the printed numbers,
--   NULL when no report of the row prints one), and for each count asked for: `<c>__n` (how many
--   reports of the row print it).
--   Keys: template, counts_t2, counts_t3, counts_t4 (which tables count in the chosen scope; a table that does not
--   count has NULL numbers), agency_id, agency_name (the registry's name, else the name the report prints),
--   province, city, district, township, bureau, on_time, days_late (publication), all_zero (report_derived: every
--   printed number of tables 二–四 is 0), first_of_agency (the agency's first report year in view: counts each
--   agency once). Sums: the facts columns (t2_*, t3_*, t4_*), proactive_items (the narrative's 主动公开政府信息 N
--   条), checks_failed. Signs: any facts column, checks_failed, agency_id. all_zero and proactive_items are columns
--   of current_reports (filled from report_derived and narrative when it is derived).
-- Parameters: $columns, a STRUCT built by xxgk.metrics.measures.patterns from the lists of keys, sums, signs and
--   counts asked for: `read` (the columns read besides report_id and year), `t2`, `t3`, `t4` (the numbers read of
--   each table, each matching one column at least), `keys`, `sums` (checks_failed always summed), `signs`, `counts`
--   (year__sign and year__n always there), each a regular expression over column names (a name that is no column
--   is ignored; synthetic is always a key, and year, always the first column, never one), and `first_of_agency`
--   (BOOLEAN); and the dashboard filters $year_from $year_to $provinces $cities $districts $bureaus $agency_ids
--   $templates $dataset $scope.
-- Columns are picked by pattern, never by a lambda or a list function over every column name: with ~270 columns,
--   planning the query took longer than reading the rows. One SELECT, not a branch per case: each branch planned
--   v again.
WITH v AS (
    SELECT report_id, year, COLUMNS($columns.read)
    FROM (SELECT r.*, coalesce(r.agency, r.agency_printed) AS agency_name
          FROM in_view_of($year_from, $year_to, $provinces, $cities, $districts, $bureaus, $agency_ids, $templates,
                          $dataset, $scope, $columns.t2, $columns.t3, $columns.t4) r)
), fy AS (
    -- each agency's first year in view (only when first_of_agency is asked for)
    SELECT agency_id, min(year) AS first_year FROM v
    WHERE agency_id IS NOT NULL AND $columns.first_of_agency GROUP BY agency_id
), r AS (
    -- fy is empty unless first_of_agency is asked for: the join then adds nothing
    SELECT v.* EXCLUDE (report_id),
           CASE WHEN $columns.first_of_agency THEN v.year IS NOT DISTINCT FROM fy.first_year END AS first_of_agency
    FROM v LEFT JOIN fy ON fy.agency_id = v.agency_id
)
SELECT year, COLUMNS($columns.keys), sign(COLUMNS($columns.signs)) AS '\0__sign', count(*) AS reports,
       sum(COLUMNS($columns.sums)), count(COLUMNS($columns.counts)) AS '\0__n'
FROM r
GROUP BY ALL;
