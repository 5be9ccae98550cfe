-- current_reports: current_reports_live (queries/schema.sql) stored as a table, filled again whole after every
-- write, so the dashboard's named queries scan one table instead of joining reports, facts and agencies.
-- Parameters: none.
CREATE OR REPLACE TABLE current_reports AS
SELECT * FROM current_reports_live ORDER BY year, agency_id;
