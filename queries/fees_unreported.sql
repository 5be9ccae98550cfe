-- fees_unreported: reports on the 2021 template whose section 六 (其他需要报告的事项) says nothing about 信息处理费
-- (rule X4). From 2021 on, section 六 is to report whether 信息处理费 were charged under 《政府信息公开信息处理费管理办法》;
-- the gap weighs more where table 三 shows applications ended because a fee notice went unpaid (fees were charged).
-- Returns: agency_id, agency, district, bureau, year, report_id, fee_notices_unpaid (表三（六）2 申请人逾期未按收费通知要求
--   缴纳费用 总计; blank stays blank), section_six_found (false: no heading 六、其他需要报告的事项 in the text, so the
--   whole text was searched), synthetic, reports_checked (2021-template reports in scope). Only reports that do not
--   mention 信息处理费 or 收费 are listed, those with unpaid fee notices first.
--   Read from the report's running text as stored (report_derived, once per report, when it is stored or
--   parsed again; a word a line break split still counts); a section 六 printed as an image is not seen.
--   total_rows: the rows of the whole list; only the first $limit are returned (NULL: all, as the downloads
--   take them; a page shows the first few and says how many there are).
-- Parameters: $limit (rows returned, NULL: all), the dashboard filters $year_from $year_to $provinces $cities $districts $bureaus $agency_ids $templates $dataset $scope.
WITH listed AS MATERIALIZED (
    SELECT r.agency_id, r.agency, r.district, r.bureau, r.year, r.report_id,
           r.t3_other_no_fee__total AS fee_notices_unpaid, d.section_six_found, r.synthetic, d.fees_mentioned
    FROM in_view($year_from, $year_to, $provinces, $cities, $districts, $bureaus, $agency_ids, $templates, $dataset, 'any') r
    JOIN report_derived d ON d.report_id = r.report_id
    WHERE r.template = '2021'
)
SELECT listed.* EXCLUDE (fees_mentioned), n.reports_checked, n.total_rows
FROM listed,
     (SELECT count(*) AS reports_checked, count(*) FILTER (WHERE NOT fees_mentioned) AS total_rows FROM listed) n
WHERE NOT fees_mentioned
ORDER BY coalesce(fee_notices_unpaid, 0) DESC, agency, year
LIMIT $limit;
