// The keyword-in-context view at /kwic?q=…&width=…&sort=doc|left|right&page=… plus
// the search filters: every occurrence of the query's phrases (or words) with the text
// before and after it, as a concordance: the left context right-aligned against the
// match, the match in the middle, the right context after it, and where it comes from
// (GET /api/v1/kwic, a page of lines at a time).
import { h, fill, loading } from './dom.js';
import { api, isAbort, exportHref } from './api.js';
import { formatCount, formatMs, errorView, paragraphHref, pageNav, articleLabel } from './ui.js';
import {
  readKwic, kwicURL, queryParams, searchURL, withChanges, activeFilters, hasWords,
  KWIC_WIDTHS, KWIC_PAGE_SIZE, MAX_PAGE,
} from './state.js';

const SORT_LABELS = [
  ['doc', '按文件（新→旧）'],
  ['left', '按左侧语境'],
  ['right', '按右侧语境'],
];

export async function render(ctx) {
  const k = readKwic(ctx.query);
  ctx.setSearchBox(k.q);
  ctx.setTitle(k.q ? `${k.q} - 关键词上下文` : '关键词上下文');
  const go = (changes, focus) => ctx.navigate(kwicURL({ ...k, page: 1, ...changes }), { focus: focus || true });

  const input = h('input', {
    id: 'kwic-q', name: 'q', type: 'search', value: k.q, autocomplete: 'off', spellcheck: 'false',
    placeholder: '如 "产教融合"', maxlength: '256',
  });
  const width = h('select', {
    id: 'kwic-width',
    'data-focus-key': 'kwic-width',
    on: { change: () => go({ width: Number(width.value) }, 'kwic-width') },
  }, [...new Set([...KWIC_WIDTHS, k.width])].sort((a, b) => a - b).map((w) => h('option', {
    value: String(w), selected: w === k.width, text: `每侧 ${w} 字`,
  })));
  const sorts = h('div', { class: 'segmented', role: 'radiogroup', 'aria-labelledby': 'kwic-sort-label' },
    SORT_LABELS.map(([value, label]) => {
      const id = `kwic-sort-${value}`;
      return h('span', { class: 'segment' },
        h('input', {
          type: 'radio', name: 'kwic-sort', id, value, checked: k.sort === value, 'data-focus-key': id,
          on: { change: () => go({ sort: value }, id) },
        }),
        h('label', { for: id, text: label }));
    }));
  const form = h('form', {
    class: 'kwic-form',
    role: 'search',
    'aria-label': '关键词上下文',
    on: {
      submit: (e) => {
        e.preventDefault();
        go({ q: input.value.trim() }, 'kwic-q');
      },
    },
  },
  h('div', { class: 'field field-grow' }, h('label', { for: 'kwic-q', text: '词语或短语' }),
    h('div', { class: 'inline-search' }, input, h('button', { type: 'submit', text: '查看' }))),
  h('div', { class: 'field' }, h('label', { for: 'kwic-width', text: '上下文' }), width),
  h('div', { class: 'field' }, h('span', { id: 'kwic-sort-label', text: '排序' }), sorts));
  input.dataset.focusKey = 'kwic-q';

  const searchHere = searchURL({ q: k.q, filters: k.filters, sort: '', page: 1 });
  const summary = h('p', { id: 'kwic-summary', class: 'result-summary', role: 'status' });
  const body = h('div', { class: 'kwic-body' });
  fill(ctx.main, h('section', { class: 'kwic-page', 'aria-labelledby': 'kwic-title' },
    hasWords(k.q) ? h('p', { class: 'back-link' }, h('a', { href: searchHere, text: '‹ 返回检索结果' })) : null,
    h('h1', { id: 'kwic-title', tabindex: '-1', text: '关键词上下文' }),
    h('p', { class: 'section-note', text: '检索词每出现一次列为一行：左侧语境右对齐，检索词居中，右侧语境随后；点出处打开该段落。' }),
    form,
    filterChips(k, ctx),
    h('div', { class: 'results-head' }, summary, hasWords(k.q) ? downloads(k) : null),
    body));

  if (!hasWords(k.q)) {
    fill(body, h('p', { class: 'notice notice-info', text: '输入一个词语，或用引号括起的短语（如 "产教融合"），查看它在各文件中的上下文。' }));
    return;
  }
  fill(body, loading('正在查找…'));
  ctx.main.setAttribute('aria-busy', 'true');
  let res;
  try {
    res = await api.kwic({
      ...queryParams(k),
      width: k.width,
      sort: k.sort,
      offset: (k.page - 1) * KWIC_PAGE_SIZE,
      limit: KWIC_PAGE_SIZE,
    }, ctx.signal);
  } catch (err) {
    if (isAbort(err)) return;
    ctx.main.removeAttribute('aria-busy');
    fill(body, errorView(err, '无法列出上下文'));
    return;
  }
  if (ctx.signal.aborted) return;
  ctx.main.removeAttribute('aria-busy');

  const lines = res.lines || [];
  const first = (k.page - 1) * KWIC_PAGE_SIZE;
  summary.dataset.total = String(res.total);
  fill(summary,
    h('span', { class: 'kwic-query', text: k.q }), ' 共出现 ', h('strong', { class: 'total', text: formatCount(res.total) }), ' 次',
    lines.length && res.total > lines.length
      ? h('span', { class: 'page-of', text: ` · 第 ${formatCount(first + 1)}–${formatCount(first + lines.length)} 处` })
      : null,
    h('span', { class: 'took', text: `（用时 ${formatMs(res.took_ms)}）` }));
  if (res.total === 0) {
    fill(body, h('div', { class: 'empty' },
      h('h2', { text: '没有找到' }),
      h('p', null, h('span', { class: 'kwic-query', text: k.q }), ' 在当前条件下没有出现。')));
    return;
  }
  if (lines.length === 0) {
    fill(body, h('p', { class: 'notice notice-info' }, `第 ${k.page} 页没有结果。`,
      h('a', { href: kwicURL({ ...k, page: 1 }), text: '回到第 1 页' })));
    return;
  }
  fill(body, concordance(lines, first, k), pagination(res.total, k));
}

