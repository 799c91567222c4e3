CREATE TABLE "comment_analysis_state" (
	"id" smallint PRIMARY KEY DEFAULT 1 NOT NULL,
	"last_response_id" bigint DEFAULT 0 NOT NULL,
	"analysed_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "comment_term_daily" (
	"touchpoint_id" integer NOT NULL,
	"day" date NOT NULL,
	"language" text NOT NULL,
	"term" text NOT NULL,
	"n" integer DEFAULT 0 NOT NULL,
	"promoters" integer DEFAULT 0 NOT NULL,
	"detractors" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "comment_term_daily_pk" PRIMARY KEY("touchpoint_id","day","language","term")
);
--> statement-breakpoint
CREATE TABLE "comment_terms" (
	"response_id" bigint PRIMARY KEY NOT NULL,
	"touchpoint_id" integer NOT NULL,
	"responded_at" timestamp with time zone NOT NULL,
	"score" smallint NOT NULL,
	"language" text NOT NULL,
	"terms" text[] NOT NULL,
	CONSTRAINT "comment_terms_language_known" CHECK ("comment_terms"."language" in ('ja', 'en')),
	CONSTRAINT "comment_terms_score_nps" CHECK ("comment_terms"."score" between 0 and 10)
);
--> statement-breakpoint
CREATE TABLE "team_themes" (
	"id" serial PRIMARY KEY NOT NULL,
	"journey_id" integer,
	"touchpoint_id" integer,
	"label" text NOT NULL,
	"keywords" text[] NOT NULL,
	"terms" text[] NOT NULL,
	"created_by" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "team_themes_label_not_blank" CHECK (length(btrim("team_themes"."label")) > 0)
);
--> statement-breakpoint
ALTER TABLE "comment_term_daily" ADD CONSTRAINT "comment_term_daily_touchpoint_id_touchpoints_id_fk" FOREIGN KEY ("touchpoint_id") REFERENCES "public"."touchpoints"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "comment_terms" ADD CONSTRAINT "comment_terms_response_id_responses_id_fk" FOREIGN KEY ("response_id") REFERENCES "public"."responses"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "comment_terms" ADD CONSTRAINT "comment_terms_touchpoint_id_touchpoints_id_fk" FOREIGN KEY ("touchpoint_id") REFERENCES "public"."touchpoints"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "team_themes" ADD CONSTRAINT "team_themes_journey_id_journeys_id_fk" FOREIGN KEY ("journey_id") REFERENCES "public"."journeys"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "team_themes" ADD CONSTRAINT "team_themes_touchpoint_id_touchpoints_id_fk" FOREIGN KEY ("touchpoint_id") REFERENCES "public"."touchpoints"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "comment_terms_touchpoint_time_idx" ON "comment_terms" USING btree ("touchpoint_id","responded_at");--> statement-breakpoint
CREATE INDEX "comment_terms_terms_idx" ON "comment_terms" USING gin ("terms");--> statement-breakpoint
CREATE INDEX "team_themes_scope_idx" ON "team_themes" USING btree ("journey_id","touchpoint_id");