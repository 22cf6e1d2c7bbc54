// The one way the console talks to its node: JSON over fetch with the session cookie, the
// CSRF token on every state-changing request, and errors turned into ApiError so that a
// form can put a 422's message on the field the server names.

export interface ErrorBody {
  error?: { code?: string; message?: string; field?: string; requestId?: string };
}

export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly field?: string;
  readonly requestId?: string;
  readonly retryAfterSeconds?: number;

  constructor(status: number, body: ErrorBody, retryAfter?: string | null) {
    const error = body.error ?? {};
    super(error.message ?? `HTTP ${status}`);
    this.name = 'ApiError';
    this.status = status;
    this.code = error.code ?? 'http_' + status;
    this.field = error.field;
    this.requestId = error.requestId;
    const seconds = retryAfter ? Number(retryAfter) : NaN;
    this.retryAfterSeconds = Number.isFinite(seconds) ? seconds : undefined;
  }
}

export type Query = Record<string, string | number | boolean | undefined | null>;

export interface Page<T> {
  items: T[];
  /** All matches, or at least this many when `totalExact` is false (lists that bound their count). */
  total: number;
  limit: number;
  offset: number;
  /** Lists that bound their count: false when counting stopped at `total` ("10,000+"). */
  totalExact?: boolean;
  /** Lists with keyset paging: the `after` of the following page; absent on the last. */
  next?: string;
}

let csrfToken = '';
let requestLanguage = 'zh-CN';
let onUnauthenticated: ((error: ApiError) => void) | undefined;

export function setCsrfToken(token: string): void {
  csrfToken = token;
}

/** The language the node answers messages in (Accept-Language): the console's own. */
export function setRequestLanguage(language: string): void {
  requestLanguage = language;
}

/** Called when the node answers 401 to anything but the log-in itself (session expired). */
export function setUnauthenticatedHandler(handler: (error: ApiError) => void): void {
  onUnauthenticated = handler;
}

export function queryString(query?: Query): string {
  if (!query) return '';
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(query)) {
    if (value === undefined || value === null || value === '') continue;
    params.append(name, String(value));
  }
  const text = params.toString();
  return text ? '?' + text : '';
}

function isStateChanging(method: string): boolean {
  return !['GET', 'HEAD', 'OPTIONS'].includes(method);
}

async function send(
  method: string,
  path: string,
  options: { query?: Query; body?: unknown; rawBody?: BodyInit; contentType?: string; headers?: Record<string, string> },
): Promise<Response> {
  const headers: Record<string, string> = {
    Accept: 'application/json',
    'Accept-Language': requestLanguage,
    ...options.headers,
  };
  let body: BodyInit | undefined;
  if (options.rawBody !== undefined) {
    body = options.rawBody;
    if (options.contentType) headers['Content-Type'] = options.contentType;
  } else if (options.body !== undefined) {
    body = JSON.stringify(options.body);
    headers['Content-Type'] = 'application/json';
  }
  if (isStateChanging(method) && csrfToken) headers['X-CSRF-Token'] = csrfToken;
  const response = await fetch(path + queryString(options.query), {
    method,
    headers,
    body,
    credentials: 'same-origin',
  });
  if (!response.ok) {
    let parsed: ErrorBody = {};
    try {
      parsed = (await response.json()) as ErrorBody;
    } catch {
      // not JSON (a proxy's page): the status says enough
    }
    const error = new ApiError(response.status, parsed, response.headers.get('Retry-After'));
    if (response.status === 401 && !path.endsWith('/auth/login') && onUnauthenticated) {
      onUnauthenticated(error);
    }
    throw error;
  }
  return response;
}

export async function api<T>(
  method: string,
  path: string,
  options: { query?: Query; body?: unknown; headers?: Record<string, string> } = {},
): Promise<T> {
  return (await apiWithHeaders<T>(method, path, options)).body;
}

/** As `api`, with the response's headers (e.g. X-MAMS-Out-Of-Scope after a write). */
export async function apiWithHeaders<T>(
  method: string,
  path: string,
  options: { query?: Query; body?: unknown; headers?: Record<string, string> } = {},
): Promise<{ body: T; headers: Headers }> {
  const response = await send(method, path, options);
  if (response.status === 204) return { body: undefined as T, headers: response.headers };
  const text = await response.text();
  return { body: (text ? JSON.parse(text) : undefined) as T, headers: response.headers };
}

/**
 * Whether a write's answer says the row left the caller's sight (an account manager who took
 * themselves off a customer): the write stands, but a later GET of the row answers 404.
 */
export function isOutOfScope(headers: Headers): boolean {
  return headers.get('X-MAMS-Out-Of-Scope') === 'true';
}

/** Uploads a file as the request body (CSV imports). */
export async function upload<T>(path: string, query: Query, file: Blob): Promise<T> {
  const response = await send('POST', path, {
    query,
    rawBody: file,
    contentType: file.type || 'text/csv',
  });
  return (await response.json()) as T;
}

/** Fetches a file (export, template, rejected rows) and hands it to the browser to save. */
export async function download(path: string, query?: Query, fallbackName = 'download'): Promise<string> {
  const response = await send('GET', path, { query, headers: { Accept: '*/*' } });
  const disposition = response.headers.get('Content-Disposition') ?? '';
  const name = fileNameOf(disposition) ?? fallbackName;
  const blob = await response.blob();
  const url = URL.createObjectURL(blob);
  const anchor = document.createElement('a');
  anchor.href = url;
  anchor.download = name;
  document.body.appendChild(anchor);
  anchor.click();
  anchor.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10000);
  return name;
}

/** The file name of a Content-Disposition header, RFC 6266 `filename*` preferred. */
export function fileNameOf(disposition: string): string | undefined {
  const extended = /filename\*\s*=\s*UTF-8''([^;]+)/i.exec(disposition);
  if (extended) return decodeURIComponent(extended[1].trim());
  const plain = /filename\s*=\s*"?([^";]+)"?/i.exec(disposition);
  return plain ? plain[1].trim() : undefined;
}
