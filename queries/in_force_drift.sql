-- in_force_drift: 现行有效件数 against last year's (rule X2, 2021 template on both sides): this year's count should be
-- about last year's + 本年制发件数 − 本年废止件数, for 规章 and for 行政规范性文件. Approximate by nature (a revised
-- document may be counted as issued, and a city's documents may be counted differently from year to year): a
-- drift is a question to ask the agency, not an error, so it is listed here and not counted in data_quality.
-- Returns: agency_id, agency, district, bureau, year, report_id, prev_report_id, item (regulations |
--   normative_documents), item_label (规章 | 行政规范性文件), prev_in_force (last year's 现行有效件数), issued,
--   repealed, in_force, expected (prev_in_force + issued − repealed), drift (in_force − expected), synthetic (either
--   report synthetic), pairs_compared (item-years in scope where all four numbers are printed: a blank is not
--   compared). Only drifts (≠ 0) are listed, largest first. The earlier year is the agency's current report of
--   the year before, whatever the filters (its numbers read from report_quality); years before 2022 have no
--   comparable predecessor (the 2019 template counts documents differently).
--   total_rows: the rows of the whole list; only the first $limit are returned (NULL: all, as the downloads
--   take them; a page shows the first few and says how many there are).
-- Parameters: $limit (rows returned, NULL: all), the dashboard filters $year_from $year_to $provinces $cities $districts $bureaus $agency_ids $templates $dataset $scope.
WITH pairs AS MATERIALIZED (  -- numbers only: the names are read for the rows returned
    SELECT r.agency_id, r.year, r.report_id, q.prev_report_id, r.synthetic OR q.prev_synthetic AS synthetic,
           q.prev_regulations_in_force AS reg_prev, r.t2_regulations__issued AS reg_issued,
           r.t2_regulations__repealed AS reg_repealed, r.t2_regulations__in_force AS reg_now,
           q.prev_normative_documents_in_force AS doc_prev, r.t2_normative_documents__issued AS doc_issued,
           r.t2_normative_documents__repealed AS doc_repealed, r.t2_normative_documents__in_force AS doc_now
    FROM in_view_of($year_from, $year_to, $provinces, $cities, $districts, $bureaus, $agency_ids, $templates, $dataset,
                    'any', '^t2_(regulations|normative_documents)__(issued|repealed|in_force)$',
                    '^t3_new_received__total$', '^t4_review__total$') r
    JOIN report_quality q ON q.report_id = r.report_id
    WHERE r.template = '2021' AND q.prev_template = '2021'
),
items AS (
    SELECT agency_id, year, report_id, prev_report_id, synthetic, 'regulations' AS item, '规章' AS item_label,
           reg_prev AS prev_in_force, reg_issued AS issued, reg_repealed AS repealed, reg_now AS in_force
    FROM pairs
    UNION ALL
    SELECT agency_id, year, report_id, prev_report_id, synthetic, 'normative_documents', '行政规范性文件', doc_prev,
           doc_issued, doc_repealed, doc_now
    FROM pairs
),
listed AS MATERIALIZED (
    SELECT *, prev_in_force + issued - repealed AS expected, in_force - expected AS drift
    FROM items
),
n AS (SELECT count(drift) AS pairs_compared, count(*) FILTER (WHERE drift <> 0) AS total_rows FROM listed),
cut AS (  -- the smallest drift the first $limit rows can hold (ties with it kept, to be ordered by name below)
    SELECT coalesce(list_min(max(abs(drift), greatest(coalesce($limit, 1), 1))), 0) AS least
    FROM listed
    WHERE drift <> 0
)
SELECT l.agency_id, a.name AS agency, a.district, a.bureau, l.year, l.report_id, l.prev_report_id, l.item,
       l.item_label, l.prev_in_force, l.issued, l.repealed, l.in_force, l.expected, l.drift, l.synthetic,
       n.pairs_compared, n.total_rows
FROM listed l
LEFT JOIN agencies a USING (agency_id)
CROSS JOIN n
CROSS JOIN cut
WHERE l.drift <> 0 AND ($limit IS NULL OR abs(l.drift) >= cut.least)
ORDER BY abs(l.drift) DESC, agency, l.year, l.item
LIMIT $limit;
