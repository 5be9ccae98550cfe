-- schema: the whole database, idempotent; applied on every start so an empty data/ bootstraps itself.
-- Values are DOUBLE with NULL for a blank cell or a cell that holds no number: blank is never zero.

CREATE SEQUENCE IF NOT EXISTS agency_id_seq START 1;

-- One row per agency (canonical full name), resolved to its place in the administrative divisions.
CREATE TABLE IF NOT EXISTS agencies (
    agency_id INTEGER PRIMARY KEY DEFAULT nextval('agency_id_seq'),
    name VARCHAR NOT NULL UNIQUE,          -- canonical full name, e.g. 宁波市鄞州区经济和信息化局
    province VARCHAR,
    city VARCHAR,
    district VARCHAR,                      -- county-level division (区/县/县级市), NULL above it
    township VARCHAR,                      -- 街道/乡镇 when the agency is one or sits in one
    code VARCHAR,                          -- administrative division code (6 digits)
    level VARCHAR,                         -- province | city | county | township
    bureau VARCHAR,                        -- bureau type: 区县政府, 经信, 公安, 自然资源, 街道/乡镇, …
    resolved BOOLEAN NOT NULL DEFAULT false, -- false: the registry could not place the name; listed for a person
    key VARCHAR,                           -- identity across years and reform renames (xxgk.agencies.Agency.key)
    fictional BOOLEAN NOT NULL DEFAULT false, -- the demo corpus's invented 示例市
    note VARCHAR,                          -- why the registry placed it so (former division, ambiguous name, …)
    placed_by VARCHAR                      -- name (its printed name places it) | portal (the site it was collected
                                           --   from, xxgk/portals.py; note names the host) | NULL (not placed)
);
ALTER TABLE agencies ADD COLUMN IF NOT EXISTS placed_by VARCHAR;
-- a file from before placed_by: every agency it placed was placed by its name
UPDATE agencies SET placed_by = 'name' WHERE placed_by IS NULL AND (province IS NOT NULL OR city IS NOT NULL);

-- Every printed name (and reform-era former name) that stands for an agency.
CREATE TABLE IF NOT EXISTS agency_aliases (
    alias VARCHAR PRIMARY KEY,
    agency_id INTEGER NOT NULL,
    reason VARCHAR                         -- as printed | short form | institutional reform rename
);

-- The original bytes of every ingested file, content addressed.
CREATE TABLE IF NOT EXISTS sources (
    sha256 VARCHAR PRIMARY KEY,
    format VARCHAR NOT NULL,               -- txt | html | docx | pdf | doc
    size_bytes BIGINT NOT NULL,
    file_name VARCHAR,                     -- name of the file as first ingested
    path VARCHAR,                          -- path as given on first ingest
    first_seen TIMESTAMP NOT NULL,
    content BLOB NOT NULL
);

-- Where a collected file came from (python -m xxgk collect): one row per stored source found on the web.
-- The dashboard links a number to this page and judges on-time publication from `published`.
CREATE TABLE IF NOT EXISTS collected_documents (
    sha256 VARCHAR PRIMARY KEY,            -- = sources.sha256 = reports.report_id
    url VARCHAR NOT NULL,                  -- the document's own address (the attachment, or the article page)
    article_url VARCHAR,                   -- the article page an attachment hangs from, else NULL
    list_title VARCHAR,                    -- the title as the list page prints it
    published DATE,                        -- the web publication date, NULL when none was found
    published_from VARCHAR,                -- list | meta | page: which one gave `published`
    start_url VARCHAR,                     -- the start URL of the crawl that found it
    fetched_at TIMESTAMP NOT NULL
);

