-- title: Conflicting figures, in DuckDB SQL
-- description: The conflict rule of `conflicts-live` (queries/conflicts-live.rq, docs/conflicts.md) written as
-- description: an analyst would in DuckDB, over a table or view `claims` with one row per claim as
-- description: queries/duckdb/claim-table.rq reads it (bench/duckdb_baseline.py exports it to Parquet:
-- description: CREATE VIEW claims AS FROM 'claims.parquet'). One row per listed pair: kind, metric, both claims
-- description: (side a the lower figure, the claim with the lower IRI between equal ones; the earlier for a
-- description: revision) and the ratio. The same (kind, claim_a, claim_b) rows as `kg conflicts` lists; the
-- description: baseline issue 23 measures kg against. Corroborations are not conflicts and are left out.
-- param: tolerance -- relative tolerance for approximate figures and discrepancies ($tolerance, e.g. 0.10)
--
-- Each part follows the part of conflicts-live.rq of the same name, condition for condition. Unbound SPARQL
-- terms are NULLs here; SQL's three-valued logic drops a row whose condition is NULL as SPARQL drops one
-- whose filter is an error, and a CASE on a NULL condition, unlike SPARQL's IF, takes its ELSE: where that
-- matters a condition is written as AND/OR instead.
WITH
param AS (SELECT CAST($tolerance AS DECIMAL(4, 3)) AS t),

-- an end date's month: year * 12 + month, a bare year its December (as conflicts-live counts it)
dated AS (
  SELECT *,
         CAST(left(period_end, 4) AS INTEGER) * 12
           + CASE WHEN length(period_end) >= 7 THEN CAST(substr(period_end, 6, 2) AS INTEGER) ELSE 12 END AS end_month
  FROM claims
),

-- ---- comparable pairs: claims sharing a comparison bucket (set at load time, kg.analysis.rules)
comparison_keys AS (SELECT claim, unnest(comparison_buckets) AS bucket FROM claims),
comparable AS (
  SELECT DISTINCT x.claim AS a, y.claim AS b
  FROM comparison_keys x JOIN comparison_keys y ON x.bucket = y.bucket AND x.claim <> y.claim
),
comparable_pairs AS (
  SELECT a.claim AS claim_a, b.claim AS claim_b, NULL AS fixed_kind
  FROM comparable p JOIN dated a ON a.claim = p.a JOIN dated b ON b.claim = p.b
  -- one row per unordered pair: the lower figure is side a; the same source in the same article is one voice
  WHERE (a.value < b.value OR (a.value = b.value AND a.claim < b.claim))
    AND (a.asserter <> b.asserter OR a.graph <> b.graph)
    AND (
      a.incident IS NOT NULL  -- the bucket holds metric and incident: an incident fixes time and place
      OR (a.running AND b.running  -- running totals: ends within a month (the same year when one is a bare year)
          AND ((least(length(a.period_end), length(b.period_end)) = 4
                AND left(a.period_end, 4) = left(b.period_end, 4))
               OR (least(length(a.period_end), length(b.period_end)) <> 4
                   AND abs(a.end_month - b.end_month) <= 1)))
      OR (left(a.period_end, least(length(a.period_end), length(b.period_end)))  -- otherwise: same start and end,
            = left(b.period_end, least(length(a.period_end), length(b.period_end)))  -- at the coarser precision
          AND ((a.period_start IS NULL AND b.period_start IS NULL)
               OR left(a.period_start, least(length(a.period_start), length(b.period_start)))
                  = left(b.period_start, least(length(a.period_start), length(b.period_start)))))
    )
),

-- ---- revisions: a running total by the same source that is lower at a later end
series AS (
  SELECT claim, series_key, source, value, bound, value_max, period_end FROM claims
  WHERE running AND series_key IS NOT NULL AND period_end IS NOT NULL
),
revision_pairs AS (
  SELECT a.claim AS claim_a, b.claim AS claim_b, 'revision' AS fixed_kind
  FROM series a JOIN series b ON a.series_key = b.series_key AND a.source = b.source
  -- down: like for like (same bound, lower figure), or a capped later figure below the earlier one
  WHERE ((b.bound = a.bound AND b.value < a.value)
         OR (b.bound NOT IN ('at-least', 'more-than') AND a.bound NOT IN ('at-most', 'less-than')
             AND (CASE WHEN b.bound = 'range' AND b.value_max IS NOT NULL THEN b.value_max ELSE b.value END) < a.value))
    AND left(a.period_end, least(length(a.period_end), length(b.period_end)))
        < left(b.period_end, least(length(a.period_end), length(b.period_end)))
),

