CREATE TABLE "delivery_daily_counts" (
	"integration_id" text NOT NULL,
	"day" text NOT NULL,
	"count" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "delivery_daily_counts_integration_id_day_pk" PRIMARY KEY("integration_id","day")
);
--> statement-breakpoint
CREATE TABLE "delivery_delivered" (
	"integration_id" text NOT NULL,
	"event_id" text NOT NULL,
	"delivered_at" timestamp with time zone NOT NULL,
	CONSTRAINT "delivery_delivered_integration_id_event_id_pk" PRIMARY KEY("integration_id","event_id")
);
--> statement-breakpoint
CREATE TABLE "delivery_dlq" (
	"id" text PRIMARY KEY NOT NULL,
	"integration_id" text NOT NULL,
	"pipeline_id" text NOT NULL,
	"pipeline_integration_id" text NOT NULL,
	"revision_id" text NOT NULL,
	"vendor" text NOT NULL,
	"event_id" text NOT NULL,
	"attempts" integer NOT NULL,
	"last_status" integer,
	"last_response" text,
	"code" text NOT NULL,
	"reason" text NOT NULL,
	"first_attempt_at" timestamp with time zone NOT NULL,
	"failed_at" timestamp with time zone NOT NULL,
	"message" text NOT NULL,
	"status" text DEFAULT 'dead' NOT NULL,
	"replay_requested_at" timestamp with time zone,
	"replayed_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "delivery_outcomes" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"integration_id" text NOT NULL,
	"pipeline_id" text NOT NULL,
	"event_id" text NOT NULL,
	"outcome" text NOT NULL,
	"attempt" integer NOT NULL,
	"status" integer,
	"latency_ms" integer,
	"at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE INDEX "delivery_dlq_integration_idx" ON "delivery_dlq" USING btree ("integration_id","failed_at");--> statement-breakpoint
CREATE INDEX "delivery_dlq_status_idx" ON "delivery_dlq" USING btree ("status","replay_requested_at");--> statement-breakpoint
CREATE INDEX "delivery_outcomes_integration_idx" ON "delivery_outcomes" USING btree ("integration_id","at");