CREATE TABLE "case_contact_daily" (
	"organisation_id" uuid NOT NULL,
	"day" date NOT NULL,
	"dim" text NOT NULL,
	"key" text NOT NULL,
	"n" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "case_contact_daily_organisation_id_day_dim_key_pk" PRIMARY KEY("organisation_id","day","dim","key")
);
