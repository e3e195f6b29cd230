/**
 * Every default and limit Jobsight has, each once, with why. The CLI's --help, the API's
 * /openapi.json and the library's option schemas all read them from here.
 */

// --- Embeddings -------------------------------------------------------------------------------

/**
 * The embedder used unless --embedder / JOBSIGHT_EMBEDDER says otherwise: the built-in, offline
 * semantic one (GloVe word vectors with SIF weighting, joined with lexical hashing features;
 * src/embed/semantic). A database built with another embedder keeps it (db/setup.ts).
 */
export const DEFAULT_EMBEDDER = 'semantic';

/**
 * Vector length of the default embedder, and of `jobs.embedding` in the first migration. A
 * database opened with another dimension gets its (still empty) column retyped once
 * (db/embedder-record.ts); one with vectors must be re-embedded (`jobsight db reembed`).
 */
export const DEFAULT_DIMENSIONS = 384;

/** pgvector's `vector` type holds at most 16,000 dimensions. */
export const MAX_DIMENSIONS = 16_000;

// --- Searching --------------------------------------------------------------------------------

/** Results a search returns unless told otherwise. */
export const DEFAULT_K = 10;

/** Most results one search returns: more is a data export, not a search (and ef_search stops at 1000). */
export const MAX_K = 1000;

/** Longer queries are not searches but pasted documents; embedders truncate them anyway. */
export const MAX_QUERY_CHARS = 10_000;

/** A resume longer than this is not a resume; the limit keeps requests bounded. */
export const MAX_RESUME_CHARS = 100_000;

/** A labelled-queries file for `eval` (the shipped ones are 10-30 kB); within the API's 1 MB body limit. */
export const MAX_LABELLED_SET_CHARS = 1_000_000;

/** Distance used unless a search says otherwise: the embedders' vectors are unit length, cosine suits them. */
export const DEFAULT_METRIC = 'cosine';

/**
 * Hybrid search (reciprocal rank fusion): each branch ranks `candidates` postings, a posting
 * scores weight / (rrfK + rank) per branch. Chosen by measurement on the tuning sets in eval/
 * with the semantic embedder (README, "Measuring search quality"): full text is the sharper
 * signal when it matches, so it weighs more (text 1, vector 0.7); 100 candidates per branch let
 * a posting both branches rank lower still surface (+0.015 nDCG@10 over 50); rrfK 20 was within
 * 0.01 of the RRF paper's 60.
 */
export const HYBRID_DEFAULTS = { candidates: 100, rrfK: 60, vectorWeight: 0.7, textWeight: 1 } as const;

/** Most candidates a hybrid branch ranks before fusion. */
export const MAX_CANDIDATES = 1000;

/**
 * HNSW ef_search for every query unless the caller sets one (pgvector's own default is 40).
 * Measured on the NHS postings with HNSW m 16 / ef_construction 64, tie-aware recall@10 was
 * 0.93 / 0.98 / 0.997 at 40 / 100 / 200 with the semantic embedder (0.69 / 0.81 / 0.91 with the
 * hashing one); a filtered iterative scan at 1 % selectivity went from 0.94 at 40 to the exact
 * answer at 100.
 */
export const DEFAULT_EF_SEARCH = 100;

/**
 * A filtered vector search without an ef_search of its own scans FILTERED_EF_FACTOR * k / share
 * candidates per batch (share: the planner's estimate of the postings the filters keep), at
 * least DEFAULT_EF_SEARCH and at most MAX_EF_SEARCH. The filtered top k lie among the nearest
 * k / share postings overall; an HNSW candidate list of twice that finds them well: on the 10k
 * scale set at 10 % selectivity tie-aware recall@10 went from 0.96 at ef_search 100 (0.88 over
 * the full run's 100 queries) to 0.97 at 200. This ef_search is set inside the statement only
 * (search/scan-settings.ts): the plan is costed at DEFAULT_EF_SEARCH, where the planner already
 * compares the filtered rows exactly when the filters keep few (1 % here).
 */
export const FILTERED_EF_FACTOR = 2;

/**
 * How far a filtered iterative HNSW scan may go (search/filter-share.ts filteredScan). pgvector
 * stops one at hnsw.max_scan_tuples (default 20,000) visited tuples or at work_mem ×
 * hnsw.scan_mem_multiplier (default 1; 4 MB held about 27,000 tuples of the 100k scale set), and
 * a filter that keeps postings far from the query (a skill few nearby postings ask for) needs
 * far more than k / share tuples: on the 100k scale set a skill kept by 10 % returned 9 of 10
 * rows at recall@10 0.67 within the defaults. A filtered search may visit
 * FILTERED_SCAN_TUPLES_FACTOR × the rows it fetches / share tuples (at least pgvector's 20,000,
 * at most MAX_FILTERED_SCAN_TUPLES), with memory for as many (one multiplier per
 * SCAN_TUPLES_PER_MEM_MULTIPLIER tuples). The memory is only used by a scan that goes that far.
 */