-- ---- not comparable: same metric, a shared place, ends within a month, other place set, overlapping periods
overlap_keys AS (SELECT claim, unnest(overlap_buckets) AS bucket FROM claims),
overlapping AS (
  SELECT DISTINCT x.claim AS a, y.claim AS b
  FROM overlap_keys x JOIN overlap_keys y ON x.bucket = y.bucket AND x.claim <> y.claim
),
not_comparable_pairs AS (
  SELECT a.claim AS claim_a, b.claim AS claim_b, 'not-comparable' AS fixed_kind
  FROM overlapping p JOIN dated a ON a.claim = p.a JOIN dated b ON b.claim = p.b
  WHERE a.period_end IS NOT NULL AND b.period_end IS NOT NULL
    AND a.asserter <> b.asserter
    AND (a.value < b.value OR (a.value = b.value AND a.claim < b.claim))
    AND a.places <> b.places
    -- the periods overlap (a period without a start taken as its end), at the coarser precision
    AND left(coalesce(a.period_start, a.period_end), least(length(coalesce(a.period_start, a.period_end)), length(b.period_end)))
        <= left(b.period_end, least(length(coalesce(a.period_start, a.period_end)), length(b.period_end)))
    AND left(coalesce(b.period_start, b.period_end), least(length(coalesce(b.period_start, b.period_end)), length(a.period_end)))
        <= left(a.period_end, least(length(coalesce(b.period_start, b.period_end)), length(a.period_end)))
    -- the ends within a month (the same year when one is a bare year)
    AND ((least(length(a.period_end), length(b.period_end)) = 4 AND left(a.period_end, 4) = left(b.period_end, 4))
         OR (least(length(a.period_end), length(b.period_end)) <> 4 AND abs(a.end_month - b.end_month) <= 1))
),

candidates AS (
  SELECT * FROM comparable_pairs UNION ALL SELECT * FROM revision_pairs UNION ALL SELECT * FROM not_comparable_pairs
),

-- ---- each figure as an interval; the tolerance widens approximate figures
sides AS (
  SELECT p.fixed_kind, a.metric, a.claim AS claim_a, b.claim AS claim_b, a.graph AS graph_a, b.graph AS graph_b,
         a.voice AS voice_a, b.voice AS voice_b, a.value AS va, b.value AS vb, a.bound AS ba, b.bound AS bb,
         a.value_max AS vma, b.value_max AS vmb, param.t
  FROM candidates p JOIN claims a ON a.claim = p.claim_a JOIN claims b ON b.claim = p.claim_b, param
  -- sources of one family are one voice: never compared within one article, their figures never a
  -- contradiction (a revision is one source's series)
  WHERE p.fixed_kind = 'revision' OR a.voice <> b.voice OR (p.fixed_kind IS NULL AND a.graph <> b.graph)
),
intervals AS (
  SELECT *,
         CASE WHEN ba IN ('at-most', 'less-than') THEN 0 WHEN ba = 'approx' THEN va * (1 - t) ELSE va END AS lo_a,
         CASE WHEN bb IN ('at-most', 'less-than') THEN 0 WHEN bb = 'approx' THEN vb * (1 - t) ELSE vb END AS lo_b,
         CASE WHEN ba = 'range' AND vma IS NOT NULL THEN vma WHEN ba = 'approx' THEN va * (1 + t) ELSE va END AS hi_a,
         CASE WHEN bb = 'range' AND vmb IS NOT NULL THEN vmb WHEN bb = 'approx' THEN vb * (1 + t) ELSE vb END AS hi_b,
         -- the stated figures' tops: how far apart they are is the higher one's lowest over the lower one's highest
         CASE WHEN ba = 'range' AND vma IS NOT NULL THEN vma ELSE va END AS top_a,
         CASE WHEN bb = 'range' AND vmb IS NOT NULL THEN vmb ELSE vb END AS top_b
  FROM sides
),
gaps AS (
  SELECT *,
         CASE WHEN vb >= top_a THEN top_a WHEN va >= top_b THEN top_b ELSE 1 END AS low,
         CASE WHEN vb >= top_a THEN vb WHEN va >= top_b THEN va ELSE 1 END AS high
  FROM intervals
),
judged AS (
  SELECT *,
         (NOT ba IN ('at-least', 'more-than')
          AND (hi_a < lo_b OR (hi_a = lo_b AND (ba = 'less-than' OR bb = 'more-than'))))
         OR (NOT bb IN ('at-least', 'more-than')
          AND (hi_b < lo_a OR (hi_b = lo_a AND (bb = 'less-than' OR ba = 'more-than')))) AS disjoint,
         ba IN ('at-least', 'more-than', 'at-most', 'less-than')
           OR bb IN ('at-least', 'more-than', 'at-most', 'less-than') AS one_sided,
         -- no ratio to a zero figure (infinitely far); a ratio past 1 + t, as a product: exact in decimals
         (low = 0 AND high <> 0) OR (low <> 0 AND high > low * (1 + t)) AS far,
         va = vb AND ba = bb AND (ba <> 'range' OR top_a = top_b) AS same_figure
  FROM gaps
),
kinds AS (
  SELECT *,
         CASE WHEN fixed_kind IS NOT NULL THEN fixed_kind
              WHEN same_figure THEN 'corroboration'
              WHEN voice_a <> voice_b THEN
                CASE WHEN disjoint THEN 'contradiction' WHEN one_sided AND far THEN 'discrepancy' ELSE 'compatible' END
              WHEN disjoint OR (one_sided AND far) THEN 'misreport'
              ELSE 'compatible' END AS kind
  FROM judged
)
SELECT kind, metric, claim_a, claim_b,
       -- the ratio to two decimals, halves rounded up, in exact integers (the figures' ten decimals as units):
       -- a double puts 1.525 below the half
       CASE WHEN kind = 'not-comparable' OR (low = 0 AND high <> 0) THEN NULL
            WHEN low = 0 THEN 1
            ELSE ((200 * high_units + low_units) // (2 * low_units)) * CAST(0.01 AS DECIMAL(3, 2)) END AS ratio
FROM (SELECT *, CAST(high * 10000000000 AS HUGEINT) AS high_units, CAST(low * 10000000000 AS HUGEINT) AS low_units
      FROM kinds)
WHERE kind NOT IN ('compatible', 'corroboration')
