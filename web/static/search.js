// The search view at /: the results of the query in the URL with facets, active
// filters, sort and pagination; without a query, a short introduction.
import { h, marked, loading, srOnly, fill } from './dom.js';
import { api, isAbort, exportHref } from './api.js';
import {
  FACETS, SITE_NAME, formatCount, formatMs, join, kindLabel, measureLabel, unitChips,
  errorView, sectionPath, paragraphHref, documentHref, pageNav, statusBadge,
} from './ui.js';
import {
  readState, hasSearch, searchURL, apiParams, withChanges, facetToggle, facetActive,
  activeFilters, clearFilters, queryParams, kwicURL, hasWords, feedHref, PAGE_SIZE, MAX_PAGE,
  KWIC_DEFAULT_WIDTH,
} from './state.js';
import { missMessage } from './messages.js';

const FACET_SHOWN = 8; // values of a facet shown before "更多"

// Result panels: views that show something about the current search above the hits,
// such as the trends chart (trends.js, registered by app.js). A panel is
// {id, render(container, state, result, ctx)}; it may fetch more itself (with
// ctx.signal) and should leave container empty when it has nothing to say.
const panels = [];
export function registerPanel(panel) {
  panels.push(panel);
}

// Results of recent searches, so that back and forward show them at once.
const cache = new Map();
const CACHE_SIZE = 30;
const CACHE_MS = 5 * 60 * 1000;

function cached(key) {
  const e = cache.get(key);
  if (!e) return null;
  if (Date.now() - e.at > CACHE_MS) {
    cache.delete(key);
    return null;
  }
  return e.res;
}

function remember(key, res) {
  cache.delete(key);
  cache.set(key, { res, at: Date.now() });
  if (cache.size > CACHE_SIZE) cache.delete(cache.keys().next().value);
}

// On a phone the facets sit behind a disclosure button; this keeps it open or closed
// from one search to the next.
let facetsOpen = false;

