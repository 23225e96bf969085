CREATE TABLE "customer_collections" (
	"customer_id" uuid PRIMARY KEY NOT NULL,
	"dunning_policy_id" uuid,
	"penalty_class_id" uuid,
	"exempt" boolean DEFAULT false NOT NULL,
	"exempt_reason" text,
	"balance_alert_minor" bigint,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "customer_collections_exempt_reason" CHECK (not "customer_collections"."exempt" or "customer_collections"."exempt_reason" is not null),
	CONSTRAINT "customer_collections_balance_alert_positive" CHECK ("customer_collections"."balance_alert_minor" is null or "customer_collections"."balance_alert_minor" > 0)
);
--> statement-breakpoint
CREATE TABLE "dunning_episodes" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"customer_id" uuid NOT NULL,
	"policy_id" uuid NOT NULL,
	"policy_version" integer NOT NULL,
	"currency" text NOT NULL,
	"started_on" date NOT NULL,
	"anchor_due_date" date NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"stage" text NOT NULL,
	"paused_at" timestamp with time zone,
	"paused_reason" text,
	"promise_until" date,
	"promise_made_on" date,
	"promise_source" text,
	"closed_on" date,
	"close_reason" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "dunning_episodes_status_known" CHECK ("dunning_episodes"."status" in ('open', 'closed')),
	CONSTRAINT "dunning_episodes_closed_on" CHECK (("dunning_episodes"."status" = 'closed') = ("dunning_episodes"."closed_on" is not null))
);
--> statement-breakpoint
CREATE TABLE "dunning_events" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"customer_id" uuid NOT NULL,
	"episode_id" uuid,
	"kind" text NOT NULL,
	"step_key" text,
	"due_on" date NOT NULL,
	"occurred_at" timestamp with time zone DEFAULT now() NOT NULL,
	"actor" text NOT NULL,
	"reason" text,
	"outcome" text NOT NULL,
	"detail" jsonb DEFAULT '{}'::jsonb NOT NULL
);
--> statement-breakpoint
CREATE TABLE "dunning_policies" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"is_default" boolean DEFAULT false NOT NULL,
	"current_version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "dunning_policies_name_unique" UNIQUE("name")
);
--> statement-breakpoint
CREATE TABLE "dunning_policy_versions" (
	"policy_id" uuid NOT NULL,
	"version" integer NOT NULL,
	"definition" jsonb NOT NULL,
	"created_by" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "dunning_policy_versions_policy_id_version_pk" PRIMARY KEY("policy_id","version"),
	CONSTRAINT "dunning_policy_versions_positive" CHECK ("dunning_policy_versions"."version" >= 1)
);
--> statement-breakpoint
CREATE TABLE "penalty_charges" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"customer_id" uuid NOT NULL,
	"invoice_id" uuid NOT NULL,
	"rule_id" uuid NOT NULL,
	"occurrence" integer NOT NULL,
	"component" text DEFAULT 'penalty' NOT NULL,
	"currency" text NOT NULL,
	"base_minor" bigint NOT NULL,
	"amount_minor" bigint NOT NULL,
	"tax_minor" bigint NOT NULL,
	"charge_on" date NOT NULL,
	"accrued_from" date,
	"accrued_to" date,
	"penalty_invoice_id" uuid NOT NULL,
	"episode_id" uuid,
	"waived_by_credit_note_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "penalty_charges_component_known" CHECK ("penalty_charges"."component" in ('penalty', 'recovery')),
	CONSTRAINT "penalty_charges_amount_positive" CHECK ("penalty_charges"."amount_minor" > 0)
);
--> statement-breakpoint
CREATE TABLE "penalty_classes" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"is_default" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "penalty_classes_name_unique" UNIQUE("name")
);
--> statement-breakpoint
CREATE TABLE "penalty_rules" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"class_id" uuid NOT NULL,
	"position" integer NOT NULL,
	"name" text NOT NULL,
	"kind" text NOT NULL,
	"definition" jsonb NOT NULL,
	"archived_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "reference_rate_values" (
	"rate_id" uuid NOT NULL,
	"effective_from" date NOT NULL,
	"rate_percent" text NOT NULL,
	CONSTRAINT "reference_rate_values_rate_id_effective_from_pk" PRIMARY KEY("rate_id","effective_from")
);
--> statement-breakpoint
CREATE TABLE "reference_rates" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "reference_rates_name_unique" UNIQUE("name")
);
--> statement-breakpoint
ALTER TABLE "invoices" DROP CONSTRAINT "invoices_kind_known";--> statement-breakpoint
ALTER TABLE "subscriptions" ADD COLUMN "ends_on" date;--> statement-breakpoint
ALTER TABLE "customer_collections" ADD CONSTRAINT "customer_collections_customer_id_customers_id_fk" FOREIGN KEY ("customer_id") REFERENCES "public"."customers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "customer_collections" ADD CONSTRAINT "customer_collections_dunning_policy_id_dunning_policies_id_fk" FOREIGN KEY ("dunning_policy_id") REFERENCES "public"."dunning_policies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "customer_collections" ADD CONSTRAINT "customer_collections_penalty_class_id_penalty_classes_id_fk" FOREIGN KEY ("penalty_class_id") REFERENCES "public"."penalty_classes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dunning_episodes" ADD CONSTRAINT "dunning_episodes_customer_id_customers_id_fk" FOREIGN KEY ("customer_id") REFERENCES "public"."customers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dunning_episodes" ADD CONSTRAINT "dunning_episodes_policy_id_dunning_policies_id_fk" FOREIGN KEY ("policy_id") REFERENCES "public"."dunning_policies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dunning_events" ADD CONSTRAINT "dunning_events_customer_id_customers_id_fk" FOREIGN KEY ("customer_id") REFERENCES "public"."customers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dunning_events" ADD CONSTRAINT "dunning_events_episode_id_dunning_episodes_id_fk" FOREIGN KEY ("episode_id") REFERENCES "public"."dunning_episodes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dunning_policy_versions" ADD CONSTRAINT "dunning_policy_versions_policy_id_dunning_policies_id_fk" FOREIGN KEY ("policy_id") REFERENCES "public"."dunning_policies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "penalty_charges" ADD CONSTRAINT "penalty_charges_customer_id_customers_id_fk" FOREIGN KEY ("customer_id") REFERENCES "public"."customers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "penalty_charges" ADD CONSTRAINT "penalty_charges_invoice_id_invoices_id_fk" FOREIGN KEY ("invoice_id") REFERENCES "public"."invoices"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "penalty_charges" ADD CONSTRAINT "penalty_charges_rule_id_penalty_rules_id_fk" FOREIGN KEY ("rule_id") REFERENCES "public"."penalty_rules"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "penalty_charges" ADD CONSTRAINT "penalty_charges_penalty_invoice_id_invoices_id_fk" FOREIGN KEY ("penalty_invoice_id") REFERENCES "public"."invoices"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "penalty_charges" ADD CONSTRAINT "penalty_charges_episode_id_dunning_episodes_id_fk" FOREIGN KEY ("episode_id") REFERENCES "public"."dunning_episodes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "penalty_charges" ADD CONSTRAINT "penalty_charges_waived_by_credit_note_id_credit_notes_id_fk" FOREIGN KEY ("waived_by_credit_note_id") REFERENCES "public"."credit_notes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "penalty_rules" ADD CONSTRAINT "penalty_rules_class_id_penalty_classes_id_fk" FOREIGN KEY ("class_id") REFERENCES "public"."penalty_classes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reference_rate_values" ADD CONSTRAINT "reference_rate_values_rate_id_reference_rates_id_fk" FOREIGN KEY ("rate_id") REFERENCES "public"."reference_rates"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "dunning_episodes_one_open" ON "dunning_episodes" USING btree ("customer_id") WHERE "dunning_episodes"."status" = 'open';--> statement-breakpoint
CREATE INDEX "dunning_episodes_customer" ON "dunning_episodes" USING btree ("customer_id","started_on");--> statement-breakpoint
CREATE UNIQUE INDEX "dunning_events_one_per_step" ON "dunning_events" USING btree ("episode_id","step_key") WHERE "dunning_events"."step_key" is not null;--> statement-breakpoint
CREATE INDEX "dunning_events_customer" ON "dunning_events" USING btree ("customer_id","occurred_at");--> statement-breakpoint
CREATE UNIQUE INDEX "dunning_policies_one_default" ON "dunning_policies" USING btree ("is_default") WHERE "dunning_policies"."is_default";--> statement-breakpoint
CREATE UNIQUE INDEX "penalty_charges_once" ON "penalty_charges" USING btree ("invoice_id","rule_id","occurrence","component");--> statement-breakpoint
CREATE INDEX "penalty_charges_customer" ON "penalty_charges" USING btree ("customer_id");--> statement-breakpoint
CREATE UNIQUE INDEX "penalty_classes_one_default" ON "penalty_classes" USING btree ("is_default") WHERE "penalty_classes"."is_default";--> statement-breakpoint
CREATE INDEX "penalty_rules_class" ON "penalty_rules" USING btree ("class_id");--> statement-breakpoint
ALTER TABLE "invoices" ADD CONSTRAINT "invoices_kind_known" CHECK ("invoices"."kind" in ('recurring', 'one_off', 'penalty'));