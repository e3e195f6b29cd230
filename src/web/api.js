// Talking to the Jobsight API: JSON in, JSON out, errors as Error objects with the server's hint.

/** GET `path` with `params` (empty values left out); resolves to the JSON body or throws. */
export async function getJson(path, params = {}) {
  const query = new URLSearchParams();
  for (const [name, value] of Object.entries(params)) {
    if (value !== undefined && value !== null && String(value).trim() !== '') query.set(name, String(value).trim());
  }
  const url = query.size ? `${path}?${query}` : path;
  let response;
  try {
    response = await fetch(url, { headers: { accept: 'application/json' } });
  } catch {
    throw Object.assign(new Error('The server cannot be reached.'), { hint: 'Is `jobsight serve` still running?' });
  }
  const body = await response.json().catch(() => null);
  if (!response.ok) {
    throw Object.assign(new Error(body?.error ?? `The server answered ${response.status}.`), { hint: body?.hint });
  }
  return body;
}
