-- Down migration for 0002_ingest_provenance (hand-written).
ALTER TABLE "jobs" DROP COLUMN IF EXISTS "salary_text";
--> statement-breakpoint
ALTER TABLE "jobs" DROP COLUMN IF EXISTS "salary_flag";
--> statement-breakpoint
ALTER TABLE "jobs" DROP COLUMN IF EXISTS "posted_approximate";
