-- Near-duplicate clusters (src/dupes). pg_trgm confirms candidate pairs by trigram similarity;
-- IF NOT EXISTS: a managed server may have it created by an administrator already (trusted since PostgreSQL 13).
CREATE EXTENSION IF NOT EXISTS pg_trgm;
--> statement-breakpoint
CREATE TABLE "job_clusters" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "job_clusters_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"canonical_id" bigint NOT NULL,
	"same_employer" boolean NOT NULL,
	"size" bigint NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "jobs" ADD COLUMN "cluster_id" bigint;--> statement-breakpoint
ALTER TABLE "job_clusters" ADD CONSTRAINT "job_clusters_canonical_id_jobs_id_fk" FOREIGN KEY ("canonical_id") REFERENCES "public"."jobs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "jobs" ADD CONSTRAINT "jobs_cluster_id_job_clusters_id_fk" FOREIGN KEY ("cluster_id") REFERENCES "public"."job_clusters"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "jobs_cluster_id_idx" ON "jobs" USING btree ("cluster_id");