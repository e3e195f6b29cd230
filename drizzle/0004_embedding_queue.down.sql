-- Down migration for 0004_embedding_queue (hand-written). Postings keep the embeddings they have.
DROP TRIGGER IF EXISTS jobs_queue_updated ON jobs;
--> statement-breakpoint
DROP TRIGGER IF EXISTS jobs_queue_inserted ON jobs;
--> statement-breakpoint
DROP TRIGGER IF EXISTS jobs_drop_stale_embedding ON jobs;
--> statement-breakpoint
DROP FUNCTION IF EXISTS jobsight_queue_updated();
--> statement-breakpoint
DROP FUNCTION IF EXISTS jobsight_queue_inserted();
--> statement-breakpoint
DROP FUNCTION IF EXISTS jobsight_drop_stale_embedding();
--> statement-breakpoint
DROP TABLE IF EXISTS "embedding_queue";
--> statement-breakpoint
DROP SEQUENCE IF EXISTS "embedding_queue_version_seq";
