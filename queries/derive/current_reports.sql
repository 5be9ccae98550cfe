-- current_reports: current_reports_live (queries/schema.sql) stored as a table, filled again whole after every
-- write, so the dashboard's named queries scan one table instead of joining reports, facts and agencies.
-- xxgk.store.derive empties it and runs this once per year ($year, NULL last), in year order: one pass over 10^6
-- wide rows does not fit the writer's memory, a year's share does, and the rows stay sorted by year and agency.
-- Parameters: $year (a report year, or NULL for the reports without one).
INSERT INTO current_reports
SELECT * FROM current_reports_live WHERE year IS NOT DISTINCT FROM $year ORDER BY agency_id;
