DROP INDEX "delivery_delivered_person_idx";--> statement-breakpoint
DROP INDEX "delivery_outcomes_person_idx";--> statement-breakpoint
CREATE INDEX "delivery_delivered_person_idx" ON "delivery_delivered" USING btree ("person_id") WHERE "delivery_delivered"."person_id" is not null;--> statement-breakpoint
CREATE INDEX "delivery_outcomes_person_idx" ON "delivery_outcomes" USING btree ("person_id") WHERE "delivery_outcomes"."person_id" is not null;