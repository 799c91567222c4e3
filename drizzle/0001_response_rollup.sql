-- Keeps response_daily (counts per touchpoint, metric, UTC day and score) equal to what
-- `responses` holds, whoever writes it: the ingest API, the CLI, or an upstream pipeline
-- using plain SQL. Statement-level triggers with transition tables aggregate a whole batch
-- in one upsert instead of one per row.
CREATE FUNCTION response_daily_apply() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO response_daily AS d (touchpoint_id, metric, day, c0, c1, c2, c3, c4, c5, c6, c7, c8, c9, c10)
    SELECT touchpoint_id, metric, day,
      coalesce(sum(sign) FILTER (WHERE score = 0), 0)::int,
      coalesce(sum(sign) FILTER (WHERE score = 1), 0)::int,
      coalesce(sum(sign) FILTER (WHERE score = 2), 0)::int,
      coalesce(sum(sign) FILTER (WHERE score = 3), 0)::int,
      coalesce(sum(sign) FILTER (WHERE score = 4), 0)::int,
      coalesce(sum(sign) FILTER (WHERE score = 5), 0)::int,
      coalesce(sum(sign) FILTER (WHERE score = 6), 0)::int,
      coalesce(sum(sign) FILTER (WHERE score = 7), 0)::int,
      coalesce(sum(sign) FILTER (WHERE score = 8), 0)::int,
      coalesce(sum(sign) FILTER (WHERE score = 9), 0)::int,
      coalesce(sum(sign) FILTER (WHERE score = 10), 0)::int
    FROM (SELECT touchpoint_id, metric, (responded_at AT TIME ZONE 'UTC')::date AS day, score, 1 AS sign FROM new_rows) AS delta
    GROUP BY touchpoint_id, metric, day
    ORDER BY touchpoint_id, metric, day
    ON CONFLICT (touchpoint_id, metric, day) DO UPDATE SET
    c0 = d.c0 + excluded.c0,
    c1 = d.c1 + excluded.c1,
    c2 = d.c2 + excluded.c2,
    c3 = d.c3 + excluded.c3,
    c4 = d.c4 + excluded.c4,
    c5 = d.c5 + excluded.c5,
    c6 = d.c6 + excluded.c6,
    c7 = d.c7 + excluded.c7,
    c8 = d.c8 + excluded.c8,
    c9 = d.c9 + excluded.c9,
    c10 = d.c10 + excluded.c10;
  ELSIF TG_OP = 'DELETE' THEN
    INSERT INTO response_daily AS d (touchpoint_id, metric, day, c0, c1, c2, c3, c4, c5, c6, c7, c8, c9, c10)
    SELECT touchpoint_id, metric, day,
      coalesce(sum(sign) FILTER (WHERE score = 0), 0)::int,
      coalesce(sum(sign) FILTER (WHERE score = 1), 0)::int,
      coalesce(sum(sign) FILTER (WHERE score = 2), 0)::int,
      coalesce(sum(sign) FILTER (WHERE score = 3), 0)::int,
      coalesce(sum(sign) FILTER (WHERE score = 4), 0)::int,
      coalesce(sum(sign) FILTER (WHERE score = 5), 0)::int,
      coalesce(sum(sign) FILTER (WHERE score = 6), 0)::int,
      coalesce(sum(sign) FILTER (WHERE score = 7), 0)::int,
      coalesce(sum(sign) FILTER (WHERE score = 8), 0)::int,
      coalesce(sum(sign) FILTER (WHERE score = 9), 0)::int,
      coalesce(sum(sign) FILTER (WHERE score = 10), 0)::int
    FROM (SELECT touchpoint_id, metric, (responded_at AT TIME ZONE 'UTC')::date AS day, score, -1 AS sign FROM old_rows) AS delta
    GROUP BY touchpoint_id, metric, day
    ORDER BY touchpoint_id, metric, day
    ON CONFLICT (touchpoint_id, metric, day) DO UPDATE SET
    c0 = d.c0 + excluded.c0,
    c1 = d.c1 + excluded.c1,
    c2 = d.c2 + excluded.c2,
    c3 = d.c3 + excluded.c3,
    c4 = d.c4 + excluded.c4,
    c5 = d.c5 + excluded.c5,
    c6 = d.c6 + excluded.c6,
    c7 = d.c7 + excluded.c7,
    c8 = d.c8 + excluded.c8,
    c9 = d.c9 + excluded.c9,
    c10 = d.c10 + excluded.c10;
  ELSIF TG_OP = 'UPDATE' THEN
    INSERT INTO response_daily AS d (touchpoint_id, metric, day, c0, c1, c2, c3, c4, c5, c6, c7, c8, c9, c10)
    SELECT touchpoint_id, metric, day,
      coalesce(sum(sign) FILTER (WHERE score = 0), 0)::int,
      coalesce(sum(sign) FILTER (WHERE score = 1), 0)::int,
      coalesce(sum(sign) FILTER (WHERE score = 2), 0)::int,
      coalesce(sum(sign) FILTER (WHERE score = 3), 0)::int,
      coalesce(sum(sign) FILTER (WHERE score = 4), 0)::int,
      coalesce(sum(sign) FILTER (WHERE score = 5), 0)::int,
      coalesce(sum(sign) FILTER (WHERE score = 6), 0)::int,
      coalesce(sum(sign) FILTER (WHERE score = 7), 0)::int,
      coalesce(sum(sign) FILTER (WHERE score = 8), 0)::int,
      coalesce(sum(sign) FILTER (WHERE score = 9), 0)::int,
      coalesce(sum(sign) FILTER (WHERE score = 10), 0)::int
    FROM (
      SELECT touchpoint_id, metric, (responded_at AT TIME ZONE 'UTC')::date AS day, score, 1 AS sign FROM new_rows
      UNION ALL
      SELECT touchpoint_id, metric, (responded_at AT TIME ZONE 'UTC')::date AS day, score, -1 AS sign FROM old_rows
    ) AS delta
    GROUP BY touchpoint_id, metric, day
    ORDER BY touchpoint_id, metric, day
    ON CONFLICT (touchpoint_id, metric, day) DO UPDATE SET
    c0 = d.c0 + excluded.c0,
    c1 = d.c1 + excluded.c1,
    c2 = d.c2 + excluded.c2,
    c3 = d.c3 + excluded.c3,
    c4 = d.c4 + excluded.c4,
    c5 = d.c5 + excluded.c5,
    c6 = d.c6 + excluded.c6,
    c7 = d.c7 + excluded.c7,
    c8 = d.c8 + excluded.c8,
    c9 = d.c9 + excluded.c9,
    c10 = d.c10 + excluded.c10;
  END IF;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER responses_rollup_insert AFTER INSERT ON responses
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION response_daily_apply();
--> statement-breakpoint
CREATE TRIGGER responses_rollup_delete AFTER DELETE ON responses
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION response_daily_apply();
--> statement-breakpoint
CREATE TRIGGER responses_rollup_update AFTER UPDATE ON responses
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION response_daily_apply();
--> statement-breakpoint
CREATE FUNCTION response_daily_truncate() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  TRUNCATE response_daily;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER responses_rollup_truncate AFTER TRUNCATE ON responses
  FOR EACH STATEMENT EXECUTE FUNCTION response_daily_truncate();
--> statement-breakpoint
-- Comments are read newest first per touchpoint (detractor comments, digests).
CREATE INDEX responses_touchpoint_comment_idx ON responses (touchpoint_id, responded_at DESC) WHERE comment IS NOT NULL;
