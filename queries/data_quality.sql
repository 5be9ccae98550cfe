-- data_quality: every report in scope with its data-quality flags and the caveat text shown beside its numbers.
-- Returns: report_id, agency_id, agency, district, bureau, year, template, synthetic, checks_failed, conflict,
--   received_blank (本年新收 总计 blank), carry_over_break (上年结转 ≠ last year's 结转下年度 in any of the 7
--   columns printed in both years, as carry_over_breaks; NULL when there is no report last year or no column
--   is printed in both), tables_repeat_last_year (every cell of tables 二–四 equal to
--   last year's, blank matching blank, in a year with some activity, as near_identical), narrative_mismatch
--   (the applications the text says were received ≠ table 三 本年新收 总计, rule X3, as narrative_mismatches;
--   NULL when either is blank), ocr (read by OCR: numbers may be wrong), issues (number of the flags
--   above that are set), caveat (Chinese, one clause per issue; 未发现数据问题
--   when none; always names 示例数据，虚构 for synthetic reports).
--   The flags are read from report_quality (derived after each write, against the agency's current report of
--   the year before, whatever the filters). The text comparison is near_identical's; this query flags only
--   repeated tables.
--   total_rows: the rows of the whole list; only the first $limit are returned (NULL: all, as the downloads
--   take them; a page shows the first few and says how many there are).
-- Parameters: $limit (rows returned, NULL: all), the dashboard filters $year_from $year_to $provinces $cities $districts $bureaus $agency_ids $templates $dataset $scope.
WITH listed AS (
    SELECT r.report_id, r.agency_id, r.agency, r.district, r.bureau, r.year, r.template, r.synthetic,
           r.checks_failed, r.conflict, q.received_blank, q.carry_over_break, q.tables_repeat_last_year,
           q.narrative_mismatch, q.ocr, q.issues, q.caveat
    FROM in_view_reports($year_from, $year_to, $provinces, $cities, $districts, $bureaus, $agency_ids, $templates, $dataset, 'any') r
    JOIN report_quality q ON q.report_id = r.report_id
)
SELECT listed.*, n.total_rows
FROM listed, (SELECT count(*) AS total_rows FROM listed) n
ORDER BY issues DESC, agency_id, year
LIMIT $limit;
