// The page's router. The server answers every extensionless path outside /api with
// index.html, so each view has a real URL that survives a reload; links between views
// change the URL with history.pushState and back/forward re-render from popstate.
//
// Adding a view: write a module exporting an async render(ctx), and add a route below
// (and, if it belongs in the header, a nav entry). ctx is:
//   main            the <main> element to fill
//   params          the route pattern's captured groups, URL-decoded
//   query           URLSearchParams of the location
//   signal          AbortSignal, aborted when the user navigates away (pass it to api.*)
//   navigate(url, {replace})   go to another view
//   setTitle(text)  the document title ('' for the site name alone)
//   setSearchBox(q) put a query in the header's search box
//   lastSearch()    the URL of the last search results page, or ''
import * as search from './search.js';
import * as paragraph from './paragraph.js';
import * as documents from './documents.js';
import * as kwic from './kwic.js';
import * as compare from './compare.js';
import * as paste from './paste.js';
import { renderDiffusion } from './citations.js';
import { trendsPanel } from './trends.js';
import { h, fill } from './dom.js';
import { SITE_NAME } from './ui.js';
import { readState, withChanges, searchURL, hasSearch } from './state.js';
import { setupSuggest } from './suggest.js';

// Ids of laws are Chinese: the path holds them percent-encoded.
const ID = '([A-Za-z0-9_.%-]+)';

export const routes = [
  { pattern: /^\/$/, render: search.render, nav: 'search' },
  { pattern: new RegExp(`^/p/${ID}$`), render: paragraph.render, nav: 'search' },
  { pattern: /^\/documents$/, render: documents.renderList, nav: 'documents' },
  { pattern: new RegExp(`^/d/${ID}$`), render: documents.renderDocument, nav: 'documents' },
  // Researcher analytics: keyword in context (the trends chart is a panel of /).
  { pattern: /^\/kwic$/, render: kwic.render, nav: 'search' },
  // Precedent clauses: two documents compared, and a pasted clause's precedents (the
  // similar clauses and lineage of a paragraph are sections of /p/ID).
  { pattern: new RegExp(`^/compare/${ID}/${ID}$`), render: compare.render, nav: 'documents' },
  { pattern: /^\/similar$/, render: paste.render, nav: 'similar' },
  // Citations: the documents of other regions citing one, by region and year.
  { pattern: new RegExp(`^/diffusion/${ID}$`), render: renderDiffusion, nav: 'documents' },
];

// Header navigation; a route's nav names the entry it highlights.
export const nav = [
  { id: 'search', href: '/', label: '检索' },
  { id: 'documents', href: '/documents', label: '全部文件' },
  { id: 'similar', href: '/similar', label: '找先例' },
];

// Panels above the search results.
search.registerPanel(trendsPanel);

const main = document.getElementById('main');
const input = document.getElementById('q');
const form = document.getElementById('search-form');

let controller = null;
let lastSearch = '';

function setTitle(text) {
  document.title = text ? `${text} · ${SITE_NAME}` : SITE_NAME;
}

function setSearchBox(q) {
  input.value = q;
}

function notFound(ctx) {
  ctx.setTitle('找不到页面');
  fill(ctx.main,
    h('h1', { tabindex: '-1', text: '找不到这个页面' }),
    h('p', null, '地址 ', h('code', { text: location.pathname }), ' 不对应任何页面。'),
    h('p', null, h('a', { href: '/', text: '回到检索首页' })));
}

