-- Keeps comment_term_daily equal to what comment_terms holds (rows deleted with their response
-- included). Statement-level triggers aggregate a whole batch in one upsert. The term '' counts
-- every analysed comment: the base for "share of detractor comments".
CREATE FUNCTION comment_term_daily_apply() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO comment_term_daily AS d (touchpoint_id, day, language, term, n, promoters, detractors)
    SELECT touchpoint_id, day, language, term, count(*)::int, count(*) FILTER (WHERE score >= 9)::int, count(*) FILTER (WHERE score <= 6)::int
    FROM (
      SELECT touchpoint_id, (responded_at AT TIME ZONE 'UTC')::date AS day, language, score, unnest(terms || ARRAY['']) AS term FROM new_rows
    ) AS delta
    GROUP BY touchpoint_id, day, language, term
    ORDER BY touchpoint_id, day, language, term
    ON CONFLICT (touchpoint_id, day, language, term) DO UPDATE SET
      n = d.n + excluded.n, promoters = d.promoters + excluded.promoters, detractors = d.detractors + excluded.detractors;
  ELSE
    INSERT INTO comment_term_daily AS d (touchpoint_id, day, language, term, n, promoters, detractors)
    SELECT touchpoint_id, day, language, term, -count(*)::int, -(count(*) FILTER (WHERE score >= 9))::int, -(count(*) FILTER (WHERE score <= 6))::int
    FROM (
      SELECT touchpoint_id, (responded_at AT TIME ZONE 'UTC')::date AS day, language, score, unnest(terms || ARRAY['']) AS term FROM old_rows
    ) AS delta
    GROUP BY touchpoint_id, day, language, term
    ORDER BY touchpoint_id, day, language, term
    ON CONFLICT (touchpoint_id, day, language, term) DO UPDATE SET
      n = d.n + excluded.n, promoters = d.promoters + excluded.promoters, detractors = d.detractors + excluded.detractors;
  END IF;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER comment_terms_rollup_insert AFTER INSERT ON comment_terms
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION comment_term_daily_apply();
--> statement-breakpoint
CREATE TRIGGER comment_terms_rollup_delete AFTER DELETE ON comment_terms
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION comment_term_daily_apply();
--> statement-breakpoint
CREATE FUNCTION comment_term_daily_truncate() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM comment_term_daily;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER comment_terms_rollup_truncate AFTER TRUNCATE ON comment_terms
  FOR EACH STATEMENT EXECUTE FUNCTION comment_term_daily_truncate();
--> statement-breakpoint
INSERT INTO comment_analysis_state (id, last_response_id) VALUES (1, 0) ON CONFLICT DO NOTHING;
