CREATE TABLE "funding_bookings" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"grant_id" uuid NOT NULL,
	"budget_year" integer NOT NULL,
	"category" text NOT NULL,
	"kind" text NOT NULL,
	"status" text NOT NULL,
	"booking_date" date NOT NULL,
	"amount_cents" bigint NOT NULL,
	"payee" text NOT NULL,
	"receipt_no" text DEFAULT '' NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"created_by" uuid,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "funding_bookings_amount_ck" CHECK ("funding_bookings"."amount_cents" > 0)
);
--> statement-breakpoint
CREATE TABLE "funding_calloffs" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"grant_id" uuid NOT NULL,
	"budget_year" integer NOT NULL,
	"call_date" date NOT NULL,
	"amount_cents" bigint NOT NULL,
	"status" text DEFAULT 'planned' NOT NULL,
	"received_date" date,
	"note" text DEFAULT '' NOT NULL,
	"created_by" uuid,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "funding_calloffs_amount_ck" CHECK ("funding_calloffs"."amount_cents" > 0)
);
--> statement-breakpoint
CREATE TABLE "funding_coverage_allocations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"lump_sum_grant_id" uuid NOT NULL,
	"programme_id" uuid NOT NULL,
	"year" integer NOT NULL,
	"amount_cents" bigint NOT NULL,
	"cancelled" boolean DEFAULT false NOT NULL,
	"note" text DEFAULT '' NOT NULL,
	"created_by" uuid,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "funding_coverage_allocations_amount_ck" CHECK ("funding_coverage_allocations"."amount_cents" > 0)
);
--> statement-breakpoint
CREATE TABLE "funding_grant_positions" (
	"revision_id" uuid NOT NULL,
	"budget_year" integer NOT NULL,
	"category" text NOT NULL,
	"amount_cents" bigint NOT NULL,
	CONSTRAINT "funding_grant_positions_revision_id_budget_year_category_pk" PRIMARY KEY("revision_id","budget_year","category"),
	CONSTRAINT "funding_grant_positions_amount_ck" CHECK ("funding_grant_positions"."amount_cents" >= 0)
);
--> statement-breakpoint
CREATE TABLE "funding_grant_revisions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"grant_id" uuid NOT NULL,
	"revision_no" integer NOT NULL,
	"kind" text NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"decision_date" date NOT NULL,
	"file_number" text NOT NULL,
	"approval_start" date NOT NULL,
	"approval_end" date NOT NULL,
	"financing_type" text NOT NULL,
	"share_percent_bp" integer,
	"conditions" text DEFAULT '' NOT NULL,
	"calloff_dates" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"use_by_date" date,
	"report_due_date" date,
	"document_ref" text DEFAULT '' NOT NULL,
	"reason" text DEFAULT '' NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"approved_by" uuid,
	"approved_at" timestamp with time zone,
	CONSTRAINT "funding_grant_revisions_period_ck" CHECK ("funding_grant_revisions"."approval_start" <= "funding_grant_revisions"."approval_end")
);
--> statement-breakpoint
CREATE TABLE "funding_grants" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"programme_id" uuid NOT NULL,
	"organisation_id" uuid NOT NULL,
	"title" text NOT NULL,
	"created_by" uuid,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "funding_onward_grants" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"grant_id" uuid NOT NULL,
	"budget_year" integer NOT NULL,
	"recipient_organisation_id" uuid NOT NULL,
	"amount_cents" bigint NOT NULL,
	"purpose" text NOT NULL,
	"agreement_date" date NOT NULL,
	"report_due_date" date NOT NULL,
	"report_received_date" date,
	"check_status" text DEFAULT 'open' NOT NULL,
	"check_note" text DEFAULT '' NOT NULL,
	"checked_by" uuid,
	"checked_at" timestamp with time zone,
	"confirmed_by" uuid,
	"confirmed_at" timestamp with time zone,
	"created_by" uuid,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "funding_onward_grants_amount_ck" CHECK ("funding_onward_grants"."amount_cents" > 0)
);
--> statement-breakpoint
CREATE TABLE "funding_programme_versions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"programme_id" uuid NOT NULL,
	"valid_from" date NOT NULL,
	"valid_to" date,
	"legal_reference" text NOT NULL,
	"guideline" text DEFAULT '' NOT NULL,
	"flat_rate_per_fte_cents" bigint,
	"max_amount_cents" bigint,
	"max_fte_milli" integer,
	"application_deadline" text,
	"report_deadline" text,
	"notes" text DEFAULT '' NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "funding_programme_versions_money_ck" CHECK (coalesce("funding_programme_versions"."flat_rate_per_fte_cents", 0) >= 0 AND coalesce("funding_programme_versions"."max_amount_cents", 0) >= 0)
);
--> statement-breakpoint
CREATE TABLE "funding_programmes" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"short_name" text NOT NULL,
	"parent_id" uuid,
	"grant_giver" text NOT NULL,
	"section" text DEFAULT 'programme' NOT NULL,
	"financing_type" text DEFAULT 'fixed' NOT NULL,
	"pass_through_allowed" boolean DEFAULT false NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"sort_order" integer DEFAULT 100 NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "funding_reminders_sent" (
	"key" text PRIMARY KEY NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "funding_reports" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"grant_id" uuid NOT NULL,
	"budget_year" integer NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"narrative" text DEFAULT '' NOT NULL,
	"finalised_by" uuid,
	"finalised_at" timestamp with time zone,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "staffing_occupancies" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"post_id" uuid NOT NULL,
	"holder_name" text NOT NULL,
	"fte_milli" integer NOT NULL,
	"contract_start" date NOT NULL,
	"contract_end" date,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "staffing_pay_grade_costs" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"year" integer NOT NULL,
	"pay_grade" text NOT NULL,
	"annual_cost_cents" bigint NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "staffing_pay_grade_costs_ck" CHECK ("staffing_pay_grade_costs"."annual_cost_cents" >= 0)
);
--> statement-breakpoint
CREATE TABLE "staffing_post_fundings" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"post_id" uuid NOT NULL,
	"programme_id" uuid NOT NULL,
	"fte_milli" integer NOT NULL,
	"flat_rate_per_fte_cents" bigint NOT NULL,
	"valid_from" date NOT NULL,
	"valid_to" date,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "staffing_post_fundings_ck" CHECK ("staffing_post_fundings"."fte_milli" BETWEEN 1 AND 1000 AND "staffing_post_fundings"."flat_rate_per_fte_cents" >= 0)
);
--> statement-breakpoint
CREATE TABLE "staffing_posts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organisation_id" uuid NOT NULL,
	"post_number" text NOT NULL,
	"title" text NOT NULL,
	"post_type" text NOT NULL,
	"fte_milli" integer NOT NULL,
	"pay_grade" text NOT NULL,
	"notes" text DEFAULT '' NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "staffing_posts_fte_ck" CHECK ("staffing_posts"."fte_milli" BETWEEN 1 AND 1000)
);
--> statement-breakpoint
ALTER TABLE "funding_bookings" ADD CONSTRAINT "funding_bookings_grant_id_funding_grants_id_fk" FOREIGN KEY ("grant_id") REFERENCES "public"."funding_grants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "funding_bookings" ADD CONSTRAINT "funding_bookings_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "funding_calloffs" ADD CONSTRAINT "funding_calloffs_grant_id_funding_grants_id_fk" FOREIGN KEY ("grant_id") REFERENCES "public"."funding_grants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "funding_calloffs" ADD CONSTRAINT "funding_calloffs_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "funding_coverage_allocations" ADD CONSTRAINT "funding_coverage_allocations_lump_sum_grant_id_funding_grants_id_fk" FOREIGN KEY ("lump_sum_grant_id") REFERENCES "public"."funding_grants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "funding_coverage_allocations" ADD CONSTRAINT "funding_coverage_allocations_programme_id_funding_programmes_id_fk" FOREIGN KEY ("programme_id") REFERENCES "public"."funding_programmes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "funding_coverage_allocations" ADD CONSTRAINT "funding_coverage_allocations_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "funding_grant_positions" ADD CONSTRAINT "funding_grant_positions_revision_id_funding_grant_revisions_id_fk" FOREIGN KEY ("revision_id") REFERENCES "public"."funding_grant_revisions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "funding_grant_revisions" ADD CONSTRAINT "funding_grant_revisions_grant_id_funding_grants_id_fk" FOREIGN KEY ("grant_id") REFERENCES "public"."funding_grants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "funding_grant_revisions" ADD CONSTRAINT "funding_grant_revisions_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "funding_grant_revisions" ADD CONSTRAINT "funding_grant_revisions_approved_by_users_id_fk" FOREIGN KEY ("approved_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "funding_grants" ADD CONSTRAINT "funding_grants_programme_id_funding_programmes_id_fk" FOREIGN KEY ("programme_id") REFERENCES "public"."funding_programmes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "funding_grants" ADD CONSTRAINT "funding_grants_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "funding_grants" ADD CONSTRAINT "funding_grants_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "funding_onward_grants" ADD CONSTRAINT "funding_onward_grants_grant_id_funding_grants_id_fk" FOREIGN KEY ("grant_id") REFERENCES "public"."funding_grants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "funding_onward_grants" ADD CONSTRAINT "funding_onward_grants_recipient_organisation_id_organisations_id_fk" FOREIGN KEY ("recipient_organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "funding_onward_grants" ADD CONSTRAINT "funding_onward_grants_checked_by_users_id_fk" FOREIGN KEY ("checked_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "funding_onward_grants" ADD CONSTRAINT "funding_onward_grants_confirmed_by_users_id_fk" FOREIGN KEY ("confirmed_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "funding_onward_grants" ADD CONSTRAINT "funding_onward_grants_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "funding_programme_versions" ADD CONSTRAINT "funding_programme_versions_programme_id_funding_programmes_id_fk" FOREIGN KEY ("programme_id") REFERENCES "public"."funding_programmes"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "funding_reports" ADD CONSTRAINT "funding_reports_grant_id_funding_grants_id_fk" FOREIGN KEY ("grant_id") REFERENCES "public"."funding_grants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "funding_reports" ADD CONSTRAINT "funding_reports_finalised_by_users_id_fk" FOREIGN KEY ("finalised_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "staffing_occupancies" ADD CONSTRAINT "staffing_occupancies_post_id_staffing_posts_id_fk" FOREIGN KEY ("post_id") REFERENCES "public"."staffing_posts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "staffing_post_fundings" ADD CONSTRAINT "staffing_post_fundings_post_id_staffing_posts_id_fk" FOREIGN KEY ("post_id") REFERENCES "public"."staffing_posts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "staffing_post_fundings" ADD CONSTRAINT "staffing_post_fundings_programme_id_funding_programmes_id_fk" FOREIGN KEY ("programme_id") REFERENCES "public"."funding_programmes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "staffing_posts" ADD CONSTRAINT "staffing_posts_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "funding_bookings_grant_idx" ON "funding_bookings" USING btree ("grant_id","budget_year");--> statement-breakpoint
CREATE INDEX "funding_calloffs_grant_idx" ON "funding_calloffs" USING btree ("grant_id","budget_year");--> statement-breakpoint
CREATE INDEX "funding_coverage_allocations_year_idx" ON "funding_coverage_allocations" USING btree ("year");--> statement-breakpoint
CREATE UNIQUE INDEX "funding_grant_revisions_no_uq" ON "funding_grant_revisions" USING btree ("grant_id","revision_no");--> statement-breakpoint
CREATE INDEX "funding_grants_programme_idx" ON "funding_grants" USING btree ("programme_id");--> statement-breakpoint
CREATE INDEX "funding_grants_org_idx" ON "funding_grants" USING btree ("organisation_id");--> statement-breakpoint
CREATE INDEX "funding_onward_grants_grant_idx" ON "funding_onward_grants" USING btree ("grant_id","budget_year");--> statement-breakpoint
CREATE UNIQUE INDEX "funding_programme_versions_from_uq" ON "funding_programme_versions" USING btree ("programme_id","valid_from");--> statement-breakpoint
CREATE UNIQUE INDEX "funding_programmes_code_uq" ON "funding_programmes" USING btree ("code");--> statement-breakpoint
CREATE INDEX "funding_programmes_parent_idx" ON "funding_programmes" USING btree ("parent_id");--> statement-breakpoint
CREATE UNIQUE INDEX "funding_reports_grant_year_uq" ON "funding_reports" USING btree ("grant_id","budget_year");--> statement-breakpoint
CREATE INDEX "staffing_occupancies_post_idx" ON "staffing_occupancies" USING btree ("post_id");--> statement-breakpoint
CREATE INDEX "staffing_occupancies_end_idx" ON "staffing_occupancies" USING btree ("contract_end");--> statement-breakpoint
CREATE UNIQUE INDEX "staffing_pay_grade_costs_uq" ON "staffing_pay_grade_costs" USING btree ("year","pay_grade");--> statement-breakpoint
CREATE INDEX "staffing_post_fundings_post_idx" ON "staffing_post_fundings" USING btree ("post_id");--> statement-breakpoint
CREATE UNIQUE INDEX "staffing_posts_number_uq" ON "staffing_posts" USING btree ("post_number");--> statement-breakpoint
CREATE INDEX "staffing_posts_org_idx" ON "staffing_posts" USING btree ("organisation_id");