// concordance is the table of lines. Each row is laid out as a grid whose middle column
// fits the match, so the matches line up down the page; the roles keep the table's
// meaning for screen readers whatever the CSS does with the rows.
function concordance(lines, first, k) {
  const tbody = h('tbody', { role: 'rowgroup' });
  lines.forEach((l, i) => {
    const date = l.date || '';
    tbody.append(h('tr', { class: 'kwic-line', role: 'row', 'data-paragraph': l.paragraph_id },
      h('td', { class: 'kwic-n', role: 'cell', text: formatCount(first + i + 1) }),
      h('td', { class: 'kwic-left', role: 'cell' }, h('span', { class: 'kwic-clip' }, h('span', { text: l.left || '' }))),
      h('td', { class: 'kwic-match', role: 'cell' }, h('mark', { text: l.match || '' })),
      h('td', { class: 'kwic-right', role: 'cell' }, h('span', { class: 'kwic-clip', text: l.right || '' })),
      // The source in full: the whole title (wrapped, not cut) and the article or
      // measure, so a line can be cited as it stands.
      h('td', { class: 'kwic-src', role: 'cell' },
        h('a', { href: paragraphHref(l.paragraph_id), text: l.doc_title || l.doc_id }),
        articleLabel(l.kind, l.measure_no, l.measure_title) ? h('span', { class: 'kwic-measure', text: articleLabel(l.kind, l.measure_no, l.measure_title) }) : null,
        date || l.region ? h('span', { class: 'kwic-date', text: [date, l.region].filter(Boolean).join(' · ') }) : null)));
  });
  return h('table', { class: 'kwic-table', role: 'table', 'aria-describedby': 'kwic-summary' },
    h('caption', { class: 'visually-hidden', text: `“${k.q}”的上下文，每侧 ${k.width} 字` }),
    h('thead', { role: 'rowgroup' }, h('tr', { class: 'kwic-line kwic-head', role: 'row' },
      h('th', { class: 'kwic-n', role: 'columnheader', scope: 'col' }, h('span', { class: 'visually-hidden', text: '序号' })),
      h('th', { class: 'kwic-left', role: 'columnheader', scope: 'col', text: '左侧语境' }),
      h('th', { class: 'kwic-match', role: 'columnheader', scope: 'col', text: '检索词' }),
      h('th', { class: 'kwic-right', role: 'columnheader', scope: 'col', text: '右侧语境' }),
      h('th', { class: 'kwic-src', role: 'columnheader', scope: 'col', text: '出处' }))),
    tbody);
}

// downloads are the hits of the query (the paragraphs, with their metadata) as files.
function downloads(k) {
  const p = queryParams(k);
  return h('p', { class: 'export-links' },
    h('a', { class: 'export-link', href: exportHref(p, 'csv'), download: 'policysearch.csv', title: '下载包含该词的全部段落（CSV，可用 Excel 打开）', text: '下载 CSV' }),
    h('a', { class: 'export-link export-jsonl', href: exportHref(p, 'jsonl'), download: 'policysearch.jsonl', title: '下载包含该词的全部段落（JSON Lines）', 'aria-label': '下载 JSON Lines', text: 'JSON Lines' }));
}

// filterChips shows the search filters the lines are limited to; removing one stays
// in this view.
function filterChips(k, ctx) {
  const items = activeFilters(k);
  if (items.length === 0) return null;
  const list = h('ul', { class: 'chips', 'aria-label': '已选筛选条件' });
  for (const it of items) {
    const next = withChanges(k, { filters: it.remove });
    list.append(h('li', null, h('button', {
      type: 'button',
      class: 'chip chip-removable',
      'aria-label': `移除筛选：${it.label} ${it.value}`,
      on: { click: () => ctx.navigate(kwicURL({ ...k, filters: next.filters, page: 1 })) },
    }, h('span', { class: 'chip-key', text: `${it.label}：` }), h('span', { text: it.value }),
    h('span', { class: 'chip-x', 'aria-hidden': 'true', text: '×' }))));
  }
  return h('div', { class: 'active-filters-bar' }, h('span', { class: 'active-filters-label', text: '筛选：' }), list);
}

function pagination(total, k) {
  const pages = Math.min(Math.ceil(total / KWIC_PAGE_SIZE), MAX_PAGE);
  return pageNav(k.page, pages, (p) => kwicURL({ ...k, page: p }));
}

