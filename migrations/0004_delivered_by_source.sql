ALTER TABLE "delivery_delivered" ADD COLUMN "source" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "delivery_delivered" DROP CONSTRAINT "delivery_delivered_integration_id_event_id_pk";--> statement-breakpoint
ALTER TABLE "delivery_delivered" ADD CONSTRAINT "delivery_delivered_integration_id_source_event_id_pk" PRIMARY KEY("integration_id","source","event_id");
