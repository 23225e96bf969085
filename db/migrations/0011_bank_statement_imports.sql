CREATE TABLE "bank_statement_rows" (
	"import_id" uuid NOT NULL,
	"line" integer NOT NULL,
	"booked_on" date,
	"amount_minor" bigint,
	"currency" text,
	"reference" text,
	"transaction_id" text,
	"payer_name" text,
	"source_key" text,
	"match" text,
	"customer_id" uuid,
	"invoice_id" uuid,
	"match_note" text,
	"review" text,
	"skip" text,
	"skip_reason" text,
	"raw" text NOT NULL,
	"error_column" text,
	"error_reason" text,
	"payment_id" uuid,
	CONSTRAINT "bank_statement_rows_import_id_line_pk" PRIMARY KEY("import_id","line")
);
--> statement-breakpoint
ALTER TABLE "reading_import_mappings" ADD COLUMN "kind" text DEFAULT 'readings' NOT NULL;--> statement-breakpoint
ALTER TABLE "reading_import_mappings" DROP CONSTRAINT "reading_import_mappings_pkey";--> statement-breakpoint
ALTER TABLE "reading_import_mappings" ADD CONSTRAINT "reading_import_mappings_kind_source_pk" PRIMARY KEY("kind","source");--> statement-breakpoint
ALTER TABLE "reading_imports" ADD COLUMN "kind" text DEFAULT 'readings' NOT NULL;--> statement-breakpoint
ALTER TABLE "reading_imports" ADD COLUMN "skipped_rows" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "bank_statement_rows" ADD CONSTRAINT "bank_statement_rows_import_id_reading_imports_id_fk" FOREIGN KEY ("import_id") REFERENCES "public"."reading_imports"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bank_statement_rows" ADD CONSTRAINT "bank_statement_rows_payment_id_payments_id_fk" FOREIGN KEY ("payment_id") REFERENCES "public"."payments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "bank_statement_rows_payment" ON "bank_statement_rows" USING btree ("payment_id");--> statement-breakpoint
CREATE INDEX "reading_imports_kind_created" ON "reading_imports" USING btree ("kind","created_at");