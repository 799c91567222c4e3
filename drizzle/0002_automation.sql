CREATE TABLE "alert_incidents" (
	"id" serial PRIMARY KEY NOT NULL,
	"rule_id" integer NOT NULL,
	"touchpoint_id" integer NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"threshold" real NOT NULL,
	"opened_value" real NOT NULL,
	"last_value" real NOT NULL,
	"last_sample" integer NOT NULL,
	"last_previous" real,
	"notified_badness" real NOT NULL,
	"worsen_count" integer DEFAULT 0 NOT NULL,
	"reopen_count" integer DEFAULT 0 NOT NULL,
	"opened_at" timestamp with time zone NOT NULL,
	"last_evaluated_at" timestamp with time zone NOT NULL,
	"acknowledged_by" text,
	"acknowledged_at" timestamp with time zone,
	"snoozed_by" text,
	"snoozed_until" timestamp with time zone,
	"resolved_at" timestamp with time zone,
	"channel_id" text NOT NULL,
	"message_ts" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "alert_incidents_status_known" CHECK ("alert_incidents"."status" in ('open', 'acknowledged', 'snoozed', 'resolved'))
);
--> statement-breakpoint
CREATE TABLE "alert_notifications" (
	"id" serial PRIMARY KEY NOT NULL,
	"incident_id" integer NOT NULL,
	"kind" text NOT NULL,
	"seq" integer DEFAULT 0 NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"claimed_by" text,
	"claim_expires_at" timestamp with time zone,
	"attempts" integer DEFAULT 0 NOT NULL,
	"next_attempt_at" timestamp with time zone,
	"last_error" text,
	"sent_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "alert_notifications_kind_known" CHECK ("alert_notifications"."kind" in ('open', 'update', 'worsen', 'resolve')),
	CONSTRAINT "alert_notifications_status_known" CHECK ("alert_notifications"."status" in ('pending', 'claimed', 'sent', 'failed'))
);
--> statement-breakpoint
CREATE TABLE "alert_rules" (
	"id" serial PRIMARY KEY NOT NULL,
	"team_id" text NOT NULL,
	"channel_id" text NOT NULL,
	"kind" text NOT NULL,
	"scope" text NOT NULL,
	"journey_id" integer,
	"touchpoint_id" integer,
	"threshold" real NOT NULL,
	"window_days" integer DEFAULT 7 NOT NULL,
	"min_sample" integer DEFAULT 30 NOT NULL,
	"locale" text DEFAULT 'en' NOT NULL,
	"created_by" text NOT NULL,
	"last_error" text,
	"last_error_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "alert_rules_kind_known" CHECK ("alert_rules"."kind" in ('nps_below', 'nps_drop', 'dropoff_above')),
	CONSTRAINT "alert_rules_scope_ids" CHECK (("alert_rules"."scope" = 'all' and "alert_rules"."journey_id" is null and "alert_rules"."touchpoint_id" is null)
        or ("alert_rules"."scope" = 'journey' and "alert_rules"."journey_id" is not null and "alert_rules"."touchpoint_id" is null)
        or ("alert_rules"."scope" = 'touchpoint' and "alert_rules"."touchpoint_id" is not null)),
	CONSTRAINT "alert_rules_window" CHECK ("alert_rules"."window_days" between 1 and 90),
	CONSTRAINT "alert_rules_min_sample" CHECK ("alert_rules"."min_sample" >= 1)
);
--> statement-breakpoint
CREATE TABLE "digest_runs" (
	"id" serial PRIMARY KEY NOT NULL,
	"subscription_id" integer NOT NULL,
	"period_key" text NOT NULL,
	"status" text NOT NULL,
	"scheduled_for" timestamp with time zone NOT NULL,
	"claimed_by" text,
	"claim_expires_at" timestamp with time zone,
	"attempts" integer DEFAULT 0 NOT NULL,
	"next_attempt_at" timestamp with time zone,
	"last_error" text,
	"message_ts" text,
	"sent_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "digest_runs_status_known" CHECK ("digest_runs"."status" in ('claimed', 'retry', 'sent', 'failed', 'missed'))
);
--> statement-breakpoint
CREATE TABLE "digest_subscriptions" (
	"id" serial PRIMARY KEY NOT NULL,
	"team_id" text NOT NULL,
	"channel_id" text NOT NULL,
	"weekday" smallint NOT NULL,
	"hour" smallint NOT NULL,
	"minute" smallint NOT NULL,
	"timezone" text NOT NULL,
	"journey_keys" text[] DEFAULT '{}'::text[] NOT NULL,
	"locale" text DEFAULT 'en' NOT NULL,
	"created_by" text NOT NULL,
	"last_error" text,
	"last_error_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "digest_subscriptions_weekday" CHECK ("digest_subscriptions"."weekday" between 1 and 7),
	CONSTRAINT "digest_subscriptions_hour" CHECK ("digest_subscriptions"."hour" between 0 and 23),
	CONSTRAINT "digest_subscriptions_minute" CHECK ("digest_subscriptions"."minute" between 0 and 59)
);
--> statement-breakpoint
ALTER TABLE "alert_incidents" ADD CONSTRAINT "alert_incidents_rule_id_alert_rules_id_fk" FOREIGN KEY ("rule_id") REFERENCES "public"."alert_rules"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "alert_incidents" ADD CONSTRAINT "alert_incidents_touchpoint_id_touchpoints_id_fk" FOREIGN KEY ("touchpoint_id") REFERENCES "public"."touchpoints"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "alert_notifications" ADD CONSTRAINT "alert_notifications_incident_id_alert_incidents_id_fk" FOREIGN KEY ("incident_id") REFERENCES "public"."alert_incidents"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "alert_rules" ADD CONSTRAINT "alert_rules_journey_id_journeys_id_fk" FOREIGN KEY ("journey_id") REFERENCES "public"."journeys"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "alert_rules" ADD CONSTRAINT "alert_rules_touchpoint_id_touchpoints_id_fk" FOREIGN KEY ("touchpoint_id") REFERENCES "public"."touchpoints"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "digest_runs" ADD CONSTRAINT "digest_runs_subscription_id_digest_subscriptions_id_fk" FOREIGN KEY ("subscription_id") REFERENCES "public"."digest_subscriptions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "alert_incidents_one_open_uq" ON "alert_incidents" USING btree ("rule_id","touchpoint_id") WHERE "alert_incidents"."status" <> 'resolved';--> statement-breakpoint
CREATE INDEX "alert_incidents_rule_idx" ON "alert_incidents" USING btree ("rule_id","touchpoint_id","resolved_at");--> statement-breakpoint
CREATE UNIQUE INDEX "alert_notifications_key_uq" ON "alert_notifications" USING btree ("incident_id","kind","seq");--> statement-breakpoint
CREATE INDEX "alert_notifications_due_idx" ON "alert_notifications" USING btree ("status","next_attempt_at");--> statement-breakpoint
CREATE INDEX "alert_rules_channel_idx" ON "alert_rules" USING btree ("channel_id");--> statement-breakpoint
CREATE UNIQUE INDEX "digest_runs_subscription_period_uq" ON "digest_runs" USING btree ("subscription_id","period_key");--> statement-breakpoint
CREATE UNIQUE INDEX "digest_subscriptions_channel_uq" ON "digest_subscriptions" USING btree ("channel_id");