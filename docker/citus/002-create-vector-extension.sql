-- Every node needs pgvector: the shards of jobs (with their vector column and HNSW indexes) live on the workers.
CREATE EXTENSION IF NOT EXISTS vector;