// render shows the view of the current location. focus moves the keyboard focus to the
// new view's heading, as a page load would, for link navigations; a string instead
// names the element to focus (its data-focus-key), so that a control that re-renders
// the view, such as a facet or the sort order, keeps the focus.
async function render({ focus = false, scrollY = null } = {}) {
  if (controller) controller.abort();
  controller = new AbortController();
  const signal = controller.signal;
  const path = location.pathname;
  let route = null;
  let params = [];
  for (const r of routes) {
    const m = r.pattern.exec(path);
    if (m) {
      route = r;
      params = m.slice(1).map((s) => decodeURIComponent(s));
      break;
    }
  }
  if (path === '/' && hasSearch(readState(location.search))) lastSearch = location.pathname + location.search;
  updateNav(route ? route.nav : '');
  // A search's feed is announced by its results page alone.
  document.head.querySelectorAll('link[data-feed]').forEach((l) => l.remove());
  main.removeAttribute('aria-busy');
  const ctx = {
    main,
    params,
    query: new URLSearchParams(location.search),
    signal,
    navigate,
    setTitle,
    setSearchBox,
    lastSearch: () => lastSearch,
  };
  try {
    await (route ? route.render(ctx) : notFound(ctx));
  } catch (err) {
    if (err && err.name === 'AbortError') return;
    fill(main, h('div', { class: 'notice notice-error', role: 'alert' },
      h('p', { class: 'notice-title', text: '页面出错了' }),
      h('p', { class: 'notice-detail', text: String(err && err.message ? err.message : err) })));
    throw err;
  }
  if (signal.aborted) return;
  if (scrollY !== null) window.scrollTo(0, scrollY);
  if (!focus) return;
  let target = null;
  if (typeof focus === 'string') {
    target = [...main.querySelectorAll('[data-focus-key]')].find((el) => el.dataset.focusKey === focus);
    if (target && target.getClientRects().length === 0) target = null; // hidden
  }
  if (target) target.focus();
  else (main.querySelector('h1[tabindex]') || main).focus({ preventScroll: scrollY !== null });
}

function updateNav(active) {
  document.querySelectorAll('#site-nav a').forEach((a) => {
    if (a.dataset.nav === active) a.setAttribute('aria-current', 'page');
    else a.removeAttribute('aria-current');
  });
}

// navigate goes to url (a same-site path). The scroll position of the page left is kept
// in its history entry, for back and forward. focus is as for render; with a focus key
// the page keeps its scroll position.
export function navigate(url, { replace = false, focus = true } = {}) {
  const here = location.pathname + location.search;
  history.replaceState({ ...(history.state || {}), scrollY: window.scrollY }, '');
  if (replace || url === here) history.replaceState({ scrollY: 0 }, '', url);
  else history.pushState({ scrollY: 0 }, '', url);
  if (typeof focus !== 'string') window.scrollTo(0, 0);
  return render({ focus });
}

// Links to the page's own views (paths a route matches) are followed without a reload.
// Links to files, to the API (downloads), to other sites, or opened with a modifier key
// are left alone. Routes are matched rather than file extensions, since an id may hold
// a dot (/d/plan.v2).
document.addEventListener('click', (e) => {
  if (e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
  const a = e.target.closest('a[href]');
  if (!a || a.target || a.hasAttribute('download')) return;
  const url = new URL(a.href, location.href);
  if (url.origin !== location.origin) return;
  if (!routes.some((r) => r.pattern.test(url.pathname))) return;
  if (url.hash && url.pathname === location.pathname && url.search === location.search) return;
  e.preventDefault();
  navigate(url.pathname + url.search, { focus: a.dataset.focusKey || true });
});

window.addEventListener('popstate', (e) => {
  render({ scrollY: (e.state && e.state.scrollY) || 0 });
});

// The header's search box. On the results page a new query keeps the filters and the
// order (they are shown as chips and can be removed); elsewhere it starts afresh.
function submitSearch(q) {
  const onResults = location.pathname === '/';
  const base = onResults ? readState(location.search) : readState('');
  const next = withChanges(base, { q: q.trim() });
  // On a touch screen the on-screen keyboard would cover the results.
  if (window.matchMedia('(pointer: coarse)').matches) input.blur();
  navigate(searchURL(next), { focus: false });
}

form.addEventListener('submit', (e) => {
  e.preventDefault();
  submitSearch(input.value);
});

setupSuggest(input, document.getElementById('suggestions'), document.getElementById('suggest-status'), submitSearch);

// "/" focuses the search box from anywhere but a text field.
document.addEventListener('keydown', (e) => {
  if (e.key !== '/' || e.ctrlKey || e.metaKey || e.altKey || e.isComposing) return;
  const t = e.target;
  if (t instanceof HTMLElement && (t.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(t.tagName))) return;
  e.preventDefault();
  input.focus();
  input.select();
});

// Build the header navigation.
const navList = document.getElementById('site-nav');
fill(navList, ...nav.map((n) => h('li', null, h('a', { href: n.href, 'data-nav': n.id, text: n.label }))));

// Scroll positions are restored by render after the view has its content.
if ('scrollRestoration' in history) history.scrollRestoration = 'manual';
render();
