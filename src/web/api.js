// Talking to the Jobsight API: JSON in, JSON out, errors as Error objects with the server's hint.

/** The query string of `params`, empty values left out. */
function queryOf(params) {
  const query = new URLSearchParams();
  for (const [name, value] of Object.entries(params)) {
    if (value !== undefined && value !== null && String(value).trim() !== '') query.set(name, String(value).trim());
  }
  return query.size ? `?${query}` : '';
}

/** Sends the request; resolves to the JSON body or throws with the server's error and hint. */
async function request(url, init) {
  let response;
  try {
    response = await fetch(url, { ...init, headers: { accept: 'application/json', ...init.headers } });
  } catch {
    throw Object.assign(new Error('The server cannot be reached.'), { hint: 'Is `jobsight serve` still running?' });
  }
  const body = await response.json().catch(() => null);
  if (!response.ok) {
    throw Object.assign(new Error(body?.error ?? `The server answered ${response.status}.`), { hint: body?.hint, status: response.status });
  }
  return body;
}

/** GET `path` with `params` (empty values left out); resolves to the JSON body or throws. */
export function getJson(path, params = {}) {
  return request(`${path}${queryOf(params)}`, {});
}

/** POST `body` as JSON to `path`; resolves to the JSON body or throws. */
export function postJson(path, body) {
  return request(path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
}

/**
 * POST a file as the request body (the way /api/ingest takes uploads), the options as query
 * parameters and the API key as a bearer token.
 */
export function postFile(path, file, params = {}, apiKey = '') {
  const headers = { 'content-type': file.type || 'application/octet-stream' };
  if (apiKey.trim()) headers.authorization = `Bearer ${apiKey.trim()}`;
  return request(`${path}${queryOf(params)}`, { method: 'POST', headers, body: file });
}
