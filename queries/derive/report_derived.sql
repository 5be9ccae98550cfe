-- report_derived: fills the per-report summaries for reports new or parsed again since the last write
-- (xxgk.store.derive runs it in the writer's last transaction; the named queries only read the result).
-- Per report: the normalised running text (no digits, whitespace, punctuation or symbols, so a copy with only
-- its numbers and dates changed still matches), and over every cell of tables 二, 三, 四 the count of numbers,
-- whether all are 0, and a hash of them all; and whether section 六 (其他需要报告的事项; the whole text when no
-- such heading is found) mentions 信息处理费 (rule X4). And the template cells the parser left blank (数据质量's
-- 留空单元格, the named query blank_cells): cells printed with digits it could not read, and template cells it
-- did not find at all (rows or whole tables missing), for 2019 and 2021 template reports; a cell printed blank
-- ("", "/", "-", "无") is not counted. 2019 and 2021 templates have 198 and 200 cells (table 三 printed with
-- （六） as one row: 186).
-- Parameters: $chunk (at most this many reports per run: xxgk.store.derive runs it again until fewer are left, so
--   that deriving 10^6 reports at once stays within the writer's memory).
INSERT OR REPLACE INTO report_derived BY NAME
WITH todo AS (
    SELECT r.report_id, r.template
    FROM reports r
    LEFT JOIN report_derived d ON d.report_id = r.report_id
    WHERE d.report_id IS NULL OR d.derived_from IS DISTINCT FROM r.parsed_at
    LIMIT $chunk
),
per_table AS (
    SELECT c.report_id, c.table_name,
           count(*) FILTER (WHERE c.value IS NULL AND regexp_matches(coalesce(c.raw, ''), '[0-9０-９]')) AS unread,
           count(*) FILTER (WHERE c.row_key NOT LIKE 'extra\_%' ESCAPE '\'
                              AND c.row_key NOT IN ('other_proactive_documents', 'other_documents', 'confirmation',
                                                    'benefit', 'levy', 'adjudication', 'reward', 'inspection')) AS stored,
           bool_or(c.row_key = 'other') AS other_one_row
    FROM cells c
    JOIN todo t ON t.report_id = c.report_id AND t.template IN ('2019', '2021')
    GROUP BY ALL
),
blanks AS (
    SELECT t.report_id,
           sum(coalesce(p.unread, 0))::INTEGER AS unread_cells,
           sum(greatest(CASE tb.table_name
                            WHEN 'table2' THEN CASE t.template WHEN '2019' THEN 22 ELSE 10 END
                            WHEN 'table3' THEN CASE WHEN t.template = '2019' OR p.other_one_row THEN 161 ELSE 175 END
                            ELSE 15 END - coalesce(p.stored, 0), 0))::INTEGER AS missing_cells,
           sum(CASE tb.table_name
                   WHEN 'table2' THEN CASE t.template WHEN '2019' THEN 22 ELSE 10 END
                   WHEN 'table3' THEN CASE WHEN t.template = '2019' OR p.other_one_row THEN 161 ELSE 175 END
                   ELSE 15 END)::INTEGER AS template_cells,
           string_agg(tb.label, '、' ORDER BY tb.table_name) FILTER (WHERE p.report_id IS NULL) AS tables_missing
    FROM todo t
    CROSS JOIN (VALUES ('table2', '表二'), ('table3', '表三'), ('table4', '表四')) tb(table_name, label)
    LEFT JOIN per_table p ON p.report_id = t.report_id AND p.table_name = tb.table_name
    WHERE t.template IN ('2019', '2021')
    GROUP BY t.report_id
)
SELECT report_id, length(norm) AS text_chars, md5(norm) AS text_fingerprint, numbers_printed,
       CASE WHEN numbers_printed > 0 THEN max_cell = 0 AND min_cell = 0 END AS all_zero, tables_hash,
       six <> '' AS section_six_found,
       regexp_matches(regexp_replace(CASE WHEN six <> '' THEN six ELSE body END, '\s', '', 'g'),
                      '信息处理费|收费|收取费用') AS fees_mentioned,
       b.unread_cells, b.missing_cells, b.template_cells, b.tables_missing,
       parsed_at AS derived_from
FROM (SELECT r.report_id, r.parsed_at, coalesce(r.body_text, '') AS body,
             regexp_extract(coalesce(r.body_text, ''), '六[、.．]\s*其他需要报告的事项([\s\S]*)', 1) AS six,
             regexp_replace(coalesce(r.body_text, ''), '[0-9０-９\s\p{P}\p{S}]', '', 'g') AS norm,
             coalesce(list_aggregate([*COLUMNS('^t[234]_')], 'count'), 0) AS numbers_printed,
             greatest(*COLUMNS('^t[234]_')) AS max_cell,
             least(*COLUMNS('^t[234]_')) AS min_cell,
             hash(*COLUMNS('^t[234]_')) AS tables_hash
      FROM reports r
      JOIN todo USING (report_id)
      LEFT JOIN facts f ON f.report_id = r.report_id) derived
LEFT JOIN blanks b USING (report_id)
