// Calls to the policysearch HTTP API (/api/v1). Every call returns the decoded JSON
// body or throws an ApiError whose message is the server's own explanation, as sent in
// {"error":{"code","message"}}. Aborted calls (a newer request replaced them) throw the
// browser's AbortError, which views ignore.

const PREFIX = '/api/v1';

// ApiError is a failed call: the server's code and English message, and, when the
// server gave them, the reason and its arguments that messages.js words in Chinese.
export class ApiError extends Error {
  constructor(message, code, status, reason, args) {
    super(message);
    this.name = 'ApiError';
    this.code = code;
    this.status = status;
    this.reason = reason || '';
    this.args = args || {};
  }
}

// Titles for the error codes of the API, for the line above the server's message.
const CODE_TITLES = {
  invalid: '检索式或参数有误',
  not_found: '找不到请求的内容',
  unauthorized: '需要授权',
  forbidden: '没有权限',
  too_large: '请求过大',
  unsupported: '不支持的格式',
  too_many_requests: '请求过于频繁，请稍后再试',
  unavailable: '服务暂时不可用',
  internal: '服务器内部错误',
  network: '无法连接到检索服务',
};

export function errorTitle(err) {
  return (err && CODE_TITLES[err.code]) || '请求失败';
}

export function isAbort(err) {
  return err && err.name === 'AbortError';
}

// get fetches PREFIX + path with the given parameters; empty values are left out, as the
// API treats an empty parameter as absent anyway.
export async function get(path, params, signal) {
  const qs = query(params);
  return request(PREFIX + path + (qs ? `?${qs}` : ''), { signal, headers: { Accept: 'application/json' } });
}

// post sends body as JSON to PREFIX + path, for the routes that read a request body
// without changing anything (POST /similar).
export async function post(path, body, signal) {
  return request(PREFIX + path, {
    method: 'POST',
    signal,
    headers: { Accept: 'application/json', 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
}

// toSearchParams makes URL parameters of an object whose values may be lists (one
// parameter per item: region=江西&region=重庆), or of URLSearchParams; empty values are
// left out.
export function toSearchParams(params) {
  const qs = new URLSearchParams();
  const entries = params instanceof URLSearchParams ? [...params.entries()] : Object.entries(params || {});
  for (const [k, v] of entries) {
    for (const x of Array.isArray(v) ? v : [v]) {
      if (x !== undefined && x !== null && x !== '') qs.append(k, String(x));
    }
  }
  return qs;
}

// query is params as a query string.
export function query(params) {
  return toSearchParams(params).toString();
}

async function request(url, init) {
  let res;
  try {
    res = await fetch(url, init);
  } catch (err) {
    if (isAbort(err)) throw err;
    throw new ApiError('请检查网络连接或服务器是否在运行，然后重试。', 'network', 0);
  }
  const text = await res.text();
  let body = null;
  try {
    body = text ? JSON.parse(text) : null;
  } catch {
    body = null;
  }
  if (!res.ok) {
    const e = body && body.error;
    throw new ApiError(
      (e && e.message) || `服务器返回了 HTTP ${res.status}。`,
      (e && e.code) || 'http',
      res.status,
      e && e.reason,
      e && e.args);
  }
  if (body === null) {
    throw new ApiError('服务器的响应不是有效的 JSON。', 'internal', res.status);
  }
  return body;
}

const seg = encodeURIComponent;

// The routes the page uses.
export const api = {
  search: (params, signal) => get('/search', params, signal),
  suggest: (prefix, size, signal) => get('/suggest', { prefix, size }, signal),
  paragraph: (id, signal) => get(`/paragraphs/${seg(id)}`, null, signal),
  documents: (signal) => get('/documents', null, signal),
  document: (id, signal) => get(`/documents/${seg(id)}`, null, signal),
  // An article of a law by its number as typed: 1077, 第一千零七十七条, 291之二.
  article: (id, no, signal) => get(`/documents/${seg(id)}/articles/${seg(no)}`, null, signal),
  health: (signal) => get('/healthz', null, signal),
  // Researcher analytics: params are the search's q and filters plus the route's own
  // (by; width, sort, offset, limit).
  stats: (params, signal) => get('/stats', params, signal),
  kwic: (params, signal) => get('/kwic', params, signal),
  // Precedent clauses.
  similar: (id, size, signal) => get(`/paragraphs/${seg(id)}/similar`, { size }, signal),
  similarText: (text, size, signal) => post('/similar', { text, size }, signal),
  lineage: (id, signal) => get(`/paragraphs/${seg(id)}/lineage`, null, signal),
  compare: (a, b, signal) => get(`/documents/${seg(a)}/compare/${seg(b)}`, null, signal),
};

// exportHref is the download link of every hit of a search (params: q and filters) in
// format csv or jsonl.
export function exportHref(params, format) {
  return `${PREFIX}/export?${query({ ...params, format })}`;
}
