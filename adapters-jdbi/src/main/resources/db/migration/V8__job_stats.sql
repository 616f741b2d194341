-- recollect jobs stats: jobs created since a time, and the newest jobs of every user, by one index range scan.
CREATE INDEX generation_jobs_created ON generation_jobs (created_at DESC, id DESC);
