/** Calls the app in process (hono's app.request) and reads JSON back; shared by the API tests. */
import type { OpenAPIHono } from '@hono/zod-openapi';
import { expect } from 'vitest';
import { createApp } from '../../src/api/app.ts';
import { resolveApiConfig, type ApiConfig } from '../../src/api/config.ts';
import type { Database } from '../../src/db/database.ts';
import { testEmbedder } from '../helpers/engines.ts';

export const API_KEY = 'test-key-0123456789';

export interface Reply<T = any> {
  status: number;
  body: T;
  headers: Headers;
}

/** Unexpected errors the app logged; a test that expects none checks this stays empty. */
export const logged: unknown[] = [];

export function testApp(database: Database, config: Partial<ApiConfig> = { apiKey: API_KEY }): OpenAPIHono {
  return createApp({ database, embedder: testEmbedder, config: resolveApiConfig(config), log: (_message, error) => logged.push(error) });
}

export async function call<T = any>(app: OpenAPIHono, path: string, init: RequestInit & { json?: unknown; key?: string } = {}): Promise<Reply<T>> {
  const headers = new Headers(init.headers);
  if (init.json !== undefined) headers.set('content-type', 'application/json');
  if (init.key) headers.set('authorization', `Bearer ${init.key}`);
  const body = init.json !== undefined ? JSON.stringify(init.json) : init.body;
  const res = await app.request(path, { ...init, headers, body });
  const text = await res.text();
  let parsed: unknown = text;
  try {
    parsed = text ? JSON.parse(text) : null;
  } catch {
    // not JSON: keep the text
  }
  return { status: res.status, body: parsed as T, headers: res.headers };
}

/** A 4xx with the error shape people read: a message, never a stack trace. */
export function expectClientError(reply: Reply, status: number, message?: RegExp): void {
  expect(reply.status, JSON.stringify(reply.body)).toBe(status);
  expect(typeof reply.body.error).toBe('string');
  if (message) expect(reply.body.error).toMatch(message);
  expect(JSON.stringify(reply.body)).not.toMatch(/\n\s+at /);
}

export const INJECTION = "'; drop table jobs; --";
