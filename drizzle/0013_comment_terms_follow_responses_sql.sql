-- comment_terms has no foreign key to responses (a referenced table cannot be truncated on its own,
-- and the direct-SQL contract allows `TRUNCATE responses`). These triggers keep the promise the key
-- kept: a deleted response takes its analysed terms (and so its share of comment_term_daily) with it.
CREATE FUNCTION comment_terms_follow_response_delete() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM comment_terms ct USING old_rows o WHERE ct.response_id = o.id;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER responses_comment_terms_delete AFTER DELETE ON responses
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION comment_terms_follow_response_delete();
--> statement-breakpoint
CREATE FUNCTION comment_terms_follow_response_truncate() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  -- comment_terms' own truncate trigger empties comment_term_daily.
  TRUNCATE comment_terms;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER responses_comment_terms_truncate AFTER TRUNCATE ON responses
  FOR EACH STATEMENT EXECUTE FUNCTION comment_terms_follow_response_truncate();
