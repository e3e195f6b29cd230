-- Down migration for 0003_near_duplicates (hand-written). pg_trgm is left in place, as vector is
-- in 0000: other objects may use it. `DROP EXTENSION pg_trgm;` by hand removes it.
ALTER TABLE "jobs" DROP COLUMN IF EXISTS "cluster_id";
--> statement-breakpoint
DROP TABLE IF EXISTS "job_clusters";
