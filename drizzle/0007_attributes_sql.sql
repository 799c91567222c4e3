-- Keeps response_attribute_daily (counts per touchpoint, attribute key, UTC day, metric and
-- attribute value) equal to what `responses` holds, whoever writes it (API, CLI, plain SQL, COPY).
-- Statement-level triggers with transition tables: a 5,000-row batch is one grouped upsert, not
-- 5,000 row-level ones (row-level cut ingest with 3 attributes to ~40% of the plain rate).
-- Rows without attributes cost one filtered scan of the transition table.
CREATE FUNCTION response_attribute_daily_apply() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO response_attribute_daily AS d (touchpoint_id, attr_key, day, metric, attr_value, c0, c1, c2, c3, c4, c5, c6, c7, c8, c9, c10)
    SELECT touchpoint_id, attr_key, day, metric, attr_value,
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
      SELECT r.touchpoint_id, a.key AS attr_key, (r.responded_at AT TIME ZONE 'UTC')::date AS day, r.metric, a.value AS attr_value, r.score, 1 AS sign
      FROM new_rows AS r CROSS JOIN LATERAL jsonb_each_text(r.attributes) AS a
      WHERE r.attributes IS NOT NULL AND jsonb_typeof(r.attributes) = 'object' AND a.value IS NOT NULL
    ) AS delta
    GROUP BY touchpoint_id, attr_key, day, metric, attr_value
    ORDER BY touchpoint_id, attr_key, day, metric, attr_value
    ON CONFLICT (touchpoint_id, attr_key, day, metric, attr_value) DO UPDATE SET
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
    INSERT INTO response_attribute_daily AS d (touchpoint_id, attr_key, day, metric, attr_value, c0, c1, c2, c3, c4, c5, c6, c7, c8, c9, c10)
    SELECT touchpoint_id, attr_key, day, metric, attr_value,
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
      SELECT r.touchpoint_id, a.key AS attr_key, (r.responded_at AT TIME ZONE 'UTC')::date AS day, r.metric, a.value AS attr_value, r.score, -1 AS sign
      FROM old_rows AS r CROSS JOIN LATERAL jsonb_each_text(r.attributes) AS a
      WHERE r.attributes IS NOT NULL AND jsonb_typeof(r.attributes) = 'object' AND a.value IS NOT NULL
    ) AS delta
    GROUP BY touchpoint_id, attr_key, day, metric, attr_value
    ORDER BY touchpoint_id, attr_key, day, metric, attr_value
    ON CONFLICT (touchpoint_id, attr_key, day, metric, attr_value) DO UPDATE SET
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
    INSERT INTO response_attribute_daily AS d (touchpoint_id, attr_key, day, metric, attr_value, c0, c1, c2, c3, c4, c5, c6, c7, c8, c9, c10)
    SELECT touchpoint_id, attr_key, day, metric, attr_value,
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
      SELECT r.touchpoint_id, a.key AS attr_key, (r.responded_at AT TIME ZONE 'UTC')::date AS day, r.metric, a.value AS attr_value, r.score, 1 AS sign
      FROM new_rows AS r CROSS JOIN LATERAL jsonb_each_text(r.attributes) AS a
      WHERE r.attributes IS NOT NULL AND jsonb_typeof(r.attributes) = 'object' AND a.value IS NOT NULL
      UNION ALL
      SELECT r.touchpoint_id, a.key AS attr_key, (r.responded_at AT TIME ZONE 'UTC')::date AS day, r.metric, a.value AS attr_value, r.score, -1 AS sign
      FROM old_rows AS r CROSS JOIN LATERAL jsonb_each_text(r.attributes) AS a
      WHERE r.attributes IS NOT NULL AND jsonb_typeof(r.attributes) = 'object' AND a.value IS NOT NULL
    ) AS delta
    GROUP BY touchpoint_id, attr_key, day, metric, attr_value
    ORDER BY touchpoint_id, attr_key, day, metric, attr_value
    ON CONFLICT (touchpoint_id, attr_key, day, metric, attr_value) DO UPDATE SET
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
CREATE TRIGGER responses_attr_rollup_insert AFTER INSERT ON responses
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION response_attribute_daily_apply();
--> statement-breakpoint
CREATE TRIGGER responses_attr_rollup_delete AFTER DELETE ON responses
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION response_attribute_daily_apply();
--> statement-breakpoint
CREATE TRIGGER responses_attr_rollup_update AFTER UPDATE ON responses
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION response_attribute_daily_apply();
--> statement-breakpoint
CREATE FUNCTION response_attribute_daily_truncate() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  TRUNCATE response_attribute_daily;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER responses_attr_rollup_truncate AFTER TRUNCATE ON responses
  FOR EACH STATEMENT EXECUTE FUNCTION response_attribute_daily_truncate();
--> statement-breakpoint
-- Every ingest batch updates counters (never key columns) of many rollup rows: free space on each
-- page lets those be HOT updates, which add no index entries.
ALTER TABLE response_attribute_daily SET (fillfactor = 70);
