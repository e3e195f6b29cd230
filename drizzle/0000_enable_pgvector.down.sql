-- Down migration for 0000_enable_pgvector (hand-written).
-- The vector extension is left in place: other schemas or databases objects may use it, and
-- dropping it needs its owner. `DROP EXTENSION vector;` by hand removes it.
SELECT 1;