export async function render(ctx) {
  const state = readState(ctx.query);
  const grouped = state.group === 'document';
  ctx.setSearchBox(state.q);
  if (!hasSearch(state)) {
    ctx.setTitle('');
    return landing(ctx);
  }
  ctx.setTitle(state.q ? `${quoted(state.q)}的检索结果` : '筛选结果');
  setFeedLink(state);

  const summary = h('p', { id: 'result-summary', class: 'result-summary', role: 'status' });
  const filtersBar = h('div', { class: 'active-filters-bar' });
  const panelBox = h('div', { class: 'result-panels' });
  const results = h('div', { id: 'results', class: 'results-body' });
  const facetBox = h('div', { id: 'facet-panel', class: `facet-panel${facetsOpen ? '' : ' is-collapsed'}` });
  const toggle = h('button', {
    type: 'button',
    class: 'facet-toggle',
    'aria-expanded': facetsOpen ? 'true' : 'false',
    'aria-controls': 'facet-panel',
    on: {
      click: () => {
        facetsOpen = !facetsOpen;
        toggle.setAttribute('aria-expanded', facetsOpen ? 'true' : 'false');
        facetBox.classList.toggle('is-collapsed', !facetsOpen);
      },
    },
  }, h('span', { class: 'facet-toggle-label', text: '筛选条件' }), h('span', { class: 'facet-toggle-count' }));

  const sort = h('select', {
    id: 'sort',
    'data-focus-key': 'sort',
    on: { change: () => ctx.navigate(searchURL(withChanges(state, { sort: sort.value === 'relevance' ? '' : sort.value })), { focus: 'sort' }) },
  },
  h('option', { value: 'relevance', text: grouped ? '最佳段落' : '相关度', selected: !state.sort }),
  h('option', { value: 'date', text: '日期（新→旧）', selected: state.sort === 'date' }),
  grouped ? h('option', { value: 'matches', text: '命中段落数', selected: state.sort === 'matches' }) : null,
  h('option', { value: 'cited', text: '被引次数', selected: state.sort === 'cited' }),
  // Within one document, its hits can be read in order: a law's articles by number.
  !grouped && state.filters.doc ? h('option', { value: 'document', text: '文中顺序', selected: state.sort === 'document' }) : null);

  // Every hit as a file: CSV for Excel, JSON Lines for scripts.
  const exportLinks = h('span', { class: 'export-links' },
    h('a', {
      class: 'export-link',
      href: exportHref(exportParams(state), 'csv'),
      download: 'policysearch.csv',
      title: '下载全部结果（CSV，可用 Excel 打开）',
      text: '导出 CSV',
    }),
    h('a', {
      class: 'export-link export-jsonl',
      href: exportHref(exportParams(state), 'jsonl'),
      download: 'policysearch.jsonl',
      title: '下载全部结果（JSON Lines，每行一个段落）',
      'aria-label': '导出 JSON Lines',
      text: 'JSON Lines',
    }));
  // Keyword in context needs something to look for: not a filter-only search or '*'.
  const kwicLink = hasWords(state.q)
    ? h('a', {
      class: 'kwic-link',
      href: kwicURL({ q: state.q, within: state.within, scope: state.scope, filters: state.filters, width: KWIC_DEFAULT_WIDTH, sort: 'doc', page: 1 }),
      title: '每处出现连同前后文字，对齐列出',
      text: '关键词上下文',
    })
    : null;

  // Any search can be followed in a feed reader: new matching paragraphs arrive as
  // entries, newest documents first.
  const feedLink = h('a', { class: 'feed-link', href: feedHref(state), type: 'application/atom+xml', title: '在阅读器中订阅：有新的匹配段落时收到通知（Atom）', text: '订阅' });
  const tools = h('div', { class: 'results-tools' },
    switcher('view', '结果按', [['', '段落'], ['document', '文件']], state.group, (v) => withChanges(state, { group: v })),
    switcher('scope', '检索范围', [['', '全文'], ['title', '标题']], state.scope, (v) => withChanges(state, { scope: v })),
    h('span', { class: 'sort-field' }, h('label', { class: 'sort-label', for: 'sort', text: '排序' }), sort),
    kwicLink, exportLinks, feedLink);
  const withinForm = withinBox(state, ctx);
  const layout = h('div', { class: 'search-layout' });
  fill(ctx.main,
    h('h1', { class: 'visually-hidden', tabindex: '-1', text: state.q ? `${quoted(state.q)}的检索结果` : '筛选结果' }),
    layout);
  fill(layout,
    h('aside', { class: 'facets', 'aria-label': '筛选' }, toggle, facetBox),
    h('section', { class: 'results', 'aria-label': '检索结果' },
      h('div', { class: 'results-head' }, summary, tools),
      withinForm,
      filtersBar,
      panelBox,
      results));

  renderActiveFilters(filtersBar, state, ctx);

  const key = searchURL(state);
  let res = cached(key);
  if (!res) {
    fill(results, loading('正在检索…'));
    ctx.main.setAttribute('aria-busy', 'true');
    try {
      res = await api.search(apiParams(state, PAGE_SIZE), ctx.signal);
    } catch (err) {
      if (isAbort(err)) return;
      ctx.main.removeAttribute('aria-busy');
      summary.textContent = '';
      fill(results, errorView(err, '检索失败'));
      tools.hidden = true;
      layout.classList.add('no-facets');
      return;
    }
    if (ctx.signal.aborted) return;
    remember(key, res);
    ctx.main.removeAttribute('aria-busy');
  }

  renderSummary(summary, res, state);
  const misses = missNotices(res, state);
  // A document filter is an id in the URL; its chip is easier to read with the title.
  const first = (res.hits && res.hits[0]) || (res.groups && res.groups[0]);
  if (state.filters.doc && state.filters.doc.length === 1 && first && first.doc_id === state.filters.doc[0]) {
    renderActiveFilters(filtersBar, state, ctx, first.doc_title);
  }
  const selected = activeFilters(state).length;
  toggle.querySelector('.facet-toggle-count').textContent = selected ? `（已选 ${selected} 项）` : '';
  if (res.total === 0 && !(res.related > 0)) {
    toggle.hidden = true;
    facetBox.hidden = true;
    tools.hidden = true;
    withinForm.hidden = true;
    layout.classList.add('no-facets');
    fill(results, misses, emptyView(state, ctx));
    return;
  }
  if (res.total === 0) {
    // Only related matches: there is nothing to count or to filter by.
    toggle.hidden = true;
    facetBox.hidden = true;
    tools.hidden = true;
    layout.classList.add('no-facets');
  } else {
    renderFacets(facetBox, res.facets || {}, state);
  }
  for (const p of res.total > 0 ? panels : []) {
    const box = h('section', { class: `result-panel panel-${p.id}` });
    panelBox.append(box);
    try {
      p.render(box, state, res, ctx);
    } catch (err) {
      fill(box, errorView(err));
    }
  }
  const hits = grouped ? (res.groups || []) : (res.hits || []);
  if (hits.length === 0) {
    // A page past the last one, from an old bookmark or a hand-edited URL.
    fill(results, h('p', { class: 'notice notice-info' }, `第 ${state.page} 页没有结果。`,
      h('a', { href: searchURL(withChanges(state, { page: 1 })), text: '回到第 1 页' })));
    return;
  }
  fill(results,
    misses,
    res.relaxed ? h('p', { class: 'notice notice-info', text: '没有段落包含全部词语，以下为部分匹配' }) : null,
    grouped ? groupList(res, state) : hitList(res, state),
    grouped && res.related > 0 && !res.relaxed
      ? h('p', { class: 'hits-divider related-note' }, `另有 ${formatCount(res.related)} 个部分匹配的段落，`,
        h('a', { href: searchURL(withChanges(state, { group: '' })), text: '在段落视图中查看' }))
      : null,
    pagination(res, state));
}

