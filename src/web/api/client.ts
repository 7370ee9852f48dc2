// The one place the web app talks HTTP: same-origin cookies, the CSRF header on every
// non-GET request, one error type, and a hook for "the session is gone".

export const API_BASE = '/api/v1';

export interface ApiIssue {
  path: string;
  message: string;
}

/** An error reply in the platform's shape `{ error, message, issues? }`, or a network failure (status 0). */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly issues: ApiIssue[] = [],
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

let csrfToken: string | null = null;
let onUnauthorized: (() => void) | null = null;

export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

/** Called on a 401 from any request except the session probes themselves. */
export function setUnauthorizedHandler(handler: (() => void) | null): void {
  onUnauthorized = handler;
}

export type QueryValue = string | number | boolean | null | undefined;

export function toQueryString(query: Record<string, QueryValue> | undefined): string {
  if (!query) return '';
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null || value === '') continue;
    params.set(key, String(value));
  }
  const text = params.toString();
  return text ? `?${text}` : '';
}

export function apiUrl(path: string, query?: Record<string, QueryValue>): string {
  return `${API_BASE}${path}${toQueryString(query)}`;
}

interface RequestOptions {
  query?: Record<string, QueryValue>;
  body?: unknown;
  form?: FormData;
  signal?: AbortSignal;
  /** The session probes handle 401 themselves instead of redirecting. */
  allowUnauthorized?: boolean;
  /** Extra request headers, e.g. the Idempotency-Key of a payment. */
  headers?: Record<string, string>;
}

export async function request<T>(method: string, path: string, options: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json', ...options.headers };
  let body: BodyInit | undefined;
  if (options.form) {
    body = options.form;
  } else if (options.body !== undefined) {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(options.body);
  }
  if (method !== 'GET' && csrfToken) headers['x-csrf-token'] = csrfToken;

  let response: Response;
  try {
    response = await fetch(apiUrl(path, options.query), {
      method,
      headers,
      body,
      credentials: 'same-origin',
      signal: options.signal,
    });
  } catch (cause) {
    if (cause instanceof DOMException && cause.name === 'AbortError') throw cause;
    throw new ApiError(0, 'network', cause instanceof Error ? cause.message : String(cause));
  }

  if (response.status === 401 && !options.allowUnauthorized) onUnauthorized?.();
  if (!response.ok) throw await toApiError(response);
  if (response.status === 204) return undefined as T;
  const text = await response.text();
  return (text ? JSON.parse(text) : undefined) as T;
}

async function toApiError(response: Response): Promise<ApiError> {
  let payload: unknown = null;
  try {
    payload = await response.json();
  } catch {
    // Not JSON (e.g. a proxy error page): fall back to the status line.
  }
  if (payload && typeof payload === 'object') {
    const p = payload as { error?: unknown; message?: unknown; issues?: unknown };
    const issues = Array.isArray(p.issues)
      ? p.issues.filter(
          (i): i is ApiIssue => !!i && typeof i === 'object' && typeof (i as ApiIssue).message === 'string',
        )
      : [];
    return new ApiError(
      response.status,
      typeof p.error === 'string' ? p.error : `http_${response.status}`,
      typeof p.message === 'string' ? p.message : response.statusText,
      issues,
    );
  }
  return new ApiError(response.status, `http_${response.status}`, response.statusText);
}

export const http = {
  get: <T>(path: string, query?: Record<string, QueryValue>, signal?: AbortSignal) =>
    request<T>('GET', path, { query, signal }),
  post: <T>(path: string, body?: unknown, query?: Record<string, QueryValue>) =>
    request<T>('POST', path, { body, query }),
  put: <T>(path: string, body?: unknown) => request<T>('PUT', path, { body }),
  patch: <T>(path: string, body?: unknown) => request<T>('PATCH', path, { body }),
  delete: <T = void>(path: string) => request<T>('DELETE', path),
};