export const FILTERED_SCAN_TUPLES_FACTOR = 20;
export const PGVECTOR_MAX_SCAN_TUPLES = 20_000;
export const MAX_FILTERED_SCAN_TUPLES = 400_000;
export const SCAN_TUPLES_PER_MEM_MULTIPLIER = 20_000;

/**
 * A filtered iterative scan returns rows in roughly rising distance (relaxed_order), and the
 * further it goes the rougher: it fetches FILTERED_OVERFETCH × k rows (at most
 * MAX_FILTERED_FETCH, never fewer than k) and keeps the k nearest. On the 100k scale set at
 * 10 % (a skill) recall@10 went from 0.83 fetching 10 to 0.94 fetching 40 and 1.0 fetching 100.
 */
export const FILTERED_OVERFETCH = 10;
export const MAX_FILTERED_FETCH = 1000;

/** Largest ef_search and IVFFlat probes a query may ask for (pgvector allows 1000 ef_search). */
export const MAX_EF_SEARCH = 1000;
export const MAX_PROBES = 1000;

/** Longest name a filter compares (city, company, skill). */
export const MAX_NAME_CHARS = 300;

/** Most skills one filter lists. */
export const MAX_FILTER_SKILLS = 50;

/** Resume matching: how many missing skills to suggest learning next. */
export const DEFAULT_LEARN_NEXT = 10;

// --- Vector indexes ---------------------------------------------------------------------------

/** HNSW build parameters (pgvector's defaults): neighbours per node and build candidate list. */
export const HNSW_DEFAULTS = { m: 16, efConstruction: 64 } as const;
/** pgvector's bounds for them; efConstruction must also be at least 2 * m. */
export const HNSW_LIMITS = { m: [2, 100], efConstruction: [4, 1000] } as const;

/**
 * A search served by a binary-quantised index (`index create hnsw --type bit`) takes the
 * ef_search nearest postings by Hamming distance between the sign bits of the vectors, but at
 * least k × BIT_RERANK_FACTOR (and at most MAX_EF_SEARCH; ef_search is raised to the count, or
 * the graph could not return them all), then re-ranks them by the full-precision distance and
 * keeps k. One bit per dimension loses much of the ordering, so the re-ranking needs many
 * candidates: README, "Quantised indexes", has recall@10 by ef_search on the 10k scale set.
 */
export const BIT_RERANK_FACTOR = 4;

/**
 * How long a process reuses what it last read of the vector indexes on jobs to choose how a
 * search orders (search/quantised.ts): full precision, half precision or bits. Index changes this
 * process makes are seen at once; another process's (a CLI beside a running `serve`) within this
 * time. Until then a search still answers correctly, only exactly instead of through the new index
 * (or exactly on the quantised values, after one was dropped elsewhere).
 */
export const VECTOR_INDEX_CACHE_MS = 10_000;

/** Most IVFFlat lists pgvector builds. */
export const MAX_IVFFLAT_LISTS = 32_768;

/** Server builds: memory and parallel workers (an HNSW graph that outgrows the memory builds far slower). */
export const BUILD_DEFAULTS = { maintenanceWorkMem: '512MB', parallelWorkers: 2 } as const;
export const MAX_PARALLEL_WORKERS = 64;

/**
 * Below this many embedded rows Jobsight searches without an index. An exact scan of 10,000
 * 384-dim vectors takes a few tens of milliseconds (24 ms for 20k on the server), returns the
 * true nearest postings, and needs no build (an HNSW build is 40-70 s for 20k rows in PGlite).
 * Above it, scan time grows linearly while HNSW stays around a millisecond.
 */
export const EXACT_SEARCH_MAX_ROWS = 10_000;

// --- Market analytics -------------------------------------------------------------------------

/** Rows a ranked statistic (skills, employers, salary groups) returns unless told otherwise. */
export const DEFAULT_TOP = 20;
export const MAX_TOP = 1000;

/** Postings a "like" slice holds unless told otherwise. */
export const DEFAULT_SLICE_SIZE = 200;

/**
 * Largest slice: enough postings for stable percentiles, small enough that the hybrid ranking
 * (which ranks this many candidates per branch) stays a sub-second query.
 */
export const MAX_SLICE_SIZE = 5000;

/** Fewer postings than this make salary quartiles that say more about one employer than about a market. */
export const DEFAULT_MIN_COUNT = 3;

/** Most skills one trend chart follows. */
export const MAX_TREND_SKILLS = 20;

// --- Near-duplicate postings (src/dupes) ---------------------------------------------------------

/**
 * Trigram similarity (pg_trgm, 0 to 1) of title + description that confirms two postings as the
 * same job. Chosen on the labelled pairs of eval/dupes-pairs.json (see README, "Near-duplicate
 * postings"): reposts with small edits score 0.8-1, different jobs of one employer below 0.7.
 */
export const DEFAULT_DUPES_SIMILARITY = 0.8;

