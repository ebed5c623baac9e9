// The search state and its URL. Everything a search shows is in the URL
// (/?q=…&region=…&page=2&sort=date), so a search can be bookmarked, shared, reloaded and
// walked with back and forward. Parameter names are the API's, so the state converts to
// an API request by copying.
import { KIND_LABELS } from './ui.js';

// Filter parameters of /api/v1/search, in the order they appear in URLs.
export const FILTERS = ['issuer', 'region', 'level', 'year_from', 'year_to', 'type', 'unit', 'kind', 'doc',
  'status', 'published_from', 'published_to', 'effective_from', 'effective_to'];

// SORTS are the orders of the API besides relevance ('' in a state).
const SORTS = ['date', 'document'];

export const PAGE_SIZE = 10;
export const MAX_PAGE = 1000; // policysearch.MaxPage

// readState reads a search state from URL parameters. Unknown parameters are ignored.
export function readState(params) {
  const sp = params instanceof URLSearchParams ? params : new URLSearchParams(params || '');
  const filters = {};
  for (const f of FILTERS) {
    const v = (sp.get(f) || '').trim();
    if (v) filters[f] = v;
  }
  const page = parseInt(sp.get('page') || '1', 10);
  return {
    q: sp.get('q') || '',
    filters,
    sort: SORTS.includes(sp.get('sort')) ? sp.get('sort') : '',
    page: Number.isFinite(page) && page >= 1 ? Math.min(page, MAX_PAGE) : 1,
  };
}

export function hasSearch(state) {
  return state.q.trim() !== '' || Object.keys(state.filters).length > 0;
}

// searchParams is the state as URL (and API) parameters, defaults left out.
export function searchParams(state) {
  const sp = new URLSearchParams();
  if (state.q) sp.set('q', state.q);
  for (const f of FILTERS) {
    if (state.filters[f]) sp.set(f, state.filters[f]);
  }
  if (SORTS.includes(state.sort)) sp.set('sort', state.sort);
  if (state.page > 1) sp.set('page', String(state.page));
  return sp;
}

// searchURL is the page URL of a state.
export function searchURL(state) {
  const qs = searchParams(state).toString();
  return qs ? `/?${qs}` : '/';
}

// apiParams is the state as a /api/v1/search request.
export function apiParams(state, size) {
  const p = Object.fromEntries(searchParams(state));
  p.size = String(size || PAGE_SIZE);
  return p;
}

// withChanges returns a copy of state with fields replaced; any change but a page change
// goes back to page 1.
export function withChanges(state, changes) {
  const next = {
    q: state.q,
    filters: { ...state.filters },
    sort: state.sort,
    page: state.page,
  };
  if ('q' in changes) next.q = changes.q;
  if ('sort' in changes) next.sort = changes.sort;
  if (changes.filters) {
    for (const [k, v] of Object.entries(changes.filters)) {
      if (v === null || v === undefined || v === '') delete next.filters[k];
      else next.filters[k] = String(v);
    }
  }
  next.page = 'page' in changes ? changes.page : 1;
  return next;
}

// facetFilter is the filter change that selects a facet value: the year facet sets a
// one-year range, the others their own parameter.
export function facetFilter(facet, value) {
  if (facet === 'year') return { year_from: value, year_to: value };
  return { [facet]: value };
}

export function facetActive(state, facet, value) {
  const f = state.filters;
  if (facet === 'year') return f.year_from === String(value) && f.year_to === String(value);
  return f[facet] === String(value);
}

// activeFilters lists the filters of a state as removable items: a label for people and
// the change that removes it. The year range is one item.
export function activeFilters(state) {
  const f = state.filters;
  const out = [];
  const add = (key, label, value, remove) => out.push({ key, label, value, remove });
  if (f.issuer) add('issuer', '发文机关', f.issuer, { issuer: null });
  if (f.region) add('region', '地区', f.region, { region: null });
  if (f.level) add('level', '层级', f.level, { level: null });
  if (f.year_from || f.year_to) {
    let v;
    if (f.year_from && f.year_from === f.year_to) v = `${f.year_from}年`;
    else if (f.year_from && f.year_to) v = `${f.year_from}–${f.year_to}年`;
    else if (f.year_from) v = `${f.year_from}年起`;
    else v = `${f.year_to}年及以前`;
    add('year', '年份', v, { year_from: null, year_to: null });
  }
  if (f.type) add('type', '文种', f.type, { type: null });
  if (f.unit) add('unit', '责任单位', f.unit, { unit: null });
  if (f.kind) add('kind', '段落类型', KIND_LABELS[f.kind] || f.kind, { kind: null });
  if (f.doc) add('doc', '文件', f.doc, { doc: null });
  if (f.status) add('status', '时效性', f.status, { status: null });
  const range = (from, to) => (from && to ? `${from} 至 ${to}` : from ? `${from} 起` : `至 ${to}`);
  if (f.published_from || f.published_to) {
    add('published', '公布日期', range(f.published_from, f.published_to), { published_from: null, published_to: null });
  }
  if (f.effective_from || f.effective_to) {
    add('effective', '施行日期', range(f.effective_from, f.effective_to), { effective_from: null, effective_to: null });
  }
  return out;
}

export function clearFilters(state) {
  const removeAll = {};
  for (const k of FILTERS) removeAll[k] = null;
  return withChanges(state, { filters: removeAll });
}

// queryParams is the query and filters of a state, without order and page: the request
// of the analytics routes (/stats, /kwic, /export).
export function queryParams(state) {
  const p = {};
  if (state.q) p.q = state.q;
  for (const f of FILTERS) {
    if (state.filters[f]) p[f] = state.filters[f];
  }
  return p;
}

// The keyword-in-context view at /kwic: the search's query and filters plus the
// concordance's own width, order and page. Defaults are left out of the URL.
export const KWIC_WIDTHS = [5, 10, 15, 20, 30, 50];
export const KWIC_DEFAULT_WIDTH = 20;
export const KWIC_SORTS = ['doc', 'left', 'right'];
export const KWIC_PAGE_SIZE = 100;

export function readKwic(params) {
  const sp = params instanceof URLSearchParams ? params : new URLSearchParams(params || '');
  const base = readState(sp);
  const width = parseInt(sp.get('width') || '', 10);
  const sort = sp.get('sort') || '';
  return {
    q: base.q,
    filters: base.filters,
    width: Number.isFinite(width) && width >= 1 && width <= 100 ? width : KWIC_DEFAULT_WIDTH,
    sort: KWIC_SORTS.includes(sort) ? sort : 'doc',
    page: base.page,
  };
}

export function kwicURL(k) {
  const sp = new URLSearchParams(queryParams(k));
  if (k.width && k.width !== KWIC_DEFAULT_WIDTH) sp.set('width', String(k.width));
  if (k.sort && k.sort !== 'doc') sp.set('sort', k.sort);
  if (k.page > 1) sp.set('page', String(k.page));
  const qs = sp.toString();
  return qs ? `/kwic?${qs}` : '/kwic';
}

// hasWords reports whether a query has something to look for in context: not empty and
// not the match-all '*'.
export function hasWords(q) {
  const t = (q || '').trim();
  return t !== '' && t !== '*';
}
