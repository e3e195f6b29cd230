-- Down migration for 0001_core_schema (hand-written): drops what 0001 created, dependants first.
DROP TABLE IF EXISTS "job_skills";
--> statement-breakpoint
DROP TABLE IF EXISTS "jobs";
--> statement-breakpoint
DROP TABLE IF EXISTS "skills";
--> statement-breakpoint
DROP TABLE IF EXISTS "companies";
--> statement-breakpoint
DROP TABLE IF EXISTS "jobsight_settings";