/**
 * Cosine distance within which a neighbour is a candidate at all. Only a gate that keeps the
 * trigram comparisons (about 2 ms each on 4 kB texts) few; the similarity decides.
 */
export const DEFAULT_DUPES_MAX_DISTANCE = 0.3;

/** Nearest neighbours (by the vector index) examined per posting: a job reposted more often than this is still chained into one cluster. */
export const DEFAULT_DUPES_NEIGHBOURS = 10;
export const MAX_DUPES_NEIGHBOURS = 100;

/** Postings whose neighbours one statement looks up: bounds a statement's time and reports progress. */
export const DUPES_BATCH = 500;

/** `dupes list`: clusters shown unless told otherwise. */
export const DEFAULT_DUPES_LIST = 20;

// --- Jobs -------------------------------------------------------------------------------------

/** `jobs list`: rows per page unless told otherwise, and at most. */
export const DEFAULT_LIST_LIMIT = 20;
export const MAX_LIST_LIMIT = 1000;

// --- Ingest -----------------------------------------------------------------------------------

/** Postings per transaction: large enough for COPY to pay off, small enough to keep memory flat. */
export const DEFAULT_BATCH_SIZE = 1000;
export const MAX_BATCH_SIZE = 100_000;

/** `ingest --dry-run`: normalised rows shown per file unless told otherwise, and at most. */
export const DEFAULT_DRY_RUN_ROWS = 3;
export const MAX_DRY_RUN_ROWS = 1000;

// --- Embedding queue (src/embed-queue) --------------------------------------------------------

export const EMBED_QUEUE_DEFAULTS = {
  /** Postings a worker claims and embeds at once: one request to an OpenAI-compatible provider (its embedder's batch is 64 too). */
  batchSize: 64,
  /** Claims of a posting before the worker gives up on it and marks it failed (`embed --retry-failed` queues it again). */
  maxAttempts: 5,
  /** Wait after a posting's first failed attempt, in seconds; doubled after each further failure. */
  retryDelaySeconds: 5,
  /** Longest wait between attempts, in seconds. */
  maxRetryDelaySeconds: 600,
  /**
   * A claim's lease, in seconds: other workers skip a claimed posting until it ends, so it must
   * outlast one embedding call with the embedder's own retries (OpenAI-compatible: 6 attempts of up
   * to 60 s plus waits); a worker that died loses its postings to the others when it ends.
   */
  leaseSeconds: 900,
  /** `embed --watch` and `serve`: how often an idle worker looks for work, in ms. */
  pollMs: 2000,
  /** Workers started in one process (`embed --workers`, `serve --embed-workers`). */
  workers: 1,
} as const;
/**
 * How old, in ms, a search's `pending` (postings in the embedding queue) may be: the count is
 * kept that long per process and shared by the searches meanwhile, so a busy server counts the
 * queue about once a second instead of once per search. This process's own writes and stored
 * batches forget it at once; other processes' show within this time.
 */
export const PENDING_COUNT_MAX_AGE_MS = 1000;
export const MAX_EMBED_QUEUE_BATCH = 2048;
export const MAX_EMBED_QUEUE_WORKERS = 32;

// --- Importing from ChromaDB (src/importers) ---------------------------------------------------

/** Records fetched from Chroma per page, each page one transaction: Chroma's own add() batches are about this size. */
export const DEFAULT_CHROMA_PAGE = 500;
export const MAX_CHROMA_PAGE = 5000;

// --- Configuration ----------------------------------------------------------------------------

/** Embedded database folder, connection pool and HTTP server defaults (see config.ts, api/config.ts). */
export const CONFIG_DEFAULTS = {
  dataDir: '.jobsight',
  /** Most connections open at once (SQLAlchemy's pool_size + max_overflow). */
  poolMax: 10,
  poolIdleTimeoutMs: 30_000,
  poolConnectionTimeoutMs: 10_000,
  port: 8080,
  /** This machine only unless told otherwise. */
  host: '127.0.0.1',
  maxUploadBytes: 50 * 1024 * 1024,
  /** A resume or a long posting is tens of kB; a megabyte leaves room and still bounds memory. */
  maxBodyBytes: 1024 * 1024,
  /**
   * Read replicas: a replica further behind the primary than this many seconds is skipped for
   * reads (searches there would miss recent postings for longer than people notice).
   */
  maxReplicaLagSeconds: 10,
} as const;

/**
 * Read replicas: how long a replica's health and lag stay trusted before the next read checks them
 * again (one cheap query per replica), and how long a replica found down or lagging is left alone
 * before it is tried again.
 */
export const REPLICA_CHECK = { recheckMs: 2_000, retryMs: 5_000 } as const;

/**
 * Most shards `db distribute --shard-count` makes for jobs: Citus's own default is 32, and every
 * shard is a table with its own indexes on a worker, so thousands would only add planning work.
 */
export const MAX_SHARD_COUNT = 1024;
