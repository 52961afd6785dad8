CREATE SEQUENCE "public"."interpreter_request_number" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1;--> statement-breakpoint
CREATE TABLE "interpreter_assignments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"request_id" uuid NOT NULL,
	"interpreter_id" uuid NOT NULL,
	"status" text DEFAULT 'confirmed' NOT NULL,
	"starts_at" timestamp with time zone NOT NULL,
	"ends_at" timestamp with time zone NOT NULL,
	"fee_tier" text NOT NULL,
	"outcome" text,
	"actual_minutes" integer,
	"travel_km" integer,
	"travel_minutes" integer,
	"feedback" text,
	"completed_at" timestamp with time zone,
	"completed_by" uuid,
	"fee_cents" integer,
	"travel_cents" integer,
	"total_cents" integer,
	"payable" boolean DEFAULT false NOT NULL,
	"late_cancellation" boolean DEFAULT false NOT NULL,
	"cancelled_at" timestamp with time zone,
	"cancelled_by" text,
	"cancel_reason" text,
	"tariff" jsonb,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "interpreter_exclusions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"interpreter_id" uuid NOT NULL,
	"institution_id" uuid,
	"case_id" uuid,
	"note" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "interpreter_institutions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"kind" text NOT NULL,
	"ags" text,
	"organisation_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "interpreter_languages" (
	"interpreter_id" uuid NOT NULL,
	"language_code" text NOT NULL,
	"dialects" text[] DEFAULT '{}'::text[] NOT NULL,
	"level" text NOT NULL,
	CONSTRAINT "interpreter_languages_interpreter_id_language_code_pk" PRIMARY KEY("interpreter_id","language_code")
);
--> statement-breakpoint
CREATE TABLE "interpreter_offers" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"request_id" uuid NOT NULL,
	"interpreter_id" uuid NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"offered_by" uuid,
	"offered_at" timestamp with time zone DEFAULT now() NOT NULL,
	"responded_at" timestamp with time zone,
	"decline_reason" text
);
--> statement-breakpoint
CREATE TABLE "interpreter_requests" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"reference" text NOT NULL,
	"channel" text NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"institution_id" uuid NOT NULL,
	"requester_organisation_id" uuid,
	"requested_by" uuid,
	"case_id" uuid,
	"contact_name" text NOT NULL,
	"contact_email" text NOT NULL,
	"contact_phone" text NOT NULL,
	"language_code" text NOT NULL,
	"dialect" text,
	"starts_at" timestamp with time zone NOT NULL,
	"ends_at" timestamp with time zone NOT NULL,
	"duration_minutes" integer NOT NULL,
	"mode" text NOT NULL,
	"street" text,
	"ags" text,
	"topic" text NOT NULL,
	"gender_preference" text DEFAULT 'none' NOT NULL,
	"note" text,
	"status_token_hash" text,
	"cancelled_at" timestamp with time zone,
	"cancelled_by" text,
	"cancel_reason" text,
	"requester_feedback" jsonb,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "interpreters" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid,
	"first_name" text NOT NULL,
	"last_name" text NOT NULL,
	"email" text,
	"phone" text,
	"street" text,
	"postal_code" text,
	"home_ags" text NOT NULL,
	"gender" text NOT NULL,
	"basic_training_on" date,
	"advanced_training_on" date,
	"confidentiality_signed_on" date,
	"confidentiality_document" text,
	"availability" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"absences" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"served_ags" text[] DEFAULT '{}'::text[] NOT NULL,
	"max_travel_km" integer,
	"remote_ok" boolean DEFAULT true NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"iban" text,
	"account_holder" text,
	"notes" text,
	"calendar_token_hash" text,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "interpreter_assignments" ADD CONSTRAINT "interpreter_assignments_request_id_interpreter_requests_id_fk" FOREIGN KEY ("request_id") REFERENCES "public"."interpreter_requests"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "interpreter_assignments" ADD CONSTRAINT "interpreter_assignments_interpreter_id_interpreters_id_fk" FOREIGN KEY ("interpreter_id") REFERENCES "public"."interpreters"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "interpreter_exclusions" ADD CONSTRAINT "interpreter_exclusions_interpreter_id_interpreters_id_fk" FOREIGN KEY ("interpreter_id") REFERENCES "public"."interpreters"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "interpreter_exclusions" ADD CONSTRAINT "interpreter_exclusions_institution_id_interpreter_institutions_id_fk" FOREIGN KEY ("institution_id") REFERENCES "public"."interpreter_institutions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "interpreter_institutions" ADD CONSTRAINT "interpreter_institutions_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "interpreter_languages" ADD CONSTRAINT "interpreter_languages_interpreter_id_interpreters_id_fk" FOREIGN KEY ("interpreter_id") REFERENCES "public"."interpreters"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "interpreter_offers" ADD CONSTRAINT "interpreter_offers_request_id_interpreter_requests_id_fk" FOREIGN KEY ("request_id") REFERENCES "public"."interpreter_requests"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "interpreter_offers" ADD CONSTRAINT "interpreter_offers_interpreter_id_interpreters_id_fk" FOREIGN KEY ("interpreter_id") REFERENCES "public"."interpreters"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "interpreter_offers" ADD CONSTRAINT "interpreter_offers_offered_by_users_id_fk" FOREIGN KEY ("offered_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "interpreter_requests" ADD CONSTRAINT "interpreter_requests_institution_id_interpreter_institutions_id_fk" FOREIGN KEY ("institution_id") REFERENCES "public"."interpreter_institutions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "interpreter_requests" ADD CONSTRAINT "interpreter_requests_requester_organisation_id_organisations_id_fk" FOREIGN KEY ("requester_organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "interpreter_requests" ADD CONSTRAINT "interpreter_requests_requested_by_users_id_fk" FOREIGN KEY ("requested_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "interpreters" ADD CONSTRAINT "interpreters_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "interpreter_assignments_interpreter_idx" ON "interpreter_assignments" USING btree ("interpreter_id","starts_at");--> statement-breakpoint
CREATE INDEX "interpreter_assignments_starts_idx" ON "interpreter_assignments" USING btree ("starts_at");--> statement-breakpoint
CREATE UNIQUE INDEX "interpreter_assignments_active_request_uq" ON "interpreter_assignments" USING btree ("request_id") WHERE status <> 'cancelled';--> statement-breakpoint
CREATE INDEX "interpreter_exclusions_interpreter_idx" ON "interpreter_exclusions" USING btree ("interpreter_id");--> statement-breakpoint
CREATE UNIQUE INDEX "interpreter_institutions_name_uq" ON "interpreter_institutions" USING btree (lower("name"),"ags");--> statement-breakpoint
CREATE UNIQUE INDEX "interpreter_institutions_org_uq" ON "interpreter_institutions" USING btree ("organisation_id");--> statement-breakpoint
CREATE INDEX "interpreter_languages_code_idx" ON "interpreter_languages" USING btree ("language_code");--> statement-breakpoint
CREATE UNIQUE INDEX "interpreter_offers_request_interpreter_uq" ON "interpreter_offers" USING btree ("request_id","interpreter_id");--> statement-breakpoint
CREATE INDEX "interpreter_offers_interpreter_idx" ON "interpreter_offers" USING btree ("interpreter_id","status");--> statement-breakpoint
CREATE UNIQUE INDEX "interpreter_requests_reference_uq" ON "interpreter_requests" USING btree ("reference");--> statement-breakpoint
CREATE UNIQUE INDEX "interpreter_requests_status_token_uq" ON "interpreter_requests" USING btree ("status_token_hash");--> statement-breakpoint
CREATE INDEX "interpreter_requests_status_idx" ON "interpreter_requests" USING btree ("status","starts_at");--> statement-breakpoint
CREATE INDEX "interpreter_requests_starts_idx" ON "interpreter_requests" USING btree ("starts_at");--> statement-breakpoint
CREATE INDEX "interpreter_requests_org_idx" ON "interpreter_requests" USING btree ("requester_organisation_id");--> statement-breakpoint
CREATE UNIQUE INDEX "interpreters_user_uq" ON "interpreters" USING btree ("user_id");--> statement-breakpoint
CREATE UNIQUE INDEX "interpreters_calendar_token_uq" ON "interpreters" USING btree ("calendar_token_hash");--> statement-breakpoint
CREATE INDEX "interpreters_active_idx" ON "interpreters" USING btree ("active");