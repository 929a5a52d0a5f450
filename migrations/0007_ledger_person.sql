ALTER TABLE "delivery_delivered" ADD COLUMN "person_id" text;--> statement-breakpoint
ALTER TABLE "delivery_outcomes" ADD COLUMN "person_id" text;--> statement-breakpoint
CREATE INDEX "delivery_delivered_person_idx" ON "delivery_delivered" USING btree ("person_id");--> statement-breakpoint
CREATE INDEX "delivery_outcomes_person_idx" ON "delivery_outcomes" USING btree ("person_id");