ALTER TABLE "comment_terms" DROP CONSTRAINT "comment_terms_response_id_responses_id_fk";
