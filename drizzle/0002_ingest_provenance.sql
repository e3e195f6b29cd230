ALTER TABLE "jobs" ADD COLUMN "salary_text" text;--> statement-breakpoint
ALTER TABLE "jobs" ADD COLUMN "salary_flag" text;--> statement-breakpoint
ALTER TABLE "jobs" ADD COLUMN "posted_approximate" boolean DEFAULT false NOT NULL;