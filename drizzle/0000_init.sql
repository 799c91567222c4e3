CREATE TABLE "improvement_actions" (
	"id" serial PRIMARY KEY NOT NULL,
	"touchpoint_id" integer NOT NULL,
	"description" text NOT NULL,
	"owner_user_id" text,
	"due_date" date,
	"status" text DEFAULT 'open' NOT NULL,
	"created_by_user_id" text NOT NULL,
	"team_id" text,
	"baseline_nps" real,
	"baseline_responses" integer,
	"incident_id" integer,
	"completed_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "improvement_actions_status_known" CHECK ("improvement_actions"."status" in ('open', 'in_progress', 'done')),
	CONSTRAINT "improvement_actions_description_not_blank" CHECK (length(btrim("improvement_actions"."description")) > 0)
);
--> statement-breakpoint
CREATE TABLE "journeys" (
	"id" serial PRIMARY KEY NOT NULL,
	"key" text NOT NULL,
	"name" text NOT NULL,
	"description" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "journeys_key_slug" CHECK ("journeys"."key" ~ '^[a-z0-9][a-z0-9_-]{0,63}$'),
	CONSTRAINT "journeys_name_not_blank" CHECK (length(btrim("journeys"."name")) > 0)
);
--> statement-breakpoint
CREATE TABLE "response_daily" (
	"touchpoint_id" integer NOT NULL,
	"metric" text NOT NULL,
	"day" date NOT NULL,
	"c0" integer DEFAULT 0 NOT NULL,
	"c1" integer DEFAULT 0 NOT NULL,
	"c2" integer DEFAULT 0 NOT NULL,
	"c3" integer DEFAULT 0 NOT NULL,
	"c4" integer DEFAULT 0 NOT NULL,
	"c5" integer DEFAULT 0 NOT NULL,
	"c6" integer DEFAULT 0 NOT NULL,
	"c7" integer DEFAULT 0 NOT NULL,
	"c8" integer DEFAULT 0 NOT NULL,
	"c9" integer DEFAULT 0 NOT NULL,
	"c10" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "response_daily_pk" PRIMARY KEY("touchpoint_id","metric","day")
);
--> statement-breakpoint
CREATE TABLE "responses" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "responses_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"touchpoint_id" integer NOT NULL,
	"metric" text NOT NULL,
	"score" smallint NOT NULL,
	"comment" text,
	"customer_ref" text,
	"responded_at" timestamp with time zone NOT NULL,
	"source" text DEFAULT '' NOT NULL,
	"external_id" text NOT NULL,
	"received_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "responses_metric_known" CHECK ("responses"."metric" in ('nps', 'csat', 'ces')),
	CONSTRAINT "responses_score_in_range" CHECK (("responses"."metric" = 'nps' and "responses"."score" between 0 and 10)
        or ("responses"."metric" = 'csat' and "responses"."score" between 1 and 5)
        or ("responses"."metric" = 'ces' and "responses"."score" between 1 and 7))
);
--> statement-breakpoint
CREATE TABLE "step_metrics" (
	"touchpoint_id" integer NOT NULL,
	"day" date NOT NULL,
	"reached" integer NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "step_metrics_pk" PRIMARY KEY("touchpoint_id","day"),
	CONSTRAINT "step_metrics_reached_nonneg" CHECK ("step_metrics"."reached" >= 0)
);
--> statement-breakpoint
CREATE TABLE "touchpoints" (
	"id" serial PRIMARY KEY NOT NULL,
	"journey_id" integer NOT NULL,
	"key" text NOT NULL,
	"name" text NOT NULL,
	"channel" text,
	"position" integer NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "touchpoints_key_slug" CHECK ("touchpoints"."key" ~ '^[a-z0-9][a-z0-9_-]{0,63}$'),
	CONSTRAINT "touchpoints_position_nonneg" CHECK ("touchpoints"."position" >= 0)
);
--> statement-breakpoint
ALTER TABLE "improvement_actions" ADD CONSTRAINT "improvement_actions_touchpoint_id_touchpoints_id_fk" FOREIGN KEY ("touchpoint_id") REFERENCES "public"."touchpoints"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "response_daily" ADD CONSTRAINT "response_daily_touchpoint_id_touchpoints_id_fk" FOREIGN KEY ("touchpoint_id") REFERENCES "public"."touchpoints"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "responses" ADD CONSTRAINT "responses_touchpoint_id_touchpoints_id_fk" FOREIGN KEY ("touchpoint_id") REFERENCES "public"."touchpoints"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "step_metrics" ADD CONSTRAINT "step_metrics_touchpoint_id_touchpoints_id_fk" FOREIGN KEY ("touchpoint_id") REFERENCES "public"."touchpoints"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "touchpoints" ADD CONSTRAINT "touchpoints_journey_id_journeys_id_fk" FOREIGN KEY ("journey_id") REFERENCES "public"."journeys"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "improvement_actions_touchpoint_idx" ON "improvement_actions" USING btree ("touchpoint_id","status");--> statement-breakpoint
CREATE INDEX "improvement_actions_owner_idx" ON "improvement_actions" USING btree ("owner_user_id","status");--> statement-breakpoint
CREATE UNIQUE INDEX "journeys_key_uq" ON "journeys" USING btree ("key");--> statement-breakpoint
CREATE UNIQUE INDEX "responses_source_external_id_uq" ON "responses" USING btree ("source","external_id");--> statement-breakpoint
CREATE INDEX "responses_touchpoint_time_idx" ON "responses" USING btree ("touchpoint_id","responded_at");--> statement-breakpoint
CREATE UNIQUE INDEX "touchpoints_journey_key_uq" ON "touchpoints" USING btree ("journey_id","key");--> statement-breakpoint
CREATE INDEX "touchpoints_journey_position_idx" ON "touchpoints" USING btree ("journey_id","position");