// quoted puts a query in Chinese quotes, unless it is one quoted phrase already.
export function quoted(q) {
  const t = q.trim();
  const m = /^["“「『]([^"“”「」『』]*)["”」』]$/.exec(t);
  return `“${m ? m[1] : t}”`;
}

// setFeedLink announces the search's Atom feed to the browser and feed readers
// (app.js removes it when another view is shown).
function setFeedLink(state) {
  let link = document.head.querySelector('link[data-feed]');
  if (!link) {
    link = document.createElement('link');
    link.rel = 'alternate';
    link.type = 'application/atom+xml';
    link.dataset.feed = '';
    document.head.append(link);
  }
  link.href = feedHref(state);
  link.title = state.q ? `${quoted(state.q)}的新段落` : '筛选结果的新段落';
}

// switcher is a pair of links that change one setting of the search (view, scope);
// the chosen one is marked current.
function switcher(key, label, choices, current, changeFor) {
  return h('span', { class: `switcher switcher-${key}`, role: 'group', 'aria-label': label },
    h('span', { class: 'switcher-label', 'aria-hidden': 'true', text: label }),
    choices.map(([v, text]) => h('a', {
      class: `switch${(current || '') === v ? ' is-current' : ''}`,
      href: searchURL(changeFor(v)),
      'aria-current': (current || '') === v ? 'true' : null,
      'data-focus-key': `${key}:${v}`,
      'data-value': v,
      text,
    })));
}

// withinBox searches within the results: its words are ANDed with the query's, kept in
// the URL as within=…, and shown as a removable chip.
function withinBox(state, ctx) {
  const input = h('input', {
    id: 'within', type: 'search', enterkeyhint: 'search', maxlength: '256', autocomplete: 'off',
    placeholder: '在结果中检索…', 'aria-label': '在结果中检索',
  });
  const form = h('form', {
    class: 'within-form', role: 'search',
    on: {
      submit: (e) => {
        e.preventDefault();
        const v = input.value.trim();
        if (!v) return;
        ctx.navigate(searchURL(withChanges(state, { within: [state.within, v].filter(Boolean).join(' ') })), { focus: false });
      },
    },
  }, input, h('button', { type: 'submit', class: 'within-button', text: '结果中检索' }));
  return form;
}

