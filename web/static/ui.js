// Labels and small components shared by the views: document metadata, responsible-unit
// chips, measure labels, error messages.
import { h } from './dom.js';
import { errorTitle } from './api.js';
import { errorMessage } from './messages.js';

export const SITE_NAME = '政策文件检索';

// Facets in the order the API lists them (policysearch.FacetNames), with their labels.
export const FACETS = [
  { name: 'issuer', label: '发文机关' },
  { name: 'region', label: '地区' },
  { name: 'level', label: '层级' },
  { name: 'year', label: '年份' },
  { name: 'type', label: '文种' },
  { name: 'unit', label: '责任单位' },
  // Values are TitleKeys or 文号s; the label is the cited document's title.
  { name: 'cites', label: '引用文件' },
];

export const KIND_LABELS = {
  measure: '措施',
  body: '正文',
  target: '目标',
  background: '背景',
  preamble: '导语',
  table_row: '任务表',
  article: '条款',
};

export function kindLabel(kind) {
  return KIND_LABELS[kind] || kind || '段落';
}

// measureLabel is "12. 标题" for numbered measures, "（三）标题" for the other numbering
// styles, and "" when the paragraph is not a measure.
export function measureLabel(no, title) {
  const n = no ? (/^\d+$/.test(no) ? `${no}.` : no) : '';
  return [n, title || ''].filter(Boolean).join(n && /[.．]$/.test(n) ? ' ' : '');
}

// articleLabel is how a paragraph is cited: 第十二条 for an article, "12. 标题" for a
// measure; "" for an unnumbered paragraph.
export function articleLabel(kind, no, title) {
  if (!no) return '';
  if (kind === 'article') return no.startsWith('第') ? no : `第${no}条`;
  return measureLabel(no, title);
}

export function formatCount(n) {
  return Number(n || 0).toLocaleString('zh-CN');
}

export function formatMs(ms) {
  const v = Number(ms || 0);
  if (v < 10) return `${v.toFixed(2)} 毫秒`;
  if (v < 1000) return `${v.toFixed(0)} 毫秒`;
  return `${(v / 1000).toFixed(2)} 秒`;
}

// excerpt cuts text to about n characters (code points, so no surrogate is split).
export function excerpt(text, n) {
  const chars = Array.from(text || '');
  return chars.length > n ? `${chars.slice(0, n).join('')}…` : chars.join('');
}

export function join(list, sep) {
  return (list || []).filter(Boolean).join(sep || '、');
}

// metaList is a document's metadata as a description list. Fields without a value are
// left out.
export function metaList(doc, opts) {
  const rows = [
    ['发文机关', join(doc.issuers)],
    ['发文字号', doc.doc_number],
    ['成文日期', doc.date],
    ['公布日期', doc.published],
    ['施行日期', doc.effective],
    ['时效性', doc.status],
    ['地区', doc.region],
    ['层级', doc.level],
    ['文种', doc.doc_type],
    ['规划期', doc.period],
  ];
  if (opts && opts.counts && doc.paragraph_count !== undefined) {
    // A law's numbered units are articles (条文), a policy's are measures (措施).
    const unit = opts.articles ? '条文' : '措施';
    rows.push(['篇幅', `${formatCount(doc.paragraph_count)} 段，其中${unit} ${formatCount(doc.measure_count || 0)} 条`]);
  }
  const dl = h('dl', { class: `meta-list${opts && opts.compact ? ' meta-compact' : ''}` });
  for (const [k, v] of rows) {
    if (!v) continue;
    dl.append(h('div', { class: 'meta-row' }, h('dt', { text: k }), h('dd', { text: v })));
  }
  return dl;
}

// STATUS_CLASSES style the statuses of laws (policysearch.Status*).
const STATUS_CLASSES = { 现行有效: 'in-force', 尚未施行: 'not-yet', 已被修改: 'amended', 已废止: 'repealed' };

// statusBadge shows a law's status; for an older or repealed text, with a link to the
// version in force (currentId).
export function statusBadge(status, currentId) {
  if (!status) return null;
  const tag = h('span', { class: `status-tag status-${STATUS_CLASSES[status] || 'other'}`, text: status });
  if (!currentId || status === '现行有效') return tag;
  return h('span', { class: 'status-line' }, tag, ' ',
    h('a', { class: 'current-link', href: documentHref(currentId), text: '现行版本 →' }));
}

