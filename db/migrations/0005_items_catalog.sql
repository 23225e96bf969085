CREATE TABLE "items" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"kind" text NOT NULL,
	"description" text,
	"unit_price_minor" bigint NOT NULL,
	"currency" text NOT NULL,
	"revenue_account_code" text NOT NULL,
	"tax_rate" text NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "items_kind_known" CHECK ("items"."kind" in ('service', 'part')),
	CONSTRAINT "items_currency_iso" CHECK ("items"."currency" ~ '^[A-Z]{3}$'),
	CONSTRAINT "items_unit_price_not_negative" CHECK ("items"."unit_price_minor" >= 0)
);
--> statement-breakpoint
ALTER TABLE "items" ADD CONSTRAINT "items_revenue_account_code_accounts_code_fk" FOREIGN KEY ("revenue_account_code") REFERENCES "public"."accounts"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "items_created_at_idx" ON "items" USING btree ("created_at","id");