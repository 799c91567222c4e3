ALTER TABLE "alert_rules" ADD COLUMN "request_key" text;--> statement-breakpoint
ALTER TABLE "improvement_actions" ADD COLUMN "request_key" text;--> statement-breakpoint
CREATE UNIQUE INDEX "alert_rules_request_key_uq" ON "alert_rules" USING btree ("request_key");--> statement-breakpoint
CREATE UNIQUE INDEX "improvement_actions_request_key_uq" ON "improvement_actions" USING btree ("request_key");