-- One row per parsed source. Several sources may report the same agency and year: exactly one
-- of them is current (is_current); the others stay for tracing, and `conflict` marks differing numbers.
CREATE TABLE IF NOT EXISTS reports (
    report_id VARCHAR PRIMARY KEY,         -- = sources.sha256 of the document it was parsed from
    agency_id INTEGER,
    agency_printed VARCHAR,                -- the agency name as the document states it
    year INTEGER,
    template VARCHAR NOT NULL,             -- 2019 | 2021 | legacy
    format VARCHAR NOT NULL,
    title VARCHAR,
    published_date DATE,
    parsed_at TIMESTAMP NOT NULL,
    parser_version VARCHAR NOT NULL,
    synthetic BOOLEAN NOT NULL,            -- true for generated demo reports (示例数据，虚构)
    is_current BOOLEAN NOT NULL DEFAULT true,
    conflict BOOLEAN NOT NULL DEFAULT false,
    checks_failed INTEGER NOT NULL DEFAULT 0, -- checks (R1–R5) failed: their rows are in `checks`
    warnings VARCHAR[],
    body_text VARCHAR,                     -- running text, for near-duplicate detection
    tables_found INTEGER NOT NULL DEFAULT 0, -- how many of tables 二, 三, 四 the parser found (current rule)
    cells_filled INTEGER NOT NULL DEFAULT 0, -- how many cells hold a number (current rule)
    ingest_seq BIGINT NOT NULL DEFAULT 0,  -- order of ingest: later is larger (current rule's last tie-break)
    current_reason VARCHAR,                -- why this report is (or is not) the current one of its agency and year
    scope_table2 VARCHAR,                  -- whose numbers table 二 counts: agency (the issuing agency alone) |
    scope_table3 VARCHAR,                  --   region (a government's whole area: 全市/全区/全县 figures);
    scope_table4 VARCHAR,                  --   NULL when the table is not printed (parse contract `scope`)
    published_source VARCHAR,              -- where published_date came from: text | metadata | web
    checks_run INTEGER                     -- checks (R1–R5) made, passed or failed (checks_of lists them)
);
-- Columns added after the first release: a file from before gets them here (the CREATE above is skipped).
ALTER TABLE reports ADD COLUMN IF NOT EXISTS scope_table2 VARCHAR;
ALTER TABLE reports ADD COLUMN IF NOT EXISTS scope_table3 VARCHAR;
ALTER TABLE reports ADD COLUMN IF NOT EXISTS scope_table4 VARCHAR;
ALTER TABLE reports ADD COLUMN IF NOT EXISTS published_source VARCHAR;
ALTER TABLE reports ADD COLUMN IF NOT EXISTS checks_run INTEGER;

-- One row per printed number of tables 二, 三, 四 (long form; every figure traces back here).
-- (report_id, table_name, row_key, col_key) is unique: the store writes each place once. It is not
-- declared as a key because an index over 10^7 rows costs the writer more memory than it protects.
CREATE TABLE IF NOT EXISTS cells (
    report_id VARCHAR NOT NULL,
    table_name VARCHAR NOT NULL,           -- table2 | table3 | table4
    row_key VARCHAR NOT NULL,
    col_key VARCHAR NOT NULL,
    value DOUBLE,                          -- NULL: blank or no number printed
    raw VARCHAR,                           -- the cell's text as printed
    label VARCHAR,                         -- the row label as printed
    page INTEGER,
    position VARCHAR
);

-- One row per failed rule per place per report (R1–R5): the store computes every check of a batch in SQL
-- (checks_of below) and keeps the failures; reports.checks_run and checks_failed count them all.
-- (Files written before version 14 of the store held passed checks too: the writer drops them once.)
CREATE TABLE IF NOT EXISTS checks (
    report_id VARCHAR NOT NULL,
    rule VARCHAR NOT NULL,
    ok BOOLEAN NOT NULL,                   -- false (passed checks are not stored: checks_of gives them)
    location VARCHAR NOT NULL,
    detail VARCHAR
);

-- The rules R1–R5 as data, written by the writer from xxgk.checks.equation_terms (the one source of the rules'
-- terms and of the names their details print): one row per term of an R1–R4 equation, and R5's exempt columns.
CREATE TABLE IF NOT EXISTS check_terms (
    rule VARCHAR NOT NULL,                 -- R1 … R5
    location VARCHAR,                      -- table3/<column> (R1, R3), table3/<row> (R2), table4/<block> (R4)
    prefix VARCHAR,                        -- what the detail starts with, e.g. 自然人列：
    side VARCHAR,                          -- left | right of the equation
    ord INTEGER NOT NULL,                  -- the term's place on its side
    table_name VARCHAR,
    row_key VARCHAR,
    col_key VARCHAR NOT NULL,
    name VARCHAR,                          -- the term as the detail prints it (R5 passed: the words after the count)
    cond VARCHAR NOT NULL                  -- when the term takes part: always | row (its table 三 row is printed) |
                                           --   detail | single (（六）'s sub-rows printed, or not) | R5: signed |
                                           --   money (exempt columns) | passed
);

-- A number as the checks' details print it: a whole number without decimals, else 6 significant digits.
CREATE OR REPLACE MACRO check_number(x) AS
    CASE WHEN x = trunc(x) THEN CAST(CAST(x AS HUGEINT) AS VARCHAR) ELSE format('{:g}', x) END;

-- checks_of: the consistency checks R1–R5 (docs/parser.md; the same results, numbers and Chinese details as
-- xxgk/checks.py gives `parse`) of the reports whose cells are in the table named `cell_table` (cells, or a
-- batch the writer is about to store), computed as column expressions over the cells.
-- Returns: report_id, rule, location, ok, detail (NULL for a passed check unless `all_details`).
-- Parameters: cell_table (a table name: report_id, table_name, row_key, col_key, value), one_report (a report_id,
--   or NULL for all), all_details (also write the details of passed checks).
-- An equation is checked when each side has at least one printed number; blank cells in it count as 0 and the
-- detail names them (未印: not printed at all). R5 lists each value that is negative or not whole outside its
-- exempt columns, or one passed row per report with numbers.
CREATE OR REPLACE MACRO checks_of(cell_table, one_report, all_details) AS TABLE
WITH c AS (
    SELECT report_id, table_name, row_key, col_key, value
    FROM query_table(cell_table)
    WHERE one_report IS NULL OR report_id = one_report
),
t3 AS (  -- whether table 三 prints （六）'s sub-rows: then they, not the single row, are R3's terms
    SELECT report_id, bool_or(table_name = 'table3'
                              AND row_key IN (SELECT row_key FROM check_terms WHERE cond = 'detail')) AS detail
    FROM c GROUP BY report_id
),
hits AS (  -- every printed number that is a term of an equation: a term absent or blank adds nothing
    SELECT c.report_id, k.rule, k.location, k.side, k.cond, c.value
    FROM c JOIN check_terms k USING (table_name, row_key, col_key)
    WHERE c.value IS NOT NULL AND k.side IS NOT NULL
),
sides AS (
    SELECT report_id, rule, location,
           sum(value) FILTER (WHERE side = 'left') AS l, count(*) FILTER (WHERE side = 'left') AS ln,
           sum(value) FILTER (WHERE side = 'right' AND cond IN ('always', 'row')) AS r,
           count(*) FILTER (WHERE side = 'right' AND cond IN ('always', 'row')) AS rn,
           sum(value) FILTER (WHERE cond = 'detail') AS r_detail, count(*) FILTER (WHERE cond = 'detail') AS rn_detail,
           sum(value) FILTER (WHERE cond = 'single') AS r_single, count(*) FILTER (WHERE cond = 'single') AS rn_single
    FROM hits
    GROUP BY report_id, rule, location
),
equations AS (
    SELECT report_id, rule, location, l,
           coalesce(r, 0) + coalesce(CASE WHEN t3.detail THEN r_detail ELSE r_single END, 0) AS r,
           abs(l - (coalesce(r, 0) + coalesce(CASE WHEN t3.detail THEN r_detail ELSE r_single END, 0))) < 1e-6 AS ok
    FROM sides
    JOIN t3 USING (report_id)
    WHERE ln > 0 AND rn + CASE WHEN t3.detail THEN rn_detail ELSE rn_single END > 0
),
todo AS (SELECT report_id, rule, location FROM equations WHERE NOT ok OR all_details),
t3_rows AS (  -- the table 三 rows of the reports whose details are written
    SELECT DISTINCT report_id, row_key FROM c
    WHERE table_name = 'table3' AND report_id IN (SELECT report_id FROM todo)
),
terms AS (  -- every term of those equations: R3's outcome rows and R2's rows when printed, blank or not
    SELECT e.report_id, k.rule, k.location, k.prefix, k.side, k.ord, k.table_name, k.row_key, k.col_key, k.name
    FROM todo e
    JOIN t3 USING (report_id)
    JOIN check_terms k ON k.rule = e.rule AND k.location = e.location
    LEFT JOIN t3_rows p ON p.report_id = e.report_id AND p.row_key = k.row_key AND k.table_name = 'table3'
    WHERE k.cond = 'always'
       OR (p.row_key IS NOT NULL AND CASE k.cond WHEN 'row' THEN true WHEN 'detail' THEN t3.detail
                                                 WHEN 'single' THEN NOT t3.detail ELSE false END)
),
valued AS (
    SELECT t.*, c.value, c.report_id IS NOT NULL AS printed,
           count(*) OVER (PARTITION BY t.report_id, t.rule, t.location, t.side) > 6 AS long
    FROM terms t
    LEFT JOIN c ON c.report_id = t.report_id AND c.table_name = t.table_name AND c.row_key = t.row_key
               AND c.col_key = t.col_key
),
shown AS (  -- the detail of each side, for the failed equations (all of them with all_details)
    SELECT v.report_id, v.rule, v.location, v.side,
           string_agg(CASE WHEN v.value IS NULL THEN CASE WHEN NOT v.long THEN v.name || ' 空' END
                           WHEN NOT v.long OR v.value <> 0 THEN v.name || ' ' || check_number(v.value) END,
                      ' + ' ORDER BY v.ord) AS listed,
           count(*) FILTER (WHERE v.long AND v.value = 0) AS zeros,
           count(*) FILTER (WHERE v.long AND v.value IS NULL) AS blanks,
           list(v.name || CASE WHEN v.printed THEN '' ELSE '(未印)' END ORDER BY v.ord)
               FILTER (WHERE v.value IS NULL) AS blank_names
    FROM valued v
    GROUP BY ALL
),
sided AS (
    SELECT report_id, rule, location, side,
           CASE WHEN zeros + blanks = 0 THEN listed
                ELSE concat_ws(' + ', listed, CASE WHEN listed IS NOT NULL THEN '其余 ' ELSE '' END
                               || concat_ws('、', CASE WHEN zeros > 0 THEN zeros || ' 项为 0' END,
                                                 CASE WHEN blanks > 0 THEN blanks || ' 项空白' END)) END AS text,
           coalesce(blank_names, []) AS blank_names
    FROM shown
),
details AS (
    SELECT e.report_id, e.rule, e.location, e.ok,
           k.prefix || ls.text || ' = ' || check_number(e.l) || '，' || CASE WHEN e.ok THEN '' ELSE '但' END
           || rs.text || ' = ' || check_number(e.r)
           || CASE WHEN len(ls.blank_names) + len(rs.blank_names) > 0 THEN
                   '（空白按 0 计：' || array_to_string((ls.blank_names || rs.blank_names)[1:5], '、')
                   || CASE WHEN len(ls.blank_names) + len(rs.blank_names) > 5
                           THEN ' 等 ' || (len(ls.blank_names) + len(rs.blank_names)) || ' 项' ELSE '' END
                   || '）' ELSE '' END AS detail
    FROM equations e
    LEFT JOIN (SELECT DISTINCT rule, location, prefix FROM check_terms) k USING (rule, location)
    LEFT JOIN sided ls ON ls.report_id = e.report_id AND ls.rule = e.rule AND ls.location = e.location
                      AND ls.side = 'left'
    LEFT JOIN sided rs ON rs.report_id = e.report_id AND rs.rule = e.rule AND rs.location = e.location
                      AND rs.side = 'right'
),
r5 AS (
    SELECT c.report_id, c.table_name, c.row_key, c.col_key, c.value,
           (c.value < 0 AND c.col_key NOT IN (SELECT col_key FROM check_terms WHERE cond = 'signed'))
           OR (c.value <> trunc(c.value) AND c.col_key NOT IN (SELECT col_key FROM check_terms WHERE cond = 'money'))
               AS bad
    FROM c
    WHERE c.value IS NOT NULL
),
r5_reports AS (
    SELECT report_id, count(*) AS numbers, bool_or(bad) AS any_bad FROM r5 GROUP BY report_id
)
SELECT report_id, rule, location, ok, detail FROM details
UNION ALL
SELECT report_id, 'R5', table_name || '/' || row_key || '/' || col_key, false,
       '数值 ' || check_number(value) || ' ' || CASE WHEN value < 0 THEN '负数' ELSE '不是整数' END
FROM r5
WHERE bad
UNION ALL
SELECT report_id, 'R5', 'all', true,
       CASE WHEN all_details THEN numbers || ' ' || (SELECT name FROM check_terms WHERE cond = 'passed') END
FROM r5_reports
WHERE NOT any_bad;

-- Numbers the narrative states, e.g. 主动公开政府信息 N 条 (taken from text, not tables).
CREATE TABLE IF NOT EXISTS narrative (
    report_id VARCHAR NOT NULL,
    key VARCHAR NOT NULL,
    value DOUBLE                           -- unique per (report_id, key), written once by the store
);

-- Every file that could not be read or parsed, with the reason shown to a person.
CREATE TABLE IF NOT EXISTS ingest_errors (
    sha256 VARCHAR,
    path VARCHAR NOT NULL,
    code VARCHAR NOT NULL,
    message VARCHAR NOT NULL,
    "at" TIMESTAMP NOT NULL               -- quoted: AT is a keyword in DuckDB 2
);

-- One wide row per report: the same numbers as `cells`, pivoted once at write time so that
-- the dashboard's aggregates over 10^5 reports need no pivot. Column t3_<row>__<col> is table 三,
-- t4_<block>__<col> table 四, t2_<item>__<col> table 二 (keys of the parse contract).
CREATE TABLE IF NOT EXISTS facts (
    report_id VARCHAR PRIMARY KEY,
    t3_new_received__natural_person DOUBLE,
    t3_new_received__commercial DOUBLE,
    t3_new_received__research DOUBLE,
    t3_new_received__social_org DOUBLE,
    t3_new_received__legal_service DOUBLE,
    t3_new_received__other_org DOUBLE,
    t3_new_received__total DOUBLE,
    t3_carried_over__natural_person DOUBLE,
    t3_carried_over__commercial DOUBLE,
    t3_carried_over__research DOUBLE,
    t3_carried_over__social_org DOUBLE,
    t3_carried_over__legal_service DOUBLE,
    t3_carried_over__other_org DOUBLE,
    t3_carried_over__total DOUBLE,
    t3_granted__natural_person DOUBLE,
    t3_granted__commercial DOUBLE,
    t3_granted__research DOUBLE,
    t3_granted__social_org DOUBLE,
    t3_granted__legal_service DOUBLE,
    t3_granted__other_org DOUBLE,
    t3_granted__total DOUBLE,
    t3_partially_granted__natural_person DOUBLE,
    t3_partially_granted__commercial DOUBLE,
    t3_partially_granted__research DOUBLE,
    t3_partially_granted__social_org DOUBLE,
    t3_partially_granted__legal_service DOUBLE,
    t3_partially_granted__other_org DOUBLE,
    t3_partially_granted__total DOUBLE,
    t3_denied_state_secret__natural_person DOUBLE,
    t3_denied_state_secret__commercial DOUBLE,
    t3_denied_state_secret__research DOUBLE,
    t3_denied_state_secret__social_org DOUBLE,
    t3_denied_state_secret__legal_service DOUBLE,
    t3_denied_state_secret__other_org DOUBLE,
    t3_denied_state_secret__total DOUBLE,
    t3_denied_law_prohibited__natural_person DOUBLE,
    t3_denied_law_prohibited__commercial DOUBLE,
    t3_denied_law_prohibited__research DOUBLE,
    t3_denied_law_prohibited__social_org DOUBLE,
    t3_denied_law_prohibited__legal_service DOUBLE,
    t3_denied_law_prohibited__other_org DOUBLE,
    t3_denied_law_prohibited__total DOUBLE,
    t3_denied_security_stability__natural_person DOUBLE,
    t3_denied_security_stability__commercial DOUBLE,
    t3_denied_security_stability__research DOUBLE,
    t3_denied_security_stability__social_org DOUBLE,
    t3_denied_security_stability__legal_service DOUBLE,
    t3_denied_security_stability__other_org DOUBLE,
    t3_denied_security_stability__total DOUBLE,
    t3_denied_third_party__natural_person DOUBLE,
    t3_denied_third_party__commercial DOUBLE,
    t3_denied_third_party__research DOUBLE,
    t3_denied_third_party__social_org DOUBLE,
    t3_denied_third_party__legal_service DOUBLE,
    t3_denied_third_party__other_org DOUBLE,
    t3_denied_third_party__total DOUBLE,
    t3_denied_internal_affairs__natural_person DOUBLE,
    t3_denied_internal_affairs__commercial DOUBLE,
    t3_denied_internal_affairs__research DOUBLE,
    t3_denied_internal_affairs__social_org DOUBLE,
    t3_denied_internal_affairs__legal_service DOUBLE,
    t3_denied_internal_affairs__other_org DOUBLE,
    t3_denied_internal_affairs__total DOUBLE,
    t3_denied_process_info__natural_person DOUBLE,
    t3_denied_process_info__commercial DOUBLE,
    t3_denied_process_info__research DOUBLE,
    t3_denied_process_info__social_org DOUBLE,
    t3_denied_process_info__legal_service DOUBLE,
    t3_denied_process_info__other_org DOUBLE,
    t3_denied_process_info__total DOUBLE,
    t3_denied_enforcement_file__natural_person DOUBLE,
    t3_denied_enforcement_file__commercial DOUBLE,
    t3_denied_enforcement_file__research DOUBLE,
    t3_denied_enforcement_file__social_org DOUBLE,
    t3_denied_enforcement_file__legal_service DOUBLE,
    t3_denied_enforcement_file__other_org DOUBLE,
    t3_denied_enforcement_file__total DOUBLE,
    t3_denied_admin_query__natural_person DOUBLE,
    t3_denied_admin_query__commercial DOUBLE,
    t3_denied_admin_query__research DOUBLE,
    t3_denied_admin_query__social_org DOUBLE,
    t3_denied_admin_query__legal_service DOUBLE,
    t3_denied_admin_query__other_org DOUBLE,
    t3_denied_admin_query__total DOUBLE,
    t3_unavailable_not_held__natural_person DOUBLE,
    t3_unavailable_not_held__commercial DOUBLE,
    t3_unavailable_not_held__research DOUBLE,
    t3_unavailable_not_held__social_org DOUBLE,
    t3_unavailable_not_held__legal_service DOUBLE,
    t3_unavailable_not_held__other_org DOUBLE,
    t3_unavailable_not_held__total DOUBLE,
    t3_unavailable_needs_creation__natural_person DOUBLE,
    t3_unavailable_needs_creation__commercial DOUBLE,
    t3_unavailable_needs_creation__research DOUBLE,
    t3_unavailable_needs_creation__social_org DOUBLE,
    t3_unavailable_needs_creation__legal_service DOUBLE,
    t3_unavailable_needs_creation__other_org DOUBLE,
    t3_unavailable_needs_creation__total DOUBLE,
    t3_unavailable_unclear__natural_person DOUBLE,
    t3_unavailable_unclear__commercial DOUBLE,
    t3_unavailable_unclear__research DOUBLE,
    t3_unavailable_unclear__social_org DOUBLE,
    t3_unavailable_unclear__legal_service DOUBLE,
    t3_unavailable_unclear__other_org DOUBLE,
    t3_unavailable_unclear__total DOUBLE,
    t3_not_processed_petition__natural_person DOUBLE,
    t3_not_processed_petition__commercial DOUBLE,
    t3_not_processed_petition__research DOUBLE,
    t3_not_processed_petition__social_org DOUBLE,
    t3_not_processed_petition__legal_service DOUBLE,
    t3_not_processed_petition__other_org DOUBLE,
    t3_not_processed_petition__total DOUBLE,
    t3_not_processed_duplicate__natural_person DOUBLE,
    t3_not_processed_duplicate__commercial DOUBLE,
    t3_not_processed_duplicate__research DOUBLE,
    t3_not_processed_duplicate__social_org DOUBLE,
    t3_not_processed_duplicate__legal_service DOUBLE,
    t3_not_processed_duplicate__other_org DOUBLE,
    t3_not_processed_duplicate__total DOUBLE,
    t3_not_processed_publication__natural_person DOUBLE,
    t3_not_processed_publication__commercial DOUBLE,
    t3_not_processed_publication__research DOUBLE,
    t3_not_processed_publication__social_org DOUBLE,
    t3_not_processed_publication__legal_service DOUBLE,
    t3_not_processed_publication__other_org DOUBLE,
    t3_not_processed_publication__total DOUBLE,
    t3_not_processed_mass_repeat__natural_person DOUBLE,
    t3_not_processed_mass_repeat__commercial DOUBLE,
    t3_not_processed_mass_repeat__research DOUBLE,
    t3_not_processed_mass_repeat__social_org DOUBLE,
    t3_not_processed_mass_repeat__legal_service DOUBLE,
    t3_not_processed_mass_repeat__other_org DOUBLE,
    t3_not_processed_mass_repeat__total DOUBLE,
    t3_not_processed_confirmation__natural_person DOUBLE,
    t3_not_processed_confirmation__commercial DOUBLE,
    t3_not_processed_confirmation__research DOUBLE,
    t3_not_processed_confirmation__social_org DOUBLE,
    t3_not_processed_confirmation__legal_service DOUBLE,
    t3_not_processed_confirmation__other_org DOUBLE,
    t3_not_processed_confirmation__total DOUBLE,
    t3_other__natural_person DOUBLE,
    t3_other__commercial DOUBLE,
    t3_other__research DOUBLE,
    t3_other__social_org DOUBLE,
    t3_other__legal_service DOUBLE,
    t3_other__other_org DOUBLE,
    t3_other__total DOUBLE,
    t3_other_no_correction__natural_person DOUBLE,
    t3_other_no_correction__commercial DOUBLE,
    t3_other_no_correction__research DOUBLE,
    t3_other_no_correction__social_org DOUBLE,
    t3_other_no_correction__legal_service DOUBLE,
    t3_other_no_correction__other_org DOUBLE,
    t3_other_no_correction__total DOUBLE,
    t3_other_no_fee__natural_person DOUBLE,
    t3_other_no_fee__commercial DOUBLE,
    t3_other_no_fee__research DOUBLE,
    t3_other_no_fee__social_org DOUBLE,
    t3_other_no_fee__legal_service DOUBLE,
    t3_other_no_fee__other_org DOUBLE,
    t3_other_no_fee__total DOUBLE,
    t3_other_misc__natural_person DOUBLE,
    t3_other_misc__commercial DOUBLE,
    t3_other_misc__research DOUBLE,
    t3_other_misc__social_org DOUBLE,
    t3_other_misc__legal_service DOUBLE,
    t3_other_misc__other_org DOUBLE,
    t3_other_misc__total DOUBLE,
    t3_total_processed__natural_person DOUBLE,
    t3_total_processed__commercial DOUBLE,
    t3_total_processed__research DOUBLE,
    t3_total_processed__social_org DOUBLE,
    t3_total_processed__legal_service DOUBLE,
    t3_total_processed__other_org DOUBLE,
    t3_total_processed__total DOUBLE,
    t3_carried_forward__natural_person DOUBLE,
    t3_carried_forward__commercial DOUBLE,
    t3_carried_forward__research DOUBLE,
    t3_carried_forward__social_org DOUBLE,
    t3_carried_forward__legal_service DOUBLE,
    t3_carried_forward__other_org DOUBLE,
    t3_carried_forward__total DOUBLE,
    t4_review__upheld DOUBLE,
    t4_review__corrected DOUBLE,
    t4_review__other DOUBLE,
    t4_review__pending DOUBLE,
    t4_review__total DOUBLE,
    t4_suit_direct__upheld DOUBLE,
    t4_suit_direct__corrected DOUBLE,
    t4_suit_direct__other DOUBLE,
    t4_suit_direct__pending DOUBLE,
    t4_suit_direct__total DOUBLE,
    t4_suit_after_review__upheld DOUBLE,
    t4_suit_after_review__corrected DOUBLE,
    t4_suit_after_review__other DOUBLE,
    t4_suit_after_review__pending DOUBLE,
    t4_suit_after_review__total DOUBLE,
    t2_regulations__new_made DOUBLE,
    t2_regulations__new_published DOUBLE,
    t2_regulations__total_published DOUBLE,
    t2_normative_documents__new_made DOUBLE,
    t2_normative_documents__new_published DOUBLE,
    t2_normative_documents__total_published DOUBLE,
    t2_licensing__previous_count DOUBLE,
    t2_licensing__change DOUBLE,
    t2_licensing__decisions DOUBLE,
    t2_other_services__previous_count DOUBLE,
    t2_other_services__change DOUBLE,
    t2_other_services__decisions DOUBLE,
    t2_penalty__previous_count DOUBLE,
    t2_penalty__change DOUBLE,
    t2_penalty__decisions DOUBLE,
    t2_coercion__previous_count DOUBLE,
    t2_coercion__change DOUBLE,
    t2_coercion__decisions DOUBLE,
    t2_fees__previous_count DOUBLE,
    t2_fees__change DOUBLE,
    t2_procurement__count DOUBLE,
    t2_procurement__amount_yuan DOUBLE,
    t2_regulations__issued DOUBLE,
    t2_regulations__repealed DOUBLE,
    t2_regulations__in_force DOUBLE,
    t2_normative_documents__issued DOUBLE,
    t2_normative_documents__repealed DOUBLE,
    t2_normative_documents__in_force DOUBLE,
    t2_fees__amount_wan_yuan DOUBLE
);

-- Facts about the database itself: schema and parser version of the last write.
CREATE TABLE IF NOT EXISTS meta (
    key VARCHAR PRIMARY KEY,
    value VARCHAR
);

-- Per-report values derived once by xxgk.store.derive (queries/derive/report_derived.sql) after each write, so that dashboard queries over
-- 10^5 reports read a few small columns instead of the running text and every cell: the normalised text
-- (digits, whitespace, punctuation and symbols removed) as a length and an md5 fingerprint (near-duplicates,
-- X5), and over every cell of tables 二, 三, 四: how many hold a number, whether all of those are 0, and a hash
-- of all of them (blank included) to find tables repeated from last year; and the template cells the parser
-- left blank (blank_cells). Rows whose report was parsed again (parsed_at changed) are derived again.
CREATE TABLE IF NOT EXISTS report_derived (
    report_id VARCHAR PRIMARY KEY,
    text_chars INTEGER NOT NULL,           -- characters of the normalised text
    text_fingerprint VARCHAR NOT NULL,     -- md5 of the normalised text
    numbers_printed INTEGER NOT NULL,      -- cells of tables 二–四 holding a number
    all_zero BOOLEAN,                      -- every such number is 0 (NULL when none is printed)
    tables_hash UBIGINT,                   -- hash of every cell of tables 二–四 (NULL and 0 differ)
    section_six_found BOOLEAN,             -- the text has the heading 六、其他需要报告的事项
    fees_mentioned BOOLEAN,                -- section 六 (else the whole text) mentions 信息处理费 or 收费 (rule X4)
    unread_cells INTEGER,                  -- template cells printed with digits the parser could not read
    missing_cells INTEGER,                 -- template cells not found at all (rows or tables missing)
    template_cells INTEGER,                -- cells the report's template has (NULL: not a 2019/2021 template)
    tables_missing VARCHAR,                -- 表二/表三/表四 not found, joined by 、
    derived_from TIMESTAMP                 -- reports.parsed_at when derived
);

-- The data-quality flags of every current report, against the same agency's current report of the year
-- before (X1, X5) and against its own text (X3), filled again whole by xxgk.store.derive after each write (which report is current can change
-- with any write). data_quality, carry_over_breaks and rankings read these flags instead of pairing every
-- report with its predecessor at each call, so all three flag alike. One row per current report. current_reports carries the flags that decide which
-- of 数据质量's lists a report is on, so that quality_counts counts every list in one scan.
CREATE TABLE IF NOT EXISTS report_quality (
    report_id VARCHAR NOT NULL,            -- a current report
    prev_report_id VARCHAR,                -- the agency's current report of the year before (NULL: none)
    prev_synthetic BOOLEAN,                -- that report is synthetic
    prev_carried_forward DOUBLE,           -- its 结转下年度 总计
    prev_template VARCHAR,                 -- its template (2019 | 2021 | legacy)
    prev_regulations_in_force DOUBLE,      -- its 规章 现行有效件数 (2021 template)
    prev_normative_documents_in_force DOUBLE, -- its 行政规范性文件 现行有效件数 (2021 template)
    received_blank BOOLEAN NOT NULL,       -- 本年新收 总计 is blank
    carry_over_columns_differing TINYINT,  -- of 上年结转's 7 columns printed in both years, those differing
                                           -- from last year's 结转下年度 (NULL when there is no report last year)
    carry_over_break BOOLEAN,              -- some column differs; NULL when no column is printed in both years
    tables_repeat_last_year BOOLEAN NOT NULL, -- tables 二–四 equal to last year's in every cell, in an active year
    text_repeat_last_year BOOLEAN,         -- the normalised text equals last year's (NULL: either under 100 characters)
    narrative_received DOUBLE,             -- the applications the text says were received (narrative)
    narrative_mismatch BOOLEAN,            -- that number ≠ table 三 本年新收 总计 (rule X3); NULL when either is blank
    in_force_drift_items TINYINT NOT NULL, -- of 规章 and 行政规范性文件, those whose 现行有效件数 ≠ last year's + 制发 −
                                           -- 废止 (both years on the 2021 template, every number printed; else 0)
    ocr BOOLEAN NOT NULL,                  -- read by OCR, a scan or a text layer without Unicode mapping (the reader's
                                           -- warning says so): numbers may be wrong
    issues TINYINT NOT NULL,               -- failed checks, conflict and the three flags above: how many are set
    caveat VARCHAR NOT NULL                -- one Chinese clause per issue (示例数据，虚构 first when synthetic);
                                           -- 未发现数据问题 when none
);

-- The current report of each agency and year with its agency's place and every number, wide, as the
-- stored tables say now. Read once per write by xxgk.store.derive to fill current_reports.
-- Publication: the web date of a collected file wins over the parser's (date line, then file metadata). The
-- deadline is 《政府信息公开条例》第四十九条's: a government's own report (省/市/区县政府 and the 办公室/办公厅
-- reporting for it) by 31 March of the next year, every other agency's by 31 January; reports of 2018 and before
-- fall under the 2007 条例 (第三十一条: every agency by 31 March). days_late: days after
-- the deadline (0 when on time); on_time and days_late are NULL when the date is unknown (neither on time nor
-- late). all_zero (report_derived: every number printed in tables 二–四 is 0) and proactive_items (the text's
-- 主动公开政府信息 N 条) ride along, so that view_facts groups and sums them without a join. So do the flags that put a
-- report on 数据质量's lists (report_quality, report_derived: carry_over_break, repeats_last_year, narrative_mismatch,
-- in_force_drift_items, fees_mentioned, cells_left_blank = unread + missing cells), for quality_counts, with
-- quality_issues (report_quality.issues, NULL: no flags derived), by which data_quality orders, and region_id:
-- the agency's 省/市/区县 as one number (equal where all three are, NULL matching NULL), numbered at each derive in
-- the order the region lists sort by (province, city NULLS FIRST, district NULLS FIRST), so that a query groups
-- and orders agencies by region without comparing strings.
CREATE OR REPLACE VIEW current_reports_live AS
WITH p AS (
    SELECT r.*, coalesce(cd.published, r.published_date) AS published,
           CASE WHEN cd.published IS NOT NULL THEN 'web'
                WHEN r.published_date IS NOT NULL THEN r.published_source END AS published_from
    FROM reports r
    LEFT JOIN collected_documents cd ON cd.sha256 = r.report_id
    WHERE r.is_current
)
SELECT r.report_id, r.year, r.template, r.format, r.synthetic, r.checks_failed, r.conflict,
       r.agency_printed, r.scope_table2, r.scope_table3, r.scope_table4,
       r.published AS published_date, r.published_from AS published_source,
       make_date(r.year + 1, CASE WHEN a.bureau IN ('省政府', '市政府', '区县政府', '政府办') OR r.year <= 2018
                                  THEN 3 ELSE 1 END, 31) AS publish_deadline,
       CASE WHEN r.published IS NOT NULL THEN greatest(date_diff('day', publish_deadline, r.published), 0) END
           AS days_late,
       r.published <= publish_deadline AS on_time,
       a.agency_id, a.name AS agency, a.province, a.city, a.district, a.township,
       g.region_id,
       a.code, a.level, a.bureau, a.resolved,
       d.all_zero, n.value AS proactive_items,
       q.carry_over_break, q.prev_report_id IS NOT NULL AND (q.tables_repeat_last_year OR q.text_repeat_last_year)
           IS TRUE AS repeats_last_year,
       q.narrative_mismatch, q.in_force_drift_items, q.issues AS quality_issues, d.fees_mentioned,
       d.unread_cells + d.missing_cells AS cells_left_blank,
       f.* EXCLUDE (report_id)
FROM p r
JOIN facts f USING (report_id)
LEFT JOIN agencies a USING (agency_id)
LEFT JOIN (SELECT agency_id, dense_rank() OVER (ORDER BY province, city NULLS FIRST, district NULLS FIRST) AS region_id
           FROM agencies) g USING (agency_id)  -- numbered over the agencies alone: a window over the wide rows spills
LEFT JOIN report_derived d USING (report_id)
LEFT JOIN report_quality q USING (report_id)
LEFT JOIN narrative n ON n.report_id = r.report_id AND n.key = 'proactive_items';

-- current_reports_live stored as a table: the base of the dashboard's named queries, which then scan one
-- table instead of joining reports, facts and agencies at every call (a third faster at 10^5 reports).
-- Filled again whole by xxgk.store.derive after each write, in the writer's last transaction, so
-- readers never see it out of step with the reports they see. (It was a view before derived version 3.)
CREATE TABLE IF NOT EXISTS current_reports AS
SELECT * FROM current_reports_live ORDER BY year, agency_id;

-- year_bits: the years lo..hi (clipped to base..base+125) as bits of a HUGEINT, bit y - base for year y, to be
-- and-ed with a bit_or(1::HUGEINT << (year - base)) of an agency's or a region's years: bit_count of the result
-- counts the distinct years in that span without sorting or joining rows (quality_counts). 0 when hi < lo.
CREATE OR REPLACE MACRO year_bits(lo, hi, base) AS
    CASE WHEN least(hi, base + 125) < greatest(lo, base) THEN 0::HUGEINT
         ELSE ((1::HUGEINT << (least(hi, base + 125) - greatest(lo, base) + 1)) - 1) << (greatest(lo, base) - base) END;

-- in_filters: the sidebar's filters on one report (its columns first, then in_view's parameters); counts_table2 and
-- counts_table: whether a table with that scope ('agency' | 'region' | NULL) counts in the chosen $scope. Written once
-- here for in_view and in_view_reports.
CREATE OR REPLACE MACRO in_filters(year, province, city, district, bureau, agency_id, template, synthetic, year_from,
                                   year_to, provinces, cities, districts, bureaus, agency_ids, templates, dataset) AS
    year BETWEEN year_from AND year_to
    AND (len(provinces) = 0 OR list_contains(provinces, province))
    AND (len(cities) = 0 OR list_contains(cities, city))
    -- 市·区县 is built per row only when a chosen district is named that way (the test is on the parameter alone)
    AND (len(districts) = 0 OR list_contains(districts, district)
         OR (contains(array_to_string(districts, ''), '·') AND list_contains(districts, city || '·' || district)))
    AND (len(bureaus) = 0 OR list_contains(bureaus, bureau))
    AND (len(agency_ids) = 0 OR list_contains(agency_ids, agency_id))
    AND (len(templates) = 0 OR list_contains(templates, template))
    AND CASE dataset WHEN 'demo' THEN synthetic WHEN 'real' THEN NOT synthetic
                     ELSE error('unknown $dataset: ' || dataset || ' (demo, real)') END;
CREATE OR REPLACE MACRO counts_table2(scope, table_scope) AS
    CASE scope WHEN 'any' THEN true WHEN 'agency' THEN coalesce(table_scope, 'agency') <> 'region'
               WHEN 'region' THEN table_scope = 'region'
               ELSE error('unknown $scope: ' || scope || ' (agency, region)') END;
CREATE OR REPLACE MACRO counts_table(scope, table_scope) AS
    CASE scope WHEN 'any' THEN true WHEN 'agency' THEN coalesce(table_scope, 'agency') <> 'region'
               ELSE table_scope IS NOT DISTINCT FROM 'region' END;

-- in_view_of: in_view with only the number columns whose names match t2, t3 and t4 (regular expressions over the
-- t2_*, t3_*, t4_* columns; each must match at least one column, as COLUMNS may not be empty; columns_re builds
-- them from a list of names). view_facts reads the few numbers an aggregate needs this way: planning a query over
-- all ~270 columns takes DuckDB longer than reading the rows.
CREATE OR REPLACE MACRO in_view_of(year_from, year_to, provinces, cities, districts, bureaus, agency_ids, templates,
                                   dataset, scope, t2, t3, t4) AS TABLE
SELECT COLUMNS('^([^t]|t[^234]|t[234][^_])'),  -- every column but the numbers (t2_*, t3_*, t4_*)
       CASE WHEN counts_t2 THEN COLUMNS(t2) END,
       CASE WHEN counts_t3 THEN COLUMNS(t3) END,
       CASE WHEN counts_t4 THEN COLUMNS(t4) END
FROM (
    -- only the columns kept (not r.*: planning each of ~270 columns costs)
    SELECT COLUMNS('^([^t]|t[^234]|t[234][^_])'), COLUMNS(t2), COLUMNS(t3), COLUMNS(t4),
           counts_table2(scope, r.scope_table2) AS counts_t2, counts_table(scope, r.scope_table3) AS counts_t3,
           counts_table(scope, r.scope_table4) AS counts_t4
    FROM current_reports r
    WHERE in_filters(r.year, r.province, r.city, r.district, r.bureau, r.agency_id, r.template, r.synthetic,
                     year_from, year_to, provinces, cities, districts, bureaus, agency_ids, templates, dataset)
)
WHERE counts_t2 OR counts_t3 OR counts_t4;

-- columns_re: the regular expression matching exactly the column names in `names` (names of columns are
-- [a-z0-9_]: any other character of a name is dropped, so a name is never read as a pattern), for COLUMNS(…) and
-- in_view_of. (view_facts takes its patterns ready-made: xxgk.metrics.measures.patterns.)
CREATE OR REPLACE MACRO columns_re(names) AS
    '^(' || regexp_replace(array_to_string(names, '|'), '[^a-z0-9_|]', '', 'g') || ')$';

-- in_view: the one home of the dashboard's filters. The current reports the sidebar leaves in view, one row each;
-- every named query reads `FROM in_view($year_from, $year_to, $provinces, $cities, $districts, $bureaus,
-- $agency_ids, $templates, $dataset, $scope) r` instead of repeating a WHERE clause. Values arrive as DuckDB
-- parameters, never as SQL text.
--   provinces, cities, districts: the region cascade 省 → 市 → 区县 (empty list: all). A district is chosen by its
--     name where the name is unique in the dataset (明湖区), else by its city and name joined by · (南京市·鼓楼区: only
--     Nanjing's, never 福州市·鼓楼区), as filter_options offers them and xxgk.metrics.groups names them; a bare name
--     that repeats (an older link: ?district=鼓楼区) keeps every district of that name.
--   dataset: 'demo' (the fictional demo city, synthetic) or 'real' (reports of real agencies). The two are never
--     mixed: no figure adds a synthetic report to a real one.
--   scope: whose numbers a table counts. 'agency' (default): tables counting the issuing agency alone (scope
--     'agency', or not marked); 'region' (政府汇总): tables where a government counts its whole area (全市/全区…
--     figures, reports.scope_table2/3/4 = 'region'); 'any': every table, for lists of single reports that
--     add nothing up. Each table's numbers (t2_*, t3_*, t4_*) are kept only where that table counts in the chosen
--     scope and are NULL otherwise, so no sum ever adds a region-wide figure to the agencies inside the region;
--     counts_t2/counts_t3/counts_t4 say which tables count, and a report none of whose tables counts is left out.
--   Columns are picked by regular expression (COLUMNS('…')), never by a lambda over the ~270 column names: DuckDB
--   plans a lambda per column, which made planning, not reading, most of what a query over in_view waited for.
CREATE OR REPLACE MACRO in_view(year_from, year_to, provinces, cities, districts, bureaus, agency_ids, templates,
                                dataset, scope) AS TABLE
SELECT *
FROM in_view_of(year_from, year_to, provinces, cities, districts, bureaus, agency_ids, templates, dataset, scope,
                '^t2_', '^t3_', '^t4_');

-- in_view_reports: the same reports as in_view (the same filters, the same counts_t2/counts_t3/counts_t4) without
-- their numbers (no t2_*, t3_*, t4_* column), for the lists of reports that print none: one number column of each
-- table is all in_view_of plans, then dropped.
CREATE OR REPLACE MACRO in_view_reports(year_from, year_to, provinces, cities, districts, bureaus, agency_ids,
                                        templates, dataset, scope) AS TABLE
SELECT COLUMNS('^([^t]|t[^234]|t[234][^_])')
FROM in_view_of(year_from, year_to, provinces, cities, districts, bureaus, agency_ids, templates, dataset, scope,
                '^t2_regulations__new_made$', '^t3_new_received__total$', '^t4_review__total$');

-- agency_years: each agency with current reports in view (the region filters, templates and dataset, every year),
-- for the checks that pair an agency's years with its region's (quality_counts, missing_subordinates): its bureau,
-- region_id, in_a_region (its province or city is known), first_year and last_year, its report years as bits of
-- a HUGEINT (`years`: bit year - base, where base is the earliest year in view; a database's years span less than
-- 126; year_bits picks a span out of it) and synthetic (its reports are demo data).
CREATE OR REPLACE MACRO agency_years(provinces, cities, districts, templates, dataset) AS TABLE
SELECT agency_id, any_value(bureau) AS bureau, any_value(region_id) AS region_id,
       bool_or(province IS NOT NULL OR city IS NOT NULL) AS in_a_region, min(year) AS first_year,
       max(year) AS last_year, bit_or(1::HUGEINT << (year - b.base)) AS years, any_value(b.base) AS base,
       bool_or(synthetic) AS synthetic
FROM in_view_reports(0, 9999, provinces, cities, districts, [], [], templates, dataset, 'any'),
     (SELECT min(year) AS base FROM in_view_reports(0, 9999, provinces, cities, districts, [], [], templates, dataset, 'any')) b
WHERE agency_id IS NOT NULL
GROUP BY agency_id;

-- Wide views by table of the template, over current reports (the agency's place and the synthetic flag
-- on every row): 三 applications, 二 disclosure (proactive disclosure), 四 litigation (review and suits).
CREATE OR REPLACE VIEW applications AS
SELECT report_id, year, template, synthetic, agency_id, agency, province, city, district, township, code, level,
       bureau, COLUMNS('^t3_')
FROM current_reports;

CREATE OR REPLACE VIEW disclosure AS
SELECT report_id, year, template, synthetic, agency_id, agency, province, city, district, township, code, level,
       bureau, COLUMNS('^t2_')
FROM current_reports;

CREATE OR REPLACE VIEW litigation AS
SELECT report_id, year, template, synthetic, agency_id, agency, province, city, district, township, code, level,
       bureau, COLUMNS('^t4_')
FROM current_reports;

-- Every cell where two reports of the same agency and year print different values (blank vs a number
-- counts): the conflicts that `reports.conflict` flags, cell by cell, the current report's value first.
CREATE OR REPLACE VIEW report_conflicts AS
SELECT cur.agency_id, cur.year, cur.report_id AS current_report_id, oth.report_id AS other_report_id,
       cc.table_name, cc.row_key, cc.col_key, cc.value AS current_value, oc.value AS other_value,
       cur.synthetic OR oth.synthetic AS synthetic
FROM reports cur
JOIN reports oth ON oth.agency_id = cur.agency_id AND oth.year = cur.year AND oth.report_id <> cur.report_id
JOIN cells cc ON cc.report_id = cur.report_id
JOIN cells oc ON oc.report_id = oth.report_id
     AND oc.table_name = cc.table_name AND oc.row_key = cc.row_key AND oc.col_key = cc.col_key
WHERE cur.is_current AND NOT oth.is_current AND cc.value IS DISTINCT FROM oc.value;

-- Agency names the registry could not place, for a person to look at, with how many reports use them.
CREATE OR REPLACE VIEW unresolved_agencies AS
SELECT a.agency_id, a.name, a.note, a.bureau, count(r.report_id) AS reports,
       min(r.year) AS first_year, max(r.year) AS last_year, bool_or(r.synthetic) AS synthetic
FROM agencies a
LEFT JOIN reports r USING (agency_id)
WHERE NOT a.resolved
GROUP BY ALL;

-- The template places the Word briefing quotes cell by cell (xxgk/brief: applications received and processed,
-- granted and partially granted, 行政许可/处罚/强制 decisions, and table 四's reviews and suits with their results):
-- their printed cells are kept apart in quoted_cells, so the briefing's appendix (named query source_cells) reads a
-- tenth of the printed cells instead of all of them. Any other place is read from `cells`. tests/brief holds every
-- place the briefing quotes to this list; changing it needs a new DERIVED_VERSION (xxgk/store/derive.py), so that
-- quoted_cells is filled again for every stored report.
CREATE OR REPLACE TABLE quoted_places AS
SELECT * FROM (VALUES
    ('table3', 'new_received', 'total'), ('table3', 'total_processed', 'total'), ('table3', 'granted', 'total'),
    ('table3', 'partially_granted', 'total'),
    ('table2', 'licensing', 'decisions'), ('table2', 'penalty', 'decisions'), ('table2', 'coercion', 'decisions'),
    ('table4', 'review', 'total'), ('table4', 'review', 'upheld'), ('table4', 'review', 'corrected'),
    ('table4', 'review', 'other'),
    ('table4', 'suit_direct', 'total'), ('table4', 'suit_direct', 'upheld'), ('table4', 'suit_direct', 'corrected'),
    ('table4', 'suit_direct', 'other'),
    ('table4', 'suit_after_review', 'total'), ('table4', 'suit_after_review', 'upheld'),
    ('table4', 'suit_after_review', 'corrected'), ('table4', 'suit_after_review', 'other')
) t(table_name, row_key, col_key);

-- The rows of `cells` at the quoted_places, of every stored report, derived once per report by xxgk.store.derive
-- (queries/derive/quoted_cells.sql) when it is stored or parsed again. Same columns and meaning as `cells`.
CREATE TABLE IF NOT EXISTS quoted_cells (
    report_id VARCHAR NOT NULL,
    table_name VARCHAR NOT NULL,
    row_key VARCHAR NOT NULL,
    col_key VARCHAR NOT NULL,
    value DOUBLE,
    raw VARCHAR,
    label VARCHAR,
    page INTEGER,
    position VARCHAR
);

-- The crawls of python -m xxgk collect (docs/collect.md): one row per run. A run that did not finish
-- (finished_at NULL) is continued by the next run given the same start URLs.
CREATE TABLE IF NOT EXISTS crawl_runs (
    run_id INTEGER PRIMARY KEY,
    start_urls VARCHAR[] NOT NULL,         -- as given, sorted
    hosts VARCHAR[] NOT NULL,              -- the hosts it may fetch from
    started_at TIMESTAMP NOT NULL,
    finished_at TIMESTAMP,                 -- NULL while running, or when the run was killed
    pages_fetched INTEGER,                 -- the summary, once finished
    reports_found INTEGER,
    reports_new INTEGER,
    reports_unchanged INTEGER,
    failed INTEGER
);

-- A crawl's frontier: every URL a run decided to fetch, and what became of it. Rows of a finished run
-- are dropped when the next run starts; a killed run's pending rows are where the next run continues.
CREATE TABLE IF NOT EXISTS crawl_frontier (
    run_id INTEGER NOT NULL,
    url VARCHAR NOT NULL,                  -- absolute, without #fragment; a data-proxy range carries its form fields as query
    seq INTEGER NOT NULL,                  -- order found (fetched in this order)
    kind VARCHAR NOT NULL,                 -- page | list | report | file | proxy | json
    depth INTEGER NOT NULL,                -- links followed from the start URL
    scope VARCHAR,                         -- folder URL of the 年报 column it was found in (NULL: outside one)
    title VARCHAR,                         -- the title as the list prints it
    list_date DATE,                        -- the date the list prints beside it
    article_url VARCHAR,                   -- for an attachment: its article page
    article_date DATE,                     -- for an attachment: the article's date (meta tag or page text)
    article_date_from VARCHAR,             -- meta | page
    state VARCHAR NOT NULL,                -- pending | done | failed | skipped
    reason VARCHAR,                        -- why failed or skipped, in Chinese
    done_at TIMESTAMP,
    PRIMARY KEY (run_id, url)
);

-- The fetch log: the last answer for every URL fetched, across runs, so a later run asks only for what
-- changed (If-None-Match / If-Modified-Since) and knows the bytes it already has.
CREATE TABLE IF NOT EXISTS crawl_fetches (
    url VARCHAR PRIMARY KEY,
    status INTEGER,                        -- HTTP status of the last answer (304 counts as unchanged)
    etag VARCHAR,
    last_modified VARCHAR,                 -- the Last-Modified header as sent
    sha256 VARCHAR,                        -- of the body last received
    content_type VARCHAR,
    bytes BIGINT,
    fetched_at TIMESTAMP NOT NULL
);
