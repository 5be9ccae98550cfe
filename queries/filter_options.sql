-- filter_options: the choices the dashboard's sidebar offers for one dataset, one row per choice.
-- Returns: kind (year | province | city | district | bureau | agency | template), value (VARCHAR; the agency_id
--   for an agency), label (what the sidebar shows), province, city, district (where the choice sits in the region
--   hierarchy 省 → 市 → 区县, for the cascade: a city carries its province, a district its province, city and its
--   own name, an agency all three), bureau (of an agency), reports (current reports behind the choice),
--   synthetic_reports (of those, generated demo reports). A district's value is its name where the name is unique in
--   the dataset, else its city and name joined by · (南京市·鼓楼区 and 福州市·鼓楼区 are two choices), the form the
--   in_view macro matches and the charts' group keys use. Ordered by kind, then 省, 市 and value; agencies by number.
-- Parameters: $dataset. The other filters are deliberately not applied, so every choice stays on offer.
WITH agency_counts AS MATERIALIZED (  -- the agencies, counted by number (held: read three times, counted once)
    SELECT agency_id, count(*) AS reports, count(*) FILTER (WHERE synthetic) AS synthetic_reports
    FROM in_view_reports(0, 9999, [], [], [], [], [], [], $dataset, 'any')
    WHERE agency_id IS NOT NULL
    GROUP BY agency_id
),
placed AS (
    SELECT c.*, a.name, a.province, a.city, a.district, a.bureau
    FROM agency_counts c
    LEFT JOIN agencies a USING (agency_id)
),
places AS (  -- the agencies' counts by district (a few hundred rows), for the cascade's three levels
    SELECT province, city, district, sum(reports) AS reports, sum(synthetic_reports) AS synthetic_reports
    FROM placed
    GROUP BY ALL
),
g AS (  -- every choice but the agencies. A report's place and bureau are its agency's: the regions and bureaus are
        -- counted over the agencies' counts, the years and templates over the reports
    SELECT NULL::INTEGER AS year, province, city, district, NULL::VARCHAR AS bureau, NULL::VARCHAR AS template,
           false AS by_year, GROUPING(province) = 0 AND GROUPING(city) = 1 AS by_province,
           GROUPING(city) = 0 AND GROUPING(district) = 1 AS by_city, GROUPING(district) = 0 AS by_district,
           false AS by_bureau, sum(reports)::BIGINT AS reports, sum(synthetic_reports)::BIGINT AS synthetic_reports
    FROM places
    GROUP BY GROUPING SETS ((province), (province, city), (province, city, district))
    UNION ALL
    SELECT NULL, NULL, NULL, NULL, bureau, NULL, false, false, false, false, true, sum(reports)::BIGINT,
           sum(synthetic_reports)::BIGINT
    FROM placed
    GROUP BY bureau
    UNION ALL
    SELECT year, NULL, NULL, NULL, NULL, template, GROUPING(year) = 0, false, false, false, false,
           count(*), count(*) FILTER (WHERE synthetic)
    FROM in_view_reports(0, 9999, [], [], [], [], [], [], $dataset, 'any')  -- scanned again: cheaper than held
    GROUP BY GROUPING SETS ((year), (template))
),
shared AS (  -- district names standing under more than one city of the dataset
    SELECT district FROM g WHERE by_district AND city IS NOT NULL GROUP BY district HAVING count(DISTINCT city) > 1
),
named AS (  -- a district's choice: 南京市·鼓楼区 where the name repeats, else its name
    SELECT *, CASE WHEN by_district AND city IS NOT NULL AND district IN (SELECT district FROM shared)
                   THEN city || '·' || district ELSE district END AS district_choice
    FROM g
),
options AS (
    SELECT CASE WHEN by_year THEN 1 WHEN by_province THEN 2 WHEN by_city THEN 3 WHEN by_district THEN 4
                WHEN by_bureau THEN 5 ELSE 7 END AS kind_order,
           CASE WHEN by_year THEN 'year' WHEN by_province THEN 'province' WHEN by_city THEN 'city'
                WHEN by_district THEN 'district' WHEN by_bureau THEN 'bureau' ELSE 'template' END AS kind,
           CASE WHEN by_year THEN CAST(year AS VARCHAR) WHEN by_province THEN province WHEN by_city THEN city
                WHEN by_district THEN district_choice WHEN by_bureau THEN bureau ELSE template END AS value,
           CASE WHEN by_year THEN CAST(year AS VARCHAR) || '年' WHEN by_province THEN province WHEN by_city THEN city
                WHEN by_district THEN district_choice WHEN by_bureau THEN bureau
                WHEN template = '2019' THEN '2019版格式' WHEN template = '2021' THEN '2021版格式'
                ELSE '旧式（2019年前）' END AS label,
           CASE WHEN by_city OR by_district THEN province END AS province,
           CASE WHEN by_district THEN city END AS city,
           CASE WHEN by_district THEN district END AS district,
           NULL AS bureau, reports, synthetic_reports
    FROM named
    UNION ALL
    SELECT 6, 'agency', CAST(agency_id AS VARCHAR), name, province, city, district, bureau, reports, synthetic_reports
    FROM placed
)
SELECT kind, value, label, province, city, district, bureau, reports, synthetic_reports
FROM options
WHERE value IS NOT NULL
-- agencies by number: the sidebar sorts them by name itself, and ordering 175,000 names by their places took longer
-- than counting them
ORDER BY kind_order, CASE WHEN kind <> 'agency' THEN province END NULLS LAST,
         CASE WHEN kind <> 'agency' THEN city END NULLS LAST, CASE WHEN kind <> 'agency' THEN value END,
         TRY_CAST(value AS BIGINT);
