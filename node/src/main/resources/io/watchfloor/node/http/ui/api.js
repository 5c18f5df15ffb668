// Calls to the node's /api/v1 with the token kept in sessionStorage; a 401 ends the session.

const TOKEN_KEY = 'watchfloor.token';

/** An answer other than 2xx, with the server's JSON error message when it sent one. */
export class ApiFailure extends Error {
  constructor(status, message) {
    super(message);
    this.status = status;
  }
}

export function token() {
  return sessionStorage.getItem(TOKEN_KEY);
}

export function login(value) {
  sessionStorage.setItem(TOKEN_KEY, value.trim());
}

export function logout() {
  sessionStorage.removeItem(TOKEN_KEY);
}

/** Sends a request and returns the raw response after the 401 and error checks. */
async function send(path, options = {}) {
  const headers = { ...(options.headers || {}), Authorization: `Bearer ${token()}` };
  const response = await fetch(path, { ...options, headers });
  if (response.status === 401) {
    logout();
    location.hash = '#/login';
    throw new ApiFailure(401, 'the token was refused; log in again');
  }
  if (!response.ok) {
    throw new ApiFailure(response.status, await errorMessage(response));
  }
  return response;
}

async function errorMessage(response) {
  try {
    const body = await response.json();
    if (body && typeof body.error === 'string') return body.error;
  } catch (notJson) {
    // fall through to the status line
  }
  return `${response.status} ${response.statusText}`;
}

/** GET and parse the JSON answer. */
export async function getJson(path) {
  return (await send(path)).json();
}

/** POST a JSON body; the answer's JSON, or {} when it has no body. */
export async function postJson(path, body) {
  const response = await send(path, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
  const text = await response.text();
  return text ? JSON.parse(text) : {};
}

/** Downloads a protected file: fetch with the token, then save the blob under a file name. */
export async function download(path, fileName) {
  const blob = await (await send(path)).blob();
  const url = URL.createObjectURL(blob);
  const link = Object.assign(document.createElement('a'), { href: url, download: fileName });
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
  return blob.size;
}

/** The live anomaly stream; EventSource cannot set headers, so the token goes in the query. */
export function anomalyStream(onAnomaly) {
  const source = new EventSource(`/api/v1/anomalies/stream?access_token=${encodeURIComponent(token())}`);
  source.addEventListener('anomaly', (event) => onAnomaly(JSON.parse(event.data)));
  return source;
}
