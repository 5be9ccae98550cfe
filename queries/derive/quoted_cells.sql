-- quoted_cells: copies the printed cells at the quoted_places (queries/schema.sql: the places the Word briefing quotes
-- cell by cell) out of `cells` for reports new or parsed again since the last write, so that the briefing's appendix
-- (named query source_cells) reads these instead of every printed cell. A report's earlier copy is replaced.
-- Runs before report_derived, whose derived_from marks the reports already done (the same rule finds the new ones).
-- Parameters: none.
CREATE OR REPLACE TEMP TABLE quoted_todo AS
SELECT r.report_id
FROM reports r
LEFT JOIN report_derived d ON d.report_id = r.report_id
WHERE d.report_id IS NULL OR d.derived_from IS DISTINCT FROM r.parsed_at;
DELETE FROM quoted_cells WHERE report_id IN (SELECT report_id FROM quoted_todo);
INSERT INTO quoted_cells BY NAME
SELECT c.report_id, c.table_name, c.row_key, c.col_key, c.value, c.raw, c.label, c.page, c.position
FROM cells c
SEMI JOIN quoted_todo t ON t.report_id = c.report_id
SEMI JOIN quoted_places p ON p.table_name = c.table_name AND p.row_key = c.row_key AND p.col_key = c.col_key
ORDER BY c.report_id;
DROP TABLE quoted_todo;
