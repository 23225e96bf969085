CREATE TABLE "customer_rates" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"customer_id" uuid NOT NULL,
	"rate_id" uuid NOT NULL,
	"effective_from" date NOT NULL,
	"ended_on" date,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "customer_rates_ends_after_start" CHECK ("customer_rates"."ended_on" is null or "customer_rates"."ended_on" > "customer_rates"."effective_from")
);
--> statement-breakpoint
CREATE TABLE "meter_readings" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"meter_id" uuid NOT NULL,
	"read_at" timestamp with time zone NOT NULL,
	"value" numeric NOT NULL,
	"consumption" numeric NOT NULL,
	"replacement" boolean DEFAULT false NOT NULL,
	"ref" text,
	"source" text NOT NULL,
	"import_id" uuid,
	"invoice_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "meter_readings_consumption_not_negative" CHECK ("meter_readings"."consumption" >= 0)
);
--> statement-breakpoint
CREATE TABLE "meters" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"customer_id" uuid NOT NULL,
	"key" text NOT NULL,
	"unit" text NOT NULL,
	"base" integer DEFAULT 1000 NOT NULL,
	"kind" text NOT NULL,
	"register_max" numeric,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "meters_kind_known" CHECK ("meters"."kind" in ('cumulative', 'delta')),
	CONSTRAINT "meters_base_known" CHECK ("meters"."base" in (1000, 1024)),
	CONSTRAINT "meters_register_max_positive" CHECK ("meters"."register_max" is null or "meters"."register_max" > 0)
);
--> statement-breakpoint
CREATE TABLE "rated_usage" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"invoice_id" uuid NOT NULL,
	"customer_id" uuid NOT NULL,
	"customer_rate_id" uuid NOT NULL,
	"component_index" integer NOT NULL,
	"component" jsonb NOT NULL,
	"meter_key" text NOT NULL,
	"segment_start" date NOT NULL,
	"segment_end" date NOT NULL,
	"cycle_days" integer NOT NULL,
	"days_before_segment" integer NOT NULL,
	"quantity" numeric NOT NULL,
	"amount_minor" bigint NOT NULL,
	"currency" text NOT NULL,
	"kind" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "rates" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"currency" text NOT NULL,
	"components" jsonb NOT NULL,
	"revenue_account_code" text DEFAULT '4100' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "rates_currency_iso" CHECK ("rates"."currency" ~ '^[A-Z]{3}$')
);
--> statement-breakpoint
CREATE TABLE "reading_import_chunks" (
	"import_id" uuid NOT NULL,
	"seq" integer NOT NULL,
	"data" "bytea" NOT NULL,
	CONSTRAINT "reading_import_chunks_import_id_seq_pk" PRIMARY KEY("import_id","seq")
);
--> statement-breakpoint
CREATE TABLE "reading_import_mappings" (
	"source" text PRIMARY KEY NOT NULL,
	"mapping" jsonb NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "reading_import_rows" (
	"import_id" uuid NOT NULL,
	"line" integer NOT NULL,
	"meter_id" uuid,
	"read_at" timestamp with time zone,
	"value" numeric,
	"consumption" numeric,
	"replacement" boolean DEFAULT false NOT NULL,
	"ref" text,
	"raw" text NOT NULL,
	"error_column" text,
	"error_reason" text,
	"duplicate" boolean DEFAULT false NOT NULL,
	CONSTRAINT "reading_import_rows_import_id_line_pk" PRIMARY KEY("import_id","line")
);
--> statement-breakpoint
CREATE TABLE "reading_imports" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"source" text NOT NULL,
	"file_name" text NOT NULL,
	"format" text NOT NULL,
	"byte_size" bigint DEFAULT 0 NOT NULL,
	"status" text DEFAULT 'uploaded' NOT NULL,
	"layout" jsonb,
	"mapping" jsonb,
	"total_rows" integer DEFAULT 0 NOT NULL,
	"valid_rows" integer DEFAULT 0 NOT NULL,
	"invalid_rows" integer DEFAULT 0 NOT NULL,
	"duplicate_rows" integer DEFAULT 0 NOT NULL,
	"accepted_rows" integer DEFAULT 0 NOT NULL,
	"processed_rows" integer DEFAULT 0 NOT NULL,
	"commit_mode" text,
	"failure_reason" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"committed_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "invoice_lines" ALTER COLUMN "unit_amount_minor" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "invoice_lines" ADD COLUMN "kind" text DEFAULT 'plan' NOT NULL;--> statement-breakpoint
ALTER TABLE "invoice_lines" ADD COLUMN "unit" text;--> statement-breakpoint
ALTER TABLE "invoice_lines" ADD COLUMN "unit_amount_decimal" text;--> statement-breakpoint
ALTER TABLE "invoice_lines" ADD COLUMN "detail" jsonb;--> statement-breakpoint
ALTER TABLE "customer_rates" ADD CONSTRAINT "customer_rates_customer_id_customers_id_fk" FOREIGN KEY ("customer_id") REFERENCES "public"."customers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "customer_rates" ADD CONSTRAINT "customer_rates_rate_id_rates_id_fk" FOREIGN KEY ("rate_id") REFERENCES "public"."rates"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meter_readings" ADD CONSTRAINT "meter_readings_meter_id_meters_id_fk" FOREIGN KEY ("meter_id") REFERENCES "public"."meters"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meter_readings" ADD CONSTRAINT "meter_readings_invoice_id_invoices_id_fk" FOREIGN KEY ("invoice_id") REFERENCES "public"."invoices"("id") ON DELETE no action ON UPDATE no action DEFERRABLE INITIALLY DEFERRED;--> statement-breakpoint
ALTER TABLE "meters" ADD CONSTRAINT "meters_customer_id_customers_id_fk" FOREIGN KEY ("customer_id") REFERENCES "public"."customers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rated_usage" ADD CONSTRAINT "rated_usage_invoice_id_invoices_id_fk" FOREIGN KEY ("invoice_id") REFERENCES "public"."invoices"("id") ON DELETE no action ON UPDATE no action DEFERRABLE INITIALLY DEFERRED;--> statement-breakpoint
ALTER TABLE "rated_usage" ADD CONSTRAINT "rated_usage_customer_id_customers_id_fk" FOREIGN KEY ("customer_id") REFERENCES "public"."customers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rated_usage" ADD CONSTRAINT "rated_usage_customer_rate_id_customer_rates_id_fk" FOREIGN KEY ("customer_rate_id") REFERENCES "public"."customer_rates"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rates" ADD CONSTRAINT "rates_revenue_account_code_accounts_code_fk" FOREIGN KEY ("revenue_account_code") REFERENCES "public"."accounts"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reading_import_chunks" ADD CONSTRAINT "reading_import_chunks_import_id_reading_imports_id_fk" FOREIGN KEY ("import_id") REFERENCES "public"."reading_imports"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reading_import_rows" ADD CONSTRAINT "reading_import_rows_import_id_reading_imports_id_fk" FOREIGN KEY ("import_id") REFERENCES "public"."reading_imports"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "customer_rates_customer" ON "customer_rates" USING btree ("customer_id","effective_from");--> statement-breakpoint
CREATE UNIQUE INDEX "meter_readings_meter_time" ON "meter_readings" USING btree ("meter_id","read_at");--> statement-breakpoint
CREATE INDEX "meter_readings_unbilled" ON "meter_readings" USING btree ("meter_id","read_at") WHERE "meter_readings"."invoice_id" is null;--> statement-breakpoint
CREATE INDEX "meter_readings_invoice" ON "meter_readings" USING btree ("invoice_id");--> statement-breakpoint
CREATE UNIQUE INDEX "meters_customer_key" ON "meters" USING btree ("customer_id","key");--> statement-breakpoint
CREATE INDEX "rated_usage_segment" ON "rated_usage" USING btree ("customer_id","meter_key","segment_start");--> statement-breakpoint
CREATE INDEX "rated_usage_invoice" ON "rated_usage" USING btree ("invoice_id");--> statement-breakpoint
CREATE INDEX "reading_imports_created" ON "reading_imports" USING btree ("created_at");