// unitChips lists responsible units; hrefFor, when given, makes each a link (to filter
// by that unit).
export function unitChips(units, hrefFor) {
  if (!units || units.length === 0) return null;
  const list = h('ul', { class: 'chips', 'aria-label': '责任单位' });
  for (const u of units) {
    const chip = hrefFor
      ? h('a', { class: 'chip chip-link', href: hrefFor(u), title: `只看责任单位为“${u}”的段落`, text: u })
      : h('span', { class: 'chip', text: u });
    list.append(h('li', null, chip));
  }
  return h('div', { class: 'units' }, h('span', { class: 'units-label', 'aria-hidden': 'true', text: '责任单位' }), list);
}

// errorView shows a failed request: a title from the error code and what to do, in
// Chinese (messages.js); the server's own English message stays behind a disclosure,
// for a bug report.
export function errorView(err, doing) {
  const title = doing ? `${doing}：${errorTitle(err)}` : errorTitle(err);
  const box = h('div', { class: 'notice notice-error', role: 'alert' },
    h('p', { class: 'notice-title', text: title }),
    h('p', { class: 'notice-detail', text: errorMessage(err) }));
  if (err && err.status) {
    box.append(h('details', { class: 'notice-code' },
      h('summary', { text: `错误代码 ${err.code || 'http'} · HTTP ${err.status}` }),
      h('p', { lang: 'en', text: err.message || '' })));
  }
  return box;
}

// sectionPath renders a heading path as a breadcrumb-like line.
export function sectionPath(path, tail) {
  const parts = (path || []).filter(Boolean);
  const el = h('p', { class: 'section-path' });
  parts.forEach((p, i) => {
    if (i > 0) el.append(h('span', { class: 'sep', 'aria-hidden': 'true', text: ' › ' }));
    el.append(h('span', { text: p }));
  });
  if (tail) {
    if (parts.length) el.append(h('span', { class: 'sep', 'aria-hidden': 'true', text: ' › ' }));
    el.append(tail);
  }
  return el;
}

export function paragraphHref(id) {
  return `/p/${encodeURIComponent(id)}`;
}

export function documentHref(id) {
  return `/d/${encodeURIComponent(id)}`;
}

// formatPercent shows a share in [0, 1] as a percentage: one decimal below 10%
// (8.4%), whole numbers above (34%).
export function formatPercent(x) {
  const v = Number(x || 0) * 100;
  if (v > 0 && v < 10) return `${v.toFixed(1)}%`;
  return `${Math.round(v)}%`;
}

// Issuer levels (国家/省/市/区县) and their CSS classes.
const LEVEL_CLASSES = { 国家: 'national', 省: 'province', 市: 'city', 区县: 'county' };

export function levelTag(level) {
  if (!level) return null;
  return h('span', { class: `level-tag level-${LEVEL_CLASSES[level] || 'other'}`, text: level });
}

// compareHref is the comparison of two documents: what document b takes from a.
export function compareHref(a, b) {
  return `/compare/${encodeURIComponent(a)}/${encodeURIComponent(b)}`;
}

// pageNav is the page links under a result list: previous, first, the pages around the
// current one, last, next; hrefFor(p) is the address of page p. Null for one page.
export function pageNav(cur, pages, hrefFor) {
  if (pages <= 1) return null;
  const link = (p, text, rel, label) => h('a', {
    href: hrefFor(p),
    rel: rel || null,
    'aria-label': label || `第 ${p} 页`,
    'aria-current': p === cur && !rel ? 'page' : null,
    class: p === cur && !rel ? 'is-current' : null,
    text,
  });
  const ul = h('ul');
  if (cur > 1) ul.append(h('li', null, link(cur - 1, '‹ 上一页', 'prev', '上一页')));
  const shown = new Set([1, pages]);
  for (let p = cur - 2; p <= cur + 2; p++) if (p >= 1 && p <= pages) shown.add(p);
  let last = 0;
  for (const p of [...shown].sort((a, b) => a - b)) {
    if (p - last > 1) ul.append(h('li', { class: 'gap', 'aria-hidden': 'true', text: '…' }));
    ul.append(h('li', null, link(p, String(p))));
    last = p;
  }
  if (cur < pages) ul.append(h('li', null, link(cur + 1, '下一页 ›', 'next', '下一页')));
  return h('nav', { class: 'pagination', 'aria-label': '分页' }, ul);
}
