CREATE TABLE "identity_links" (
	"org_id" text NOT NULL,
	"kind" text NOT NULL,
	"value" text NOT NULL,
	"person_id" text NOT NULL,
	"first_seen" timestamp with time zone NOT NULL,
	"last_seen" timestamp with time zone NOT NULL,
	CONSTRAINT "identity_links_org_id_kind_value_pk" PRIMARY KEY("org_id","kind","value")
);
--> statement-breakpoint
CREATE TABLE "identity_merges" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"org_id" text NOT NULL,
	"person_id" text NOT NULL,
	"from_person" text NOT NULL,
	"into_person" text NOT NULL,
	"reason" text NOT NULL,
	"at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "identity_persons" (
	"org_id" text NOT NULL,
	"person_id" text NOT NULL,
	"first_seen" timestamp with time zone NOT NULL,
	CONSTRAINT "identity_persons_org_id_person_id_pk" PRIMARY KEY("org_id","person_id")
);
--> statement-breakpoint
CREATE TABLE "identity_suppressions" (
	"org_id" text NOT NULL,
	"id_hash" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "identity_suppressions_org_id_id_hash_pk" PRIMARY KEY("org_id","id_hash")
);
--> statement-breakpoint
ALTER TABLE "organisations" ADD COLUMN "link_secret" text;--> statement-breakpoint
CREATE INDEX "identity_links_person_idx" ON "identity_links" USING btree ("org_id","person_id");--> statement-breakpoint
CREATE INDEX "identity_merges_person_idx" ON "identity_merges" USING btree ("org_id","person_id");