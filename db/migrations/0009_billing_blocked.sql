-- Accounts whose billing is blocked (a billing step failed in a way retrying does not fix) are
-- marked by their workflow, so staff can list them; the partial index keeps that list cheap.
ALTER TABLE "customers" ADD COLUMN "billing_blocked_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "customers" ADD COLUMN "billing_blocked_step" text;--> statement-breakpoint
ALTER TABLE "customers" ADD COLUMN "billing_blocked_reason" text;--> statement-breakpoint
CREATE INDEX "customers_billing_blocked" ON "customers" USING btree ("billing_blocked_at") WHERE "customers"."billing_blocked_at" is not null;