// The search state and its URL. Everything a search shows is in the URL
// (/?q=…&region=…&page=2&sort=date), so a search can be bookmarked, shared, reloaded and
// walked with back and forward. Parameter names are the API's, so the state converts to
// an API request by copying.
import { KIND_LABELS } from './ui.js';
import { toSearchParams } from './api.js';

// Filter parameters of /api/v1/search, in the order they appear in URLs.
export const FILTERS = ['issuer', 'region', 'level', 'year', 'year_from', 'year_to', 'type', 'unit', 'kind', 'doc',
  'status', 'published_from', 'published_to', 'effective_from', 'effective_to', 'cites'];

// MULTI are the filters that take several values, each an alternative (OR within a
// facet): region=江西&region=重庆. Their state is a list.
export const MULTI = ['issuer', 'region', 'level', 'year', 'type', 'unit', 'kind', 'doc'];

export const PAGE_SIZE = 10;
export const MAX_PAGE = 1000; // policysearch.MaxPage

// SORTS are the orders of the API besides relevance ('' in a state): 'document' (one
// document's paragraphs in reading order) only in the paragraph view, 'matches'
// (documents with the most matching paragraphs first) only in the document view.
const SORTS = ['date', 'document', 'matches', 'cited'];

function sortFor(sort, group) {
  if (!SORTS.includes(sort)) return '';
  if (sort === 'matches' && !group) return '';
  if (sort === 'document' && group) return '';
  return sort;
}

// readState reads a search state from URL parameters. Unknown parameters are ignored.
export function readState(params) {
  const sp = params instanceof URLSearchParams ? params : new URLSearchParams(params || '');
  const filters = {};
  for (const f of FILTERS) {
    if (MULTI.includes(f)) {
      const vs = [...new Set(sp.getAll(f).map((v) => v.trim()).filter(Boolean))];
      if (vs.length) filters[f] = vs;
    } else {
      const v = (sp.get(f) || '').trim();
      if (v) filters[f] = v;
    }
  }
  const page = parseInt(sp.get('page') || '1', 10);
  const group = sp.get('group') === 'document' ? 'document' : '';
  const sort = sp.get('sort') || '';
  return {
    q: sp.get('q') || '',
    within: sp.get('within') || '',
    scope: sp.get('scope') === 'title' ? 'title' : '',
    group,
    filters,
    sort: sortFor(sort, group),
    page: Number.isFinite(page) && page >= 1 ? Math.min(page, MAX_PAGE) : 1,
  };
}

export function hasSearch(state) {
  return state.q.trim() !== '' || (state.within || '').trim() !== '' || Object.keys(state.filters).length > 0;
}

// searchParams is the state as URL (and API) parameters, defaults left out.
export function searchParams(state) {
  const sp = toSearchParams(queryParams(state));
  if (state.group === 'document') sp.set('group', 'document');
  if (sortFor(state.sort, state.group)) sp.set('sort', state.sort);
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
  for (const f of MULTI) if (state.filters[f]) p[f] = state.filters[f];
  p.size = String(size || PAGE_SIZE);
  return p;
}

// feedHref is the Atom feed of the state's query and filters: what a feed reader polls
// to be told of new matching paragraphs.
export function feedHref(state) {
  return `/api/v1/feed?${toSearchParams(queryParams(state)).toString()}`;
}

// withChanges returns a copy of state with fields replaced; any change but a page change
// goes back to page 1. A filter set to null or '' is removed, to a value or a list
// replaces the filter.
export function withChanges(state, changes) {
  const next = {
    q: state.q,
    within: state.within || '',
    scope: state.scope || '',
    group: state.group || '',
    filters: { ...state.filters },
    sort: state.sort,
    page: state.page,
  };
  for (const k of ['q', 'within', 'scope', 'group', 'sort']) {
    if (k in changes) next[k] = changes[k] || '';
  }
  next.sort = sortFor(next.sort, next.group);
  if (changes.filters) {
    for (const [k, v] of Object.entries(changes.filters)) {
      const list = Array.isArray(v) ? v.map(String).filter(Boolean) : null;
      if (v === null || v === undefined || v === '' || (list && list.length === 0)) delete next.filters[k];
      else if (MULTI.includes(k)) next.filters[k] = list || [String(v)];
      else next.filters[k] = String(v);
    }
  }
  next.page = 'page' in changes ? changes.page : 1;
  return next;
}

// facetFilter is the filter change that selects a facet value alone.
export function facetFilter(facet, value) {
  return { [facet]: MULTI.includes(facet) ? [String(value)] : String(value) };
}

// facetToggle is the filter change a click on a facet value makes: it joins the values
// already chosen in that facet (any of them may match), or leaves them when chosen.
// A single-valued facet (cites: one document at a time) is replaced or cleared.
export function facetToggle(state, facet, value) {
  const v = String(value);
  if (!MULTI.includes(facet)) return { [facet]: state.filters[facet] === v ? null : v };
  const cur = state.filters[facet] || [];
  return { [facet]: cur.includes(v) ? cur.filter((x) => x !== v) : [...cur, v] };
}

export function facetActive(state, facet, value) {
  if (!MULTI.includes(facet)) return state.filters[facet] === String(value);
  return (state.filters[facet] || []).includes(String(value));
}

// FILTER_LABELS name the filters for people.
export const FILTER_LABELS = {
  issuer: '发文机关', region: '地区', level: '层级', year: '年份', type: '文种', unit: '责任单位', kind: '段落类型', doc: '文件',
};

// activeFilters lists the filters of a state as removable items: a label for people and
// the change that removes it. Each value of a list is an item; the year range is one.
export function activeFilters(state) {
  const f = state.filters;
  const out = [];
  const add = (key, label, value, remove) => out.push({ key, label, value, remove });
  const each = (key, show) => {
    for (const v of f[key] || []) {
      add(key, FILTER_LABELS[key], show ? show(v) : v, { [key]: (f[key] || []).filter((x) => x !== v) });
    }
  };
  each('issuer');
  each('region');
  each('level');
  each('year', (v) => `${v}年`);
  if (f.year_from || f.year_to) {
    let v;
    if (f.year_from && f.year_from === f.year_to) v = `${f.year_from}年`;
    else if (f.year_from && f.year_to) v = `${f.year_from}–${f.year_to}年`;
    else if (f.year_from) v = `${f.year_from}年起`;
    else v = `${f.year_to}年及以前`;
    add('year', '年份', v, { year_from: null, year_to: null });
  }
  each('type');
  each('unit');
  each('kind', (v) => KIND_LABELS[v] || v);
  each('doc');
  if (f.status) add('status', '时效性', f.status, { status: null });
  if (f.cites) add('cites', '引用', f.cites, { cites: null });
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
// of the analytics routes (/stats, /kwic, /export). A list filter is a list.
export function queryParams(state) {
  const p = {};
  if (state.q) p.q = state.q;
  if (state.within) p.within = state.within;
  if (state.scope === 'title') p.scope = 'title';
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
    within: base.within,
    scope: base.scope,
    filters: base.filters,
    width: Number.isFinite(width) && width >= 1 && width <= 100 ? width : KWIC_DEFAULT_WIDTH,
    sort: KWIC_SORTS.includes(sort) ? sort : 'doc',
    page: base.page,
  };
}

export function kwicURL(k) {
  const sp = toSearchParams(queryParams(k));
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
