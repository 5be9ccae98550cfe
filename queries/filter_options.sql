-- filter_options: the choices the dashboard's sidebar offers, one row per choice.
-- Returns: kind (year | district | bureau | agency | template), value (VARCHAR; the agency_id for an agency),
--   label (what the sidebar shows), district and bureau (of an agency, for cascading choices),
--   reports (current reports behind the choice), synthetic_reports (of those, generated demo reports).
-- Parameters: $include_synthetic. The other filters are deliberately not applied, so every choice stays on offer.
WITH r AS (
    SELECT r.year, r.district, r.bureau, r.agency_id, r.agency, r.template, r.synthetic
    FROM current_reports r
    WHERE ($include_synthetic OR NOT r.synthetic)
),
options AS (
    SELECT 1 AS kind_order, 'year' AS kind, CAST(year AS VARCHAR) AS value, CAST(year AS VARCHAR) || '年' AS label,
           NULL::VARCHAR AS district, NULL::VARCHAR AS bureau, count(*) AS reports,
           count(*) FILTER (WHERE synthetic) AS synthetic_reports
    FROM r WHERE year IS NOT NULL GROUP BY year
    UNION ALL
    SELECT 2, 'district', district, district, NULL, NULL, count(*), count(*) FILTER (WHERE synthetic)
    FROM r WHERE district IS NOT NULL GROUP BY district
    UNION ALL
    SELECT 3, 'bureau', bureau, bureau, NULL, NULL, count(*), count(*) FILTER (WHERE synthetic)
    FROM r WHERE bureau IS NOT NULL GROUP BY bureau
    UNION ALL
    SELECT 4, 'agency', CAST(agency_id AS VARCHAR), agency, any_value(district), any_value(bureau), count(*),
           count(*) FILTER (WHERE synthetic)
    FROM r WHERE agency_id IS NOT NULL GROUP BY agency_id, agency
    UNION ALL
    SELECT 5, 'template', template,
           CASE template WHEN '2019' THEN '2019版格式' WHEN '2021' THEN '2021版格式' ELSE '旧式（2019年前）' END,
           NULL, NULL, count(*), count(*) FILTER (WHERE synthetic)
    FROM r GROUP BY template
)
SELECT kind, value, label, district, bureau, reports, synthetic_reports
FROM options
ORDER BY kind_order, CASE WHEN kind = 'agency' THEN district END NULLS LAST, value;