// missNotices says which filter values no document has, with the known values closest
// to each as links that take its place.
function missNotices(res, state) {
  const misses = res.unmatched || [];
  if (misses.length === 0) return null;
  return h('div', { class: 'notice notice-info miss-notices', role: 'note' }, misses.map((m) => {
    const others = (state.filters[m.field] || []).filter((v) => v !== m.value);
    return h('p', { class: 'miss', 'data-field': m.field, 'data-value': m.value },
      `${missMessage(m)}。`,
      (m.known || []).length ? ['已有的值中与它最接近的：', (m.known || []).map((k, i) => [i ? '、' : null, h('a', {
        href: searchURL(withChanges(state, { filters: { [m.field]: [...others, k] } })),
        class: 'miss-known',
        text: k,
      })])] : null);
  }));
}

// groupList is the document view: each document once, its matching paragraphs counted
// and the first of them shown, with a link to all of them.
function groupList(res, state) {
  const first = (state.page - 1) * (res.size || PAGE_SIZE) + 1;
  const ol = h('ol', { class: 'hits groups', start: String(first) });
  for (const g of res.groups || []) {
    const titleId = `group-${g.doc_id}`;
    // As in a hit: the issuers may be a long list and wrap; the other items stay whole.
    const meta = [[join(g.issuers), 'meta-issuers'], [g.date, 'meta-item'], [g.doc_number, 'meta-item'],
      [[g.region, g.level].filter(Boolean).join(' · '), 'meta-item'], [g.doc_type, 'meta-item']].filter(([v]) => v);
    const all = searchURL(withChanges(state, { group: '', filters: { doc: [g.doc_id] } }));
    ol.append(h('li', { class: `hit group${g.match === 'partial' ? ' hit-partial' : ''}`, 'data-doc': g.doc_id, 'data-matches': String(g.matches) },
      h('article', { 'aria-labelledby': titleId },
        h('h3', { class: 'hit-title' }, h('a', { id: titleId, href: documentHref(g.doc_id), text: g.doc_title || g.doc_id })),
        h('p', { class: 'hit-meta' }, meta.map(([m, cls], i) => [i ? h('span', { class: 'dot', 'aria-hidden': 'true', text: ' · ' }) : null, h('span', { class: cls, text: m })])),
        h('p', { class: 'group-count' }, h('strong', { text: formatCount(g.matches) }), g.match === 'partial' ? ' 个部分匹配的段落' : ' 个匹配段落'),
        h('ul', { class: 'group-hits' }, (g.hits || []).map((hit) => {
          const measure = measureLabel(hit.measure_no, hit.measure_title);
          return h('li', { class: 'group-hit' },
            sectionPath(hit.section_path, measure ? h('strong', { class: 'measure', text: measure }) : null),
            h('p', { class: 'hit-text' }, h('a', { class: 'group-hit-link', href: paragraphHref(hit.id), text: kindLabel(hit.kind) }), ' ', marked(hit.highlight || '')));
        })),
        g.matches > (g.hits || []).length
          ? h('p', { class: 'hit-links' }, h('a', { href: all, text: `查看本文件全部 ${formatCount(g.matches)} 个段落` }))
          : null)));
  }
  return ol;
}

// exportParams is the request of /export: the query, filters and order of the search.
function exportParams(state) {
  const p = queryParams(state);
  if (state.sort === 'date') p.sort = 'date';
  return p;
}

function renderSummary(el, res, state) {
  const pages = pageCount(res, state);
  el.dataset.total = String(res.total);
  el.dataset.related = String(res.related || 0);
  el.dataset.documents = String(res.documents || 0);
  fill(el,
    state.group === 'document'
      ? ['找到 ', h('strong', { class: 'documents', text: formatCount(res.documents || 0) }), ' 份文件（', formatCount(res.total), ' 个段落）']
      : ['找到 ', h('strong', { class: 'total', text: formatCount(res.total) }), ' 个段落'],
    state.within ? h('span', { class: 'within-note', text: `，结果中含“${state.within}”` }) : null,
    state.scope === 'title' ? h('span', { class: 'scope-note', text: '（仅标题）' }) : null,
    res.related > 0 ? h('span', { class: 'related', text: `，另有 ${formatCount(res.related)} 个部分匹配` }) : null,
    h('span', { class: 'took', text: `（用时 ${formatMs(res.took_ms)}）` }),
    pages > 1 ? h('span', { class: 'page-of', text: ` · 第 ${state.page} / ${formatCount(pages)} 页` }) : null);
}

