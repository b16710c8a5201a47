// The server's own REST API, same origin: a bearer token from POST /api/v1/auth/login, the JSON
// envelope {success, data} unwrapped, and every refusal thrown as an ApiError carrying the API's
// message (written for people), its stable code and its details.

// the till and the back office keep separate sessions (a cashier at one, a manager at the other)
const SESSION_KEY = location.pathname.includes('back-office') ? 'vruksha.session.office' : 'vruksha.session.till';

/** A refusal by the API (or the network), with the server's own words. */
export class ApiError extends Error {
  constructor(status, code, message, details) {
    super(message);
    this.status = status;
    this.code = code;
    this.details = details || [];
  }

  /** Whether a member of staff with a higher role could do it (the engine asks for approval). */
  get needsApproval() {
    return this.status === 403 && (this.code === 'auth.forbidden' || this.code === 'auth.permission_required');
  }
}

/** The logged-in member of staff, kept for this browser tab only. */
export function session() {
  const raw = sessionStorage.getItem(SESSION_KEY);
  return raw ? JSON.parse(raw) : null;
}

export function endSession() {
  sessionStorage.removeItem(SESSION_KEY);
}

/** Logs in with a staff id and a PIN (or a password); answers {token, staffId, role, storeId}. */
export async function login(staffId, secret) {
  const body = /^[0-9]+$/.test(secret) ? { staffId, pin: secret } : { staffId, password: secret };
  return call('POST', '/api/v1/auth/login', body, { token: null });
}

export async function startSession(staffId, secret) {
  const s = await login(staffId, secret);
  sessionStorage.setItem(SESSION_KEY, JSON.stringify(s));
  return s;
}

/** The path of a route under the session's store. */
export function storePath(rest) {
  const s = session();
  return `/api/v1/stores/${encodeURIComponent(s.storeId)}${rest}`;
}

/**
 * Calls a route; answers its data, or throws an ApiError. options.token replaces the session's
 * token (an approving supervisor's), options.idempotencyKey is sent as Idempotency-Key.
 */
export async function call(method, path, body, options = {}) {
  const headers = { Accept: 'application/json' };
  const token = 'token' in options ? options.token : session()?.token;
  if (token) headers.Authorization = `Bearer ${token}`;
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (options.idempotencyKey) headers['Idempotency-Key'] = options.idempotencyKey;
  let response;
  try {
    response = await fetch(path, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch (e) {
    throw new ApiError(0, 'network', 'the server cannot be reached; check the connection and try again');
  }
  if (response.status === 204) return null;
  let json = null;
  try {
    json = await response.json();
  } catch (e) {
    json = null;
  }
  if (!response.ok) {
    const message = json?.error || `the server answered ${response.status}`;
    throw new ApiError(response.status, json?.code || 'unknown', message, json?.details);
  }
  return json && 'data' in json ? json.data : json;
}

export const get = (path, options) => call('GET', path, undefined, options);
export const post = (path, body, options) => call('POST', path, body, options);

/** A stable key for a body: a retry of the same request reuses it, a changed request does not. */
export function keyFor(prefix, body) {
  const text = JSON.stringify(body);
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return `${prefix}:${h.toString(16)}`;
}
