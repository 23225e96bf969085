CREATE TABLE "account_handoff_sequences" (
	"customer_id" uuid PRIMARY KEY NOT NULL,
	"last_sequence" integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE "workflow_handoffs" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"key" text NOT NULL,
	"customer_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"sequence" integer,
	"payload" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"next_attempt_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_error" text,
	"delivered_at" timestamp with time zone,
	CONSTRAINT "workflow_handoffs_key_unique" UNIQUE("key"),
	CONSTRAINT "workflow_handoffs_kind_known" CHECK ("workflow_handoffs"."kind" in ('account-fact', 'workflow-start')),
	CONSTRAINT "workflow_handoffs_sequence_for_facts" CHECK (("workflow_handoffs"."kind" = 'account-fact') = ("workflow_handoffs"."sequence" is not null))
);
--> statement-breakpoint
ALTER TABLE "subscriptions" ADD COLUMN "pending_plan_id" uuid;--> statement-breakpoint
ALTER TABLE "subscriptions" ADD COLUMN "pending_plan_from" date;--> statement-breakpoint
ALTER TABLE "subscriptions" ADD COLUMN "cancel_requested_on" date;--> statement-breakpoint
ALTER TABLE "account_handoff_sequences" ADD CONSTRAINT "account_handoff_sequences_customer_id_customers_id_fk" FOREIGN KEY ("customer_id") REFERENCES "public"."customers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "workflow_handoffs" ADD CONSTRAINT "workflow_handoffs_customer_id_customers_id_fk" FOREIGN KEY ("customer_id") REFERENCES "public"."customers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "workflow_handoffs_account_sequence" ON "workflow_handoffs" USING btree ("customer_id","sequence");--> statement-breakpoint
CREATE INDEX "workflow_handoffs_undelivered" ON "workflow_handoffs" USING btree ("next_attempt_at") WHERE "workflow_handoffs"."delivered_at" is null;--> statement-breakpoint
ALTER TABLE "subscriptions" ADD CONSTRAINT "subscriptions_pending_plan_id_plans_id_fk" FOREIGN KEY ("pending_plan_id") REFERENCES "public"."plans"("id") ON DELETE no action ON UPDATE no action;