function renderActiveFilters(bar, state, ctx, docTitle) {
  const items = activeFilters(state);
  for (const it of items) {
    if (it.key === 'doc' && docTitle) it.value = docTitle;
  }
  if (state.within) {
    items.unshift({ key: 'within', label: '结果中', value: state.within, change: { within: '' } });
  }
  if (items.length === 0) {
    bar.hidden = true;
    return;
  }
  const list = h('ul', { class: 'chips', 'aria-label': '已选筛选条件' });
  for (const it of items) {
    list.append(h('li', null, h('button', {
      type: 'button',
      class: 'chip chip-removable',
      'aria-label': `移除筛选：${it.label} ${it.value}`,
      on: { click: () => ctx.navigate(searchURL(withChanges(state, it.change || { filters: it.remove }))) },
    }, h('span', { class: 'chip-key', text: `${it.label}：` }), h('span', { text: it.value }),
    h('span', { class: 'chip-x', 'aria-hidden': 'true', text: '×' }))));
  }
  if (items.length > 1) {
    list.append(h('li', null, h('button', {
      type: 'button',
      class: 'chip chip-clear',
      on: { click: () => ctx.navigate(searchURL(withChanges(clearFilters(state), { within: '' }))) },
      text: '清除全部',
    })));
  }
  fill(bar, h('span', { class: 'active-filters-label', text: '筛选：' }), list);
}

// renderFacets lists each facet's values with what choosing it gives: a facet's counts
// are taken without its own filter, so a chosen value's siblings stay, and choosing one
// adds it (any of the chosen values may match; facets combine).
function renderFacets(box, facets, state) {
  const unit = state.group === 'document' ? '份文件' : '个段落';
  fill(box, h('h2', { class: 'facets-title', text: '筛选条件' }),
    h('p', { class: 'facets-note', text: `数字为选中后的${state.group === 'document' ? '文件' : '段落'}数；同一项可多选` }));
  for (const { name, label } of FACETS) {
    let values = (facets[name] || []).filter((v) => v && v.value !== '');
    if (values.length === 0) continue;
    if (name === 'year') values = [...values].sort((a, b) => String(b.value).localeCompare(String(a.value)));
    const id = `facet-${name}`;
    const list = h('ul', { class: 'facet-values', 'aria-labelledby': `${id}-title` });
    values.forEach((v, i) => {
      const active = facetActive(state, name, v.value);
      const a = h('a', {
        class: `facet-value${active ? ' is-active' : ''}`,
        href: searchURL(withChanges(state, { filters: facetToggle(state, name, v.value) })),
        role: 'checkbox',
        'aria-checked': active ? 'true' : 'false',
        'data-facet': name,
        'data-index': String(i),
        'data-value': String(v.value),
        'data-count': String(v.count),
        'data-focus-key': `facet:${name}:${v.value}`,
        on: { click: closeFacetsOnPhone },
      },
      h('span', { class: 'facet-check', 'aria-hidden': 'true' }),
      h('span', { class: 'facet-label', text: name === 'year' ? `${v.value}年` : String(v.label || v.value) }),
      h('span', { class: 'count', text: formatCount(v.count) }),
      srOnly(unit),
      active ? srOnly('（已选，再点一次取消）') : null);
      list.append(h('li', { hidden: i >= FACET_SHOWN && !active }, a));
    });
    const section = h('section', { class: 'facet', id },
      h('h3', { class: 'facet-title', id: `${id}-title`, text: label }), list);
    if (values.length > FACET_SHOWN) {
      const more = h('button', {
        type: 'button',
        class: 'facet-more',
        'aria-expanded': 'false',
        text: `显示全部 ${values.length} 项`,
        on: {
          click: () => {
            const expand = more.getAttribute('aria-expanded') !== 'true';
            more.setAttribute('aria-expanded', expand ? 'true' : 'false');
            more.textContent = expand ? '收起' : `显示全部 ${values.length} 项`;
            list.querySelectorAll('li').forEach((li, i) => {
              li.hidden = !expand && i >= FACET_SHOWN && !li.querySelector('.is-active');
            });
          },
        },
      });
      section.append(more);
    }
    box.append(section);
  }
}

