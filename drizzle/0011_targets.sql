CREATE TABLE "targets" (
	"id" serial PRIMARY KEY NOT NULL,
	"journey_id" integer NOT NULL,
	"touchpoint_id" integer,
	"metric" text NOT NULL,
	"value" real NOT NULL,
	"due_date" date,
	"team_id" text,
	"created_by" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "targets_metric_known" CHECK ("targets"."metric" in ('nps', 'csat', 'ces', 'conversion', 'dropoff')),
	CONSTRAINT "targets_step_metrics" CHECK ("targets"."metric" not in ('dropoff', 'csat', 'ces') or "targets"."touchpoint_id" is not null)
);
--> statement-breakpoint
ALTER TABLE "targets" ADD CONSTRAINT "targets_journey_id_journeys_id_fk" FOREIGN KEY ("journey_id") REFERENCES "public"."journeys"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "targets" ADD CONSTRAINT "targets_touchpoint_id_touchpoints_id_fk" FOREIGN KEY ("touchpoint_id") REFERENCES "public"."touchpoints"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "targets_journey_idx" ON "targets" USING btree ("journey_id");