-- report_derived: fills the per-report summaries for reports new or parsed again since the last write
-- (xxgk.store.derive runs it in the writer's last transaction; the named queries only read the result).
-- Per report: the normalised running text (no digits, whitespace, punctuation or symbols, so a copy with only
-- its numbers and dates changed still matches), and over every cell of tables 二, 三, 四 the count of numbers,
-- whether all are 0, and a hash of them all; and whether section 六 (其他需要报告的事项; the whole text when no
-- such heading is found) mentions 信息处理费 (rule X4).
-- Parameters: none.
INSERT OR REPLACE INTO report_derived BY NAME
SELECT report_id, length(norm) AS text_chars, md5(norm) AS text_fingerprint, numbers_printed,
       CASE WHEN numbers_printed > 0 THEN max_cell = 0 AND min_cell = 0 END AS all_zero, tables_hash,
       six <> '' AS section_six_found,
       regexp_matches(regexp_replace(CASE WHEN six <> '' THEN six ELSE body END, '\s', '', 'g'),
                      '信息处理费|收费|收取费用') AS fees_mentioned,
       parsed_at AS derived_from
FROM (SELECT r.report_id, r.parsed_at, coalesce(r.body_text, '') AS body,
             regexp_extract(coalesce(r.body_text, ''), '六[、.．]\s*其他需要报告的事项([\s\S]*)', 1) AS six,
             regexp_replace(coalesce(r.body_text, ''), '[0-9０-９\s\p{P}\p{S}]', '', 'g') AS norm,
             coalesce(list_aggregate([*COLUMNS('^t[234]_')], 'count'), 0) AS numbers_printed,
             greatest(*COLUMNS('^t[234]_')) AS max_cell,
             least(*COLUMNS('^t[234]_')) AS min_cell,
             hash(*COLUMNS('^t[234]_')) AS tables_hash
      FROM reports r
      LEFT JOIN facts f ON f.report_id = r.report_id
      LEFT JOIN report_derived d ON d.report_id = r.report_id
      WHERE d.report_id IS NULL OR d.derived_from IS DISTINCT FROM r.parsed_at)
