-- Custom SQL migration (hand-written): pgvector must exist before any vector column.
-- IF NOT EXISTS: a managed server may have the extension created by an administrator already.
CREATE EXTENSION IF NOT EXISTS vector;
