-- Invoice numbers join the other documents' series as 'INV': each year's counter is carried over,
-- so the next invoice continues where the last one stopped (no number is given twice).
LOCK TABLE "invoice_number_series" IN EXCLUSIVE MODE;--> statement-breakpoint
INSERT INTO "document_number_series" ("series", "year", "last_number")
SELECT 'INV', "year", "last_number" FROM "invoice_number_series"
ON CONFLICT ("series", "year") DO UPDATE SET "last_number" = greatest("document_number_series"."last_number", excluded."last_number");--> statement-breakpoint
DROP TABLE "invoice_number_series" CASCADE;
