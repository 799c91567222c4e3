-- Journey detail reads a few thousand response_daily rows per call; with the counts in the
-- index those come from an index-only scan (~200 buffers) instead of ~3,000 heap pages, which
-- keeps the query's p95 flat as data grows (see BENCHMARKS.md).
CREATE UNIQUE INDEX IF NOT EXISTS response_daily_covering_idx ON response_daily (touchpoint_id, metric, day)
  INCLUDE (c0, c1, c2, c3, c4, c5, c6, c7, c8, c9, c10);
