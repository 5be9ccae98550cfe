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
WITH listed AS MATERIALIZED (  -- the reports in view with their flags, ordered by current_reports.quality_issues
    SELECT report_id, agency_id, agency, district, bureau, year, template, synthetic, checks_failed, conflict,
           quality_issues AS issues
    FROM in_view_reports($year_from, $year_to, $provinces, $cities, $districts, $bureaus, $agency_ids, $templates, $dataset, 'any')
    WHERE quality_issues IS NOT NULL
),
head AS (  -- the rows returned; their flags and caveat are read from report_quality for these only
    SELECT * FROM listed ORDER BY issues DESC, agency_id, year LIMIT $limit
)
SELECT h.report_id, h.agency_id, h.agency, h.district, h.bureau, h.year, h.template, h.synthetic, h.checks_failed,
       h.conflict, q.received_blank, q.carry_over_break, q.tables_repeat_last_year, q.narrative_mismatch, q.ocr,
       h.issues, q.caveat, (SELECT count(*) FROM listed) AS total_rows
FROM head h
JOIN report_quality q USING (report_id)
ORDER BY h.issues DESC, h.agency_id, h.year;
