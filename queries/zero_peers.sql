-- zero_peers: one agency against its peers (same bureau type in other districts), per year.
-- Returns: year, agency_id, agency, bureau, received, zero_applications, peers (peer agencies with a printed
--   本年新收 总计 that year), peers_zero (of those, printed 0), peers_zero_share, peers_median_received,
--   peer_synthetic_reports. Peers need a known district other than the agency's and the same bureau type.
-- Parameters: $agency_id, and the filters $year_from $year_to $templates $dataset $scope
--   (district, bureau and agency filters would hide the peers and are not applied).
WITH me AS (
    SELECT r.agency_id, r.agency, r.bureau, r.district, r.year, r.t3_new_received__total AS received
    FROM in_view($year_from, $year_to, [], [], [], [], [$agency_id], $templates, $dataset, $scope) r
),
peers AS (
    SELECT p.year, p.agency_id, p.t3_new_received__total AS received, p.synthetic
    FROM in_view($year_from, $year_to, [], [], [], [], [], $templates, $dataset, $scope) p
    JOIN (SELECT DISTINCT bureau, district FROM me) m
      ON p.bureau = m.bureau AND p.district IS NOT NULL AND p.district <> coalesce(m.district, '')
    WHERE p.t3_new_received__total IS NOT NULL
),
peer_year AS (
    SELECT year, count(agency_id) AS peers,
           count(agency_id) FILTER (WHERE received = 0) AS peers_zero,
           median(received) AS peers_median_received,
           count(*) FILTER (WHERE synthetic) AS peer_synthetic_reports
    FROM peers GROUP BY year
)
SELECT me.year, me.agency_id, me.agency, me.bureau, me.received, me.received = 0 AS zero_applications,
       coalesce(py.peers, 0) AS peers, coalesce(py.peers_zero, 0) AS peers_zero,
       py.peers_zero / nullif(py.peers, 0) AS peers_zero_share,
       py.peers_median_received, coalesce(py.peer_synthetic_reports, 0) AS peer_synthetic_reports
FROM me LEFT JOIN peer_year py USING (year)
ORDER BY me.year;