// On a phone, choosing a facet value closes the facet panel, so the new results are in
// view.
function closeFacetsOnPhone() {
  if (window.matchMedia('(max-width: 760px)').matches) facetsOpen = false;
}

function hitList(res, state) {
  const first = (state.page - 1) * (res.size || PAGE_SIZE) + 1;
  const ol = h('ol', { class: 'hits', start: String(first) });
  const unitHref = (u) => searchURL(withChanges(state, { filters: { unit: u } }));
  const out = [ol];
  let list = ol;
  (res.hits || []).forEach((hit, i) => {
    if (hit.match === 'partial' && list === ol && !res.relaxed) {
      // The strict matches end here; what follows holds only part of the query, in a
      // list of its own that goes on counting.
      list = h('ol', { class: 'hits hits-partial', start: String(first + i) });
      out.push(h('p', { class: 'hits-divider', role: 'separator', text: '以下为部分匹配的结果' }), list);
    }
    const measure = measureLabel(hit.measure_no, hit.measure_title);
    const titleId = `hit-${hit.id}`;
    // The issuers may be a long list and wrap; the other items stay whole.
    const meta = [
      [join(hit.issuers), 'meta-issuers'],
      [hit.date, 'meta-item'],
      [hit.doc_number, 'meta-item'],
      [[hit.region, hit.level].filter(Boolean).join(' · '), 'meta-item'],
      [hit.doc_type, 'meta-item'],
    ].filter(([v]) => v);
    list.append(h('li', { class: hit.match === 'partial' ? 'hit hit-partial' : 'hit' }, h('article', { 'aria-labelledby': titleId },
      h('h3', { class: 'hit-title' }, h('a', { id: titleId, href: paragraphHref(hit.id), text: hit.doc_title || hit.doc_id })),
      h('p', { class: 'hit-meta' }, meta.map(([m, cls], i) => [i ? h('span', { class: 'dot', 'aria-hidden': 'true', text: ' · ' }) : null, h('span', { class: cls, text: m })])),
      // A hit from an old version, a repealed text or one not yet in force says so.
      hit.status && hit.status !== '现行有效' ? h('p', { class: 'hit-status' }, statusBadge(hit.status, hit.current_id)) : null,
      sectionPath(hit.section_path, measure ? h('strong', { class: 'measure', text: measure }) : null),
      h('p', { class: 'hit-text' }, h('span', { class: `kind-tag kind-${hit.kind}`, text: kindLabel(hit.kind) }), ' ', marked(hit.highlight || '')),
      unitChips(hit.responsible_units, unitHref),
      h('p', { class: 'hit-links' },
        h('a', { href: paragraphHref(hit.id), text: '查看上下文' }),
        h('a', { href: documentHref(hit.doc_id), text: '文件大纲' })))));
  });
  return out;
}

// pageCount counts the pages of strict and then related matches, or of documents.
function pageCount(res, state) {
  const n = state.group === 'document' ? (res.documents || 0) : res.total + (res.related || 0);
  return Math.min(Math.ceil(n / (res.size || PAGE_SIZE)), MAX_PAGE);
}

function pagination(res, state) {
  const pages = pageCount(res, state);
  return pageNav(state.page, pages, (p) => searchURL(withChanges(state, { page: p })));
}

