/**
 * POST /api/ingest: a CSV, TSV, JSON Lines or JSON file as the request body (gzip too), streamed
 * to a temporary file within the size limit, then loaded by the same pipeline as `jobsight ingest`.
 * Rejected records come back in the response (the first 100), not as a file on the server.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { JobsightError } from '../../core/errors.ts';
import { ingestFiles, sourceNameFor } from '../../ingest/pipeline.ts';
import { INPUT_FORMATS } from '../../ingest/readers/detect-format.ts';
import { createRejectWriter } from '../../ingest/rejects.ts';
import { WRITE_SECURITY, type ApiDeps } from '../deps.ts';
import { authResponses, ErrorSchema, errorResponses } from '../errors.ts';
import { streamToFile, tooLarge } from '../upload.ts';

const MAX_REJECTS_SHOWN = 100;
// Starting worker threads costs more than they save on a small upload: run those inline.
const INLINE_BELOW_BYTES = 4 * 1024 * 1024;

const IngestQuery = z.strictObject({
  filename: z
    .string()
    .max(255)
    .optional()
    .openapi({
      description: 'the file name: its extension picks the format (else the content does), its stem the source',
      example: 'postings.jsonl',
    }),
  format: z.enum(INPUT_FORMATS).optional(),
  source: z.string().min(1).max(100).optional().openapi({ description: 'source name; default: the file name without extensions' }),
  referenceDate: z.iso.date().optional().openapi({ description: 'what relative dates ("30+ days ago") count back from, YYYY-MM-DD' }),
  currency: z
    .string()
    .regex(/^[A-Z]{3}$/)
    .optional()
    .openapi({ description: 'currency of salaries written with a bare "$" or none' }),
});

const SummarySchema = z
  .object({
    read: z.number().int(),
    inserted: z.number().int(),
    updated: z.number().int(),
    unchanged: z.number().int(),
    duplicates: z.number().int(),
    rejected: z.number().int(),
    salariesFlagged: z.number().int(),
    embedded: z.number().int(),
    seconds: z.number(),
    rejects: z.array(z.object({ at: z.string(), field: z.string(), reason: z.string() })),
  })
  .openapi('IngestSummary');

/** A safe file name for the temporary copy, keeping the extension(s) that tell the format. */
function localName(filename: string | undefined): string {
  const base = path
    .basename(filename ?? '')
    .replace(/[^\w.-]+/g, '_')
    .replace(/^\.+/, '');
  return base || 'upload';
}

async function firstRejects(file: string, shownAs: string, localPath: string): Promise<{ at: string; field: string; reason: string }[]> {
  const text = await readFile(file, 'utf8').catch(() => '');
  return text
    .split('\n')
    .filter(Boolean)
    .slice(0, MAX_REJECTS_SHOWN)
    .map((line) => JSON.parse(line) as { at: string; field: string; reason: string })
    .map((r) => ({ ...r, at: r.at.replace(localPath, shownAs) }));
}

export function ingestRoutes({ database, embedder, config, requireWrite }: ApiDeps): OpenAPIHono {
  const route = createRoute({
    method: 'post',
    path: '/api/ingest',
    summary: 'Load postings from an uploaded file (the request body)',
    security: WRITE_SECURITY,
    middleware: [requireWrite],
    request: {
      query: IngestQuery,
      // Plain schema objects, not zod: the body is streamed to disk, never parsed in memory.
      body: {
        required: true,
        content: {
          'text/csv': { schema: { type: 'string', format: 'binary' } },
          'application/x-ndjson': { schema: { type: 'string', format: 'binary' } },
          'application/json': { schema: { type: 'string', format: 'binary' } },
          'application/octet-stream': { schema: { type: 'string', format: 'binary' } },
        },
      },
    },
    responses: {
      200: {
        description: 'The ingest summary: inserted + updated + unchanged + duplicates + rejected = read',
        content: { 'application/json': { schema: SummarySchema } },
      },
      413: { description: `The upload is over the limit (JOBSIGHT_MAX_UPLOAD_BYTES)`, content: { 'application/json': { schema: ErrorSchema } } },
      ...authResponses,
      ...errorResponses,
    },
  });

  const app = new OpenAPIHono();
  app.openapi(route, async (c) => {
    const query = c.req.valid('query');
    const declared = Number(c.req.header('content-length'));
    if (Number.isFinite(declared) && declared > config.maxUploadBytes) throw tooLarge(config.maxUploadBytes);
    if (c.req.header('content-type')?.startsWith('multipart/')) {
      throw new JobsightError('send the file itself as the request body, not as a multipart form', {
        hint: 'e.g. curl --data-binary @postings.jsonl -H "content-type: application/x-ndjson" "URL/api/ingest?filename=postings.jsonl"',
      });
    }
    const dir = await mkdtemp(path.join(config.uploadDir, 'jobsight-upload-'));
    try {
      const name = localName(query.filename);
      const file = path.join(dir, name);
      const bytes = await streamToFile(c.req.raw.body, file, config.maxUploadBytes);
      const rejects = createRejectWriter(path.join(dir, 'rejects.jsonl'));
      const summary = await ingestFiles({ database, embedder, rejects }, [file], {
        source: query.source ?? sourceNameFor(name),
        format: query.format,
        referenceDate: query.referenceDate ? new Date(`${query.referenceDate}T00:00:00Z`) : undefined,
        defaultCurrency: query.currency,
        threads: bytes < INLINE_BELOW_BYTES ? 0 : undefined,
      });
      const { files: _files, rejectFile, indexesDropped: _d, indexesRebuilt: _r, ...counts } = summary;
      const shown = rejectFile ? await firstRejects(rejectFile, query.filename ?? 'upload', file) : [];
      return c.json({ ...counts, rejects: shown }, 200);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
  return app;
}
