CREATE TABLE "response_attribute_daily" (
	"touchpoint_id" integer NOT NULL,
	"attr_key" text NOT NULL,
	"day" date NOT NULL,
	"metric" text NOT NULL,
	"attr_value" text NOT NULL,
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
	CONSTRAINT "response_attribute_daily_pk" PRIMARY KEY("touchpoint_id","attr_key","day","metric","attr_value")
);
--> statement-breakpoint
CREATE TABLE "step_metric_segments" (
	"touchpoint_id" integer NOT NULL,
	"attr_key" text NOT NULL,
	"attr_value" text NOT NULL,
	"day" date NOT NULL,
	"reached" integer NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "step_metric_segments_pk" PRIMARY KEY("touchpoint_id","attr_key","day","attr_value"),
	CONSTRAINT "step_metric_segments_reached_nonneg" CHECK ("step_metric_segments"."reached" >= 0)
);
--> statement-breakpoint
ALTER TABLE "responses" ADD COLUMN "attributes" jsonb;--> statement-breakpoint
ALTER TABLE "response_attribute_daily" ADD CONSTRAINT "response_attribute_daily_touchpoint_id_touchpoints_id_fk" FOREIGN KEY ("touchpoint_id") REFERENCES "public"."touchpoints"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "step_metric_segments" ADD CONSTRAINT "step_metric_segments_touchpoint_id_touchpoints_id_fk" FOREIGN KEY ("touchpoint_id") REFERENCES "public"."touchpoints"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "responses" ADD CONSTRAINT "responses_attributes_object" CHECK ("responses"."attributes" is null or jsonb_typeof("responses"."attributes") = 'object');