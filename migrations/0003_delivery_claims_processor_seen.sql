CREATE TABLE "processor_seen" (
	"source" text NOT NULL,
	"event_id" text NOT NULL,
	"seen_at" timestamp with time zone NOT NULL,
	CONSTRAINT "processor_seen_source_event_id_pk" PRIMARY KEY("source","event_id")
);
--> statement-breakpoint
ALTER TABLE "delivery_delivered" ALTER COLUMN "delivered_at" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "delivery_delivered" ADD COLUMN "fence" bigint DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "delivery_delivered" ADD COLUMN "lease_until" timestamp with time zone;--> statement-breakpoint
CREATE INDEX "processor_seen_seen_at_idx" ON "processor_seen" USING btree ("seen_at");