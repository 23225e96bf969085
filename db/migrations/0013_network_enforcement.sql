CREATE TABLE "nas" (
	"id" serial PRIMARY KEY NOT NULL,
	"nasname" text NOT NULL,
	"shortname" text NOT NULL,
	"type" text DEFAULT 'other' NOT NULL,
	"ports" integer,
	"secret" text NOT NULL,
	"server" text,
	"community" text,
	"description" text
);
--> statement-breakpoint
CREATE TABLE "network_requests" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"request_key" text NOT NULL,
	"customer_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"desired_state" text NOT NULL,
	"desired_version" integer NOT NULL,
	"acct_unique_id" text NOT NULL,
	"acct_session_id" text NOT NULL,
	"username" text NOT NULL,
	"nas_address" text NOT NULL,
	"nas_port" integer NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"error_cause" integer,
	"last_error" text,
	"acked_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "network_requests_kind_known" CHECK ("network_requests"."kind" in ('disconnect', 'coa')),
	CONSTRAINT "network_requests_status_known" CHECK ("network_requests"."status" in ('pending', 'acked', 'session_gone', 'refused')),
	CONSTRAINT "network_requests_desired_state_known" CHECK ("network_requests"."desired_state" in ('active', 'restricted', 'suspended', 'ended'))
);
--> statement-breakpoint
CREATE TABLE "plan_network_profiles" (
	"plan_id" uuid PRIMARY KEY NOT NULL,
	"rate_limit" text NOT NULL,
	"address_pool" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "plan_network_profiles_rate_limit_shape" CHECK ("plan_network_profiles"."rate_limit" ~ '^[0-9]{1,6}[kKM]?/[0-9]{1,6}[kKM]?$'),
	CONSTRAINT "plan_network_profiles_address_pool_shape" CHECK ("plan_network_profiles"."address_pool" is null or "plan_network_profiles"."address_pool" ~ '^[A-Za-z0-9._-]{1,64}$')
);
--> statement-breakpoint
CREATE TABLE "radacct" (
	"radacctid" bigserial PRIMARY KEY NOT NULL,
	"acctsessionid" text NOT NULL,
	"acctuniqueid" text NOT NULL,
	"username" text,
	"realm" text,
	"nasipaddress" "inet" NOT NULL,
	"nasportid" text,
	"nasporttype" text,
	"acctstarttime" timestamp with time zone,
	"acctupdatetime" timestamp with time zone,
	"acctstoptime" timestamp with time zone,
	"acctinterval" bigint,
	"acctsessiontime" bigint,
	"acctauthentic" text,
	"connectinfo_start" text,
	"connectinfo_stop" text,
	"acctinputoctets" bigint,
	"acctoutputoctets" bigint,
	"calledstationid" text,
	"callingstationid" text,
	"acctterminatecause" text,
	"servicetype" text,
	"framedprotocol" text,
	"framedipaddress" "inet",
	"framedipv6address" "inet",
	"framedipv6prefix" "inet",
	"framedinterfaceid" text,
	"delegatedipv6prefix" "inet",
	"class" text,
	CONSTRAINT "radacct_acctuniqueid_key" UNIQUE("acctuniqueid")
);
--> statement-breakpoint
CREATE TABLE "radcheck" (
	"id" serial PRIMARY KEY NOT NULL,
	"username" text DEFAULT '' NOT NULL,
	"attribute" text DEFAULT '' NOT NULL,
	"op" varchar(2) DEFAULT '==' NOT NULL,
	"value" text DEFAULT '' NOT NULL
);
--> statement-breakpoint
CREATE TABLE "radgroupcheck" (
	"id" serial PRIMARY KEY NOT NULL,
	"groupname" text DEFAULT '' NOT NULL,
	"attribute" text DEFAULT '' NOT NULL,
	"op" varchar(2) DEFAULT '==' NOT NULL,
	"value" text DEFAULT '' NOT NULL
);
--> statement-breakpoint
CREATE TABLE "radgroupreply" (
	"id" serial PRIMARY KEY NOT NULL,
	"groupname" text DEFAULT '' NOT NULL,
	"attribute" text DEFAULT '' NOT NULL,
	"op" varchar(2) DEFAULT '=' NOT NULL,
	"value" text DEFAULT '' NOT NULL
);
--> statement-breakpoint
CREATE TABLE "radreply" (
	"id" serial PRIMARY KEY NOT NULL,
	"username" text DEFAULT '' NOT NULL,
	"attribute" text DEFAULT '' NOT NULL,
	"op" varchar(2) DEFAULT '=' NOT NULL,
	"value" text DEFAULT '' NOT NULL
);
--> statement-breakpoint
CREATE TABLE "radusergroup" (
	"id" serial PRIMARY KEY NOT NULL,
	"username" text DEFAULT '' NOT NULL,
	"groupname" text DEFAULT '' NOT NULL,
	"priority" integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "service_accounts" (
	"customer_id" uuid PRIMARY KEY NOT NULL,
	"username" text NOT NULL,
	"password_hash" text NOT NULL,
	"desired_state" text DEFAULT 'active' NOT NULL,
	"desired_reason" text,
	"desired_at" timestamp with time zone DEFAULT now() NOT NULL,
	"desired_version" integer DEFAULT 1 NOT NULL,
	"applied_state" text,
	"applied_version" integer,
	"applied_at" timestamp with time zone,
	"last_error" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "service_accounts_username_unique" UNIQUE("username"),
	CONSTRAINT "service_accounts_desired_state_known" CHECK ("service_accounts"."desired_state" in ('active', 'restricted', 'suspended', 'ended')),
	CONSTRAINT "service_accounts_applied_state_known" CHECK ("service_accounts"."applied_state" is null or "service_accounts"."applied_state" in ('active', 'restricted', 'suspended', 'ended')),
	CONSTRAINT "service_accounts_username_shape" CHECK ("service_accounts"."username" ~ '^[A-Za-z0-9._@-]{1,64}$'),
	CONSTRAINT "service_accounts_desired_version_positive" CHECK ("service_accounts"."desired_version" >= 1)
);
--> statement-breakpoint
ALTER TABLE "network_requests" ADD CONSTRAINT "network_requests_customer_id_customers_id_fk" FOREIGN KEY ("customer_id") REFERENCES "public"."customers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_network_profiles" ADD CONSTRAINT "plan_network_profiles_plan_id_plans_id_fk" FOREIGN KEY ("plan_id") REFERENCES "public"."plans"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_accounts" ADD CONSTRAINT "service_accounts_customer_id_customers_id_fk" FOREIGN KEY ("customer_id") REFERENCES "public"."customers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "nas_nasname" ON "nas" USING btree ("nasname");--> statement-breakpoint
CREATE UNIQUE INDEX "network_requests_key" ON "network_requests" USING btree ("request_key");--> statement-breakpoint
CREATE INDEX "network_requests_customer" ON "network_requests" USING btree ("customer_id");--> statement-breakpoint
CREATE INDEX "radacct_active_session_idx" ON "radacct" USING btree ("acctuniqueid") WHERE "radacct"."acctstoptime" is null;--> statement-breakpoint
CREATE INDEX "radacct_bulk_close" ON "radacct" USING btree ("nasipaddress","acctstarttime") WHERE "radacct"."acctstoptime" is null;--> statement-breakpoint
CREATE INDEX "radacct_start_user_idx" ON "radacct" USING btree ("acctstarttime","username");--> statement-breakpoint
CREATE INDEX "radacct_calss_idx" ON "radacct" USING btree ("class");--> statement-breakpoint
CREATE INDEX "radacct_open_by_user" ON "radacct" USING btree ("username") WHERE "radacct"."acctstoptime" is null;--> statement-breakpoint
CREATE INDEX "radcheck_username" ON "radcheck" USING btree ("username","attribute");--> statement-breakpoint
CREATE INDEX "radgroupcheck_groupname" ON "radgroupcheck" USING btree ("groupname","attribute");--> statement-breakpoint
CREATE INDEX "radgroupreply_groupname" ON "radgroupreply" USING btree ("groupname","attribute");--> statement-breakpoint
CREATE INDEX "radreply_username" ON "radreply" USING btree ("username","attribute");--> statement-breakpoint
CREATE INDEX "radusergroup_username" ON "radusergroup" USING btree ("username");--> statement-breakpoint
CREATE INDEX "service_accounts_not_applied" ON "service_accounts" USING btree ("desired_at") WHERE "service_accounts"."applied_version" is distinct from "service_accounts"."desired_version";