function emptyView(state, ctx) {
  const items = activeFilters(state);
  const box = h('div', { class: 'empty' },
    h('h2', { text: '没有找到匹配的段落' }),
    h('p', { class: 'empty-query' }, state.q
      ? ['检索式', h('span', { class: 'query-text', text: quoted(state.q) }), items.length || state.within ? '在当前筛选条件下没有结果。' : '没有结果。']
      : '当前筛选条件下没有段落。'));
  if (state.within) items.unshift({ label: '结果中', value: state.within, change: { within: '' } });
  if (state.scope === 'title') items.push({ label: '范围', value: '仅标题', change: { scope: '' } });
  if (items.length) {
    const list = h('ul', { class: 'chips' });
    for (const it of items) {
      list.append(h('li', null, h('button', {
        type: 'button',
        class: 'chip chip-removable',
        on: { click: () => ctx.navigate(searchURL(withChanges(state, it.change || { filters: it.remove }))) },
      }, h('span', { text: `去掉“${it.label}：${it.value}”` }))));
    }
    box.append(h('p', { text: '试试去掉一个筛选条件：' }), list);
  } else {
    box.append(h('ul', { class: 'tips' },
      h('li', { text: '检查是否有错别字，或换用更常见的说法。' }),
      h('li', { text: '减少词语：以空格分开的每个词都必须出现。' }),
      h('li', { text: '去掉引号：引号内为精确短语，须逐字出现。' })));
  }
  return box;
}

// Examples on the start page.
const EXAMPLES = [
  ['"产教融合"', '精确短语'],
  ['双师型教师 level:市', '市级文件中的双师型教师'],
  ['实训基地 -乡村', '排除“乡村”'],
  ['如何推进校企合作', '用问句检索'],
  ['双高 OR 提质培优', '任一词语'],
];

export const SYNTAX = [
  ['产教融合 实训基地', '同时包含两个词（自动分词，按相关度排序）'],
  ['"精确短语"', '逐字包含该短语（中英文引号均可）'],
  ['实训基地 -乡村', '排除含“乡村”的段落'],
  ['双师型 OR 双师', '包含任一词语'],
  ['region:山东', '地区，含下属市县；另有 level: issuer: type: unit: year:2020..2023'],
  ['region:江西,重庆', '同一筛选项写多个值，以逗号分开：满足其一即可'],
  ['离婚 status:现行有效', '法律法规的时效性：现行有效、尚未施行、已被修改、已废止'],
  ['施行日期:2021..2022', '施行日期或公布日期（published:）在某一期间'],
];

export function syntaxTable() {
  return h('table', { class: 'syntax-table' },
    h('caption', { class: 'visually-hidden', text: '检索语法' }),
    h('thead', null, h('tr', null, h('th', { scope: 'col', text: '写法' }), h('th', { scope: 'col', text: '含义' }))),
    h('tbody', null, SYNTAX.map(([q, d]) => h('tr', null, h('td', null, h('code', { text: q })), h('td', { text: d })))));
}

async function landing(ctx) {
  const stats = h('p', { class: 'landing-stats' });
  fill(ctx.main, h('section', { class: 'landing' },
    h('h1', { tabindex: '-1', text: SITE_NAME }),
    h('p', { class: 'lead', text: '按条款检索政策文件：每条措施都是一条结果，附发文机关、地区、日期、发文字号、章节与责任单位。' }),
    stats,
    h('h2', { text: '试一试' }),
    h('ul', { class: 'examples' }, EXAMPLES.map(([q, d]) => h('li', null,
      h('a', { href: searchURL({ q, filters: {}, sort: '', page: 1 }) }, h('code', { text: q })),
      h('span', { class: 'example-note', text: d })))),
    h('h2', { text: '检索语法' }),
    syntaxTable(),
    h('p', { class: 'landing-more' }, h('a', { href: '/documents', text: '浏览全部文件 →' }))));
  try {
    const st = await api.health(ctx.signal);
    stats.textContent = `已收录 ${formatCount(st.documents)} 份文件、${formatCount(st.paragraphs)} 个段落。`;
  } catch {
    // The counts are a nicety; without them the page still works.
  }
}
