// The citation network on the page: the 本篇引用 / 引用本篇 panels of a document, links
// on the references inside a paragraph's text (a cited article opens that article), and
// the diffusion view at /diffusion/:id — the documents of other regions citing a
// document, by province and year, each with the share of wording it takes from it,
// beside the trends chart of the paragraphs citing it.
import { h, fill, loading } from './dom.js';
import { get, isAbort } from './api.js';
import { errorView, documentHref, paragraphHref, compareHref, formatCount, formatPercent, join, statusBadge, levelTag } from './ui.js';
import { searchURL } from './state.js';
import { trendsPanel } from './trends.js';

const seg = (s) => encodeURIComponent(s);

// Citations of recently shown documents: a paragraph page and its neighbours ask for
// the same document's.
const cache = new Map();
const CACHE_SIZE = 20;

export function citationsOf(id, signal) {
  let p = cache.get(id);
  if (!p) {
    p = get(`/documents/${seg(id)}/citations`, null, signal);
    p.catch(() => cache.delete(id));
    cache.set(id, p);
    if (cache.size > CACHE_SIZE) cache.delete(cache.keys().next().value);
  }
  return p;
}

export function edgesHref(id) {
  return `/api/v1/citations/edges?doc=${seg(id)}`;
}

export function diffusionHref(id) {
  return `/diffusion/${seg(id)}`;
}

// citesURL is the search for every paragraph citing a document.
export function citesURL(id) {
  return searchURL({ q: '', filters: { cites: id }, sort: '', page: 1 });
}

// citationsSection is the two panels of a document page, filled when the citations
// arrive.
export function citationsSection(doc, ctx) {
  const body = h('div', { class: 'citations-body' }, loading('正在加载引用关系…'));
  const section = h('section', { class: 'citations-section', 'aria-labelledby': 'citations-title' },
    h('h2', { id: 'citations-title', text: '引用关系' }), body);
  citationsOf(doc.id, ctx.signal).then((c) => {
    if (ctx.signal.aborted) return;
    fill(body,
      panel('本篇引用', 'cites', c.cites, c.cites_count, '本文件没有引用其他文件。'),
      panel('引用本篇', 'cited-by', c.cited_by, c.cited_by_count, '库中没有文件引用本文件。'),
      h('p', { class: 'citations-links' },
        c.cited_by_count > 0 ? h('a', { href: citesURL(doc.id), text: '检索引用本篇的全部段落' }) : null,
        c.cited_by_count > 0 ? h('a', { href: diffusionHref(doc.id), text: '各地引用（传播）' }) : null,
        c.cites_count + c.cited_by_count > 0
          ? h('a', { href: edgesHref(doc.id), download: '', text: '下载引用关系 CSV' }) : null));
  }).catch((err) => {
    if (isAbort(err) || ctx.signal.aborted) return;
    fill(body, errorView(err, '无法加载引用关系'));
  });
  return section;
}

function panel(title, cls, list, count, empty) {
  const head = h('h3', { class: 'citations-panel-title', text: `${title}（${formatCount(count)}）` });
  if (!list || list.length === 0) {
    return h('div', { class: `citations-panel ${cls}` }, head, h('p', { class: 'citations-empty', text: empty }));
  }
  return h('div', { class: `citations-panel ${cls}` }, head,
    h('ol', { class: 'citation-list' }, list.map((x) => citationItem(x, cls === 'cites'))));
}

// citationItem is one other document: its title (a link when it is in the corpus), its
// metadata, the articles cited and where the citations stand.
function citationItem(x, outgoing) {
  const d = x.document;
  const title = d.title || d.doc_number || '（无标题）';
  const meta = [d.doc_number && d.doc_number !== title ? d.doc_number : '', d.date, join(d.issuers)].filter(Boolean).join(' · ');
  // The articles: cited articles of the other document (本篇引用) or of this one (引用本篇).
  const articles = [];
  const seen = new Set();
  for (const m of x.mentions) {
    if (!m.article || seen.has(m.article)) continue;
    seen.add(m.article);
    articles.push(m.cited_paragraph
      ? h('a', { class: 'cited-article', href: paragraphHref(m.cited_paragraph), text: m.article })
      : h('span', { class: 'cited-article', text: m.article }));
  }
  // Where: the citing paragraphs (of this document, or of the other).
  const where = [];
  const paras = new Set();
  for (const m of x.mentions) {
    if (paras.has(m.paragraph)) continue;
    paras.add(m.paragraph);
    where.push(m.paragraph
      ? h('a', { class: 'citing-paragraph', href: paragraphHref(m.paragraph), text: `第${paras.size}处` })
      : h('span', { class: 'citing-paragraph', text: '标题' }));
  }
  return h('li', { class: 'citation', 'data-id': d.id || '' },
    d.id
      ? h('a', { class: 'citation-title', href: documentHref(d.id), text: title })
      : h('span', { class: 'citation-title outside', text: title }),
    d.id ? null : h('span', { class: 'citation-outside', text: '库外' }),
    d.level ? levelTag(d.level) : null,
    d.status ? statusBadge(d.status, null) : null,
    meta ? h('span', { class: 'citation-meta', text: meta }) : null,
    articles.length ? h('span', { class: 'citation-articles' }, outgoing ? '条文：' : '所引条文：', ...articles) : null,
    h('span', { class: 'citation-where' }, `${formatCount(x.count)} 处：`, ...where));
}

// linkedText is a paragraph's text with its references made links: to the cited
// article's paragraph, else to the cited document; references to documents outside the
// corpus are marked. The text shows at once; the links come with the citations.
export function linkedText(p, docId, ctx) {
  const el = h('p', { class: 'paragraph-text', text: p.text });
  citationsOf(docId, ctx.signal).then((c) => {
    if (ctx.signal.aborted) return;
    const mentions = [];
    for (const x of c.cites) mentions.push(...x.mentions.filter((m) => m.paragraph === p.id));
    for (const m of c.internal) if (m.paragraph === p.id && m.kind !== 'clause') mentions.push(m);
    if (mentions.length === 0) return;
    mentions.sort((a, b) => a.start - b.start);
    // Offsets are bytes of the UTF-8 text.
    const bytes = new TextEncoder().encode(p.text);
    const dec = new TextDecoder();
    const parts = [];
    let at = 0;
    for (const m of mentions) {
      if (m.start < at || m.end > bytes.length) continue;
      parts.push(dec.decode(bytes.subarray(at, m.start)));
      const text = dec.decode(bytes.subarray(m.start, m.end));
      let href = '';
      if (m.cited_paragraph && m.cited_paragraph !== p.id) href = paragraphHref(m.cited_paragraph);
      else if (m.cited_doc && m.cited_doc !== docId) href = documentHref(m.cited_doc);
      parts.push(href
        ? h('a', { class: `citation-link kind-${m.kind}`, href, title: m.title || m.doc_number || m.article || '', text })
        : h('span', { class: 'citation-link is-outside', title: m.kind === 'self' ? '本文件条文' : '库中没有此文件', text }));
      at = m.end;
    }
    parts.push(dec.decode(bytes.subarray(at)));
    fill(el, ...parts);
  }).catch(() => {
    // Without the citations the text stands as it is.
  });
  return el;
}

// renderDiffusion is the view at /diffusion/:id.
export async function renderDiffusion(ctx) {
  const id = ctx.params[0];
  ctx.setTitle('各地引用');
  fill(ctx.main, loading('正在统计各地引用…'));
  ctx.main.setAttribute('aria-busy', 'true');
  let d;
  try {
    d = await get(`/documents/${seg(id)}/diffusion`, null, ctx.signal);
  } catch (err) {
    if (isAbort(err)) return;
    ctx.main.removeAttribute('aria-busy');
    fill(ctx.main, h('h1', { tabindex: '-1', text: '各地引用' }), errorView(err, '无法统计各地引用'));
    return;
  }
  if (ctx.signal.aborted) return;
  ctx.main.removeAttribute('aria-busy');
  const doc = d.document;
  ctx.setTitle(`各地引用 - ${doc.title || doc.id}`);
  const chart = h('div', { class: 'diffusion-chart' });
  fill(ctx.main, h('article', { class: 'diffusion-page', 'aria-labelledby': 'diffusion-title' },
    h('p', { class: 'back-link' }, h('a', { href: documentHref(doc.id), text: `‹ ${doc.title || doc.id}` })),
    h('h1', { id: 'diffusion-title', tabindex: '-1', text: '各地引用' }),
    h('p', { class: 'diffusion-summary' },
      `${formatCount(d.total)} 份其他地区的文件引用了《${doc.title || doc.id}》`,
      d.total ? '（含其各版本）。表中数字为文件数，括号内为其文字与本文件重合的平均比例。' : '。'),
    d.total ? matrix(d) : null,
    d.total ? citerTable(d) : null,
    h('h2', { text: '引用本篇的段落 · 趋势与分布' }),
    chart,
    h('p', { class: 'citations-links' },
      h('a', { href: citesURL(doc.id), text: '检索引用本篇的全部段落' }),
      h('a', { href: edgesHref(doc.id), download: '', text: '下载引用关系 CSV' }))));
  // The existing trends chart, over the paragraphs citing the document.
  trendsPanel.render(chart, { q: '', filters: { cites: doc.id }, sort: '', page: 1 }, null, ctx);
}

// matrix is the map-like table: provinces down, years across, citing documents in the
// cells with their mean shared wording.
function matrix(d) {
  const cell = new Map(d.cells.map((c) => [`${c.region}\u0000${c.year}`, c]));
  const total = (region) => d.cells.filter((c) => c.region === region).reduce((n, c) => n + c.count, 0);
  const regions = [...d.regions].sort((a, b) => total(b) - total(a) || a.localeCompare(b, 'zh-CN'));
  return h('div', { class: 'table-scroll' }, h('table', { class: 'diffusion-matrix' },
    h('caption', { text: '按省份与年份的引用文件数' }),
    h('thead', null, h('tr', null, h('th', { scope: 'col', text: '省份' }),
      ...d.years.map((y) => h('th', { scope: 'col', text: y || '未注明' })),
      h('th', { scope: 'col', text: '合计' }))),
    h('tbody', null, regions.map((r) => h('tr', null,
      h('th', { scope: 'row', text: r || '未注明' }),
      ...d.years.map((y) => {
        const c = cell.get(`${r}\u0000${y}`);
        return h('td', { class: c ? 'has-count' : '', 'data-count': c ? String(c.count) : '0' },
          c ? `${c.count}（${formatPercent(c.coverage)}）` : '');
      }),
      h('td', { class: 'row-total', text: String(total(r)) }))))));
}

// citerTable lists every citing document with its shared wording, oldest first.
function citerTable(d) {
  return h('div', { class: 'table-scroll' }, h('table', { class: 'diffusion-citers' },
    h('caption', { text: '引用文件' }),
    h('thead', null, h('tr', null, ...['日期', '省份', '文件', '层级', '重合文字', ''].map((t) => h('th', { scope: 'col', text: t })))),
    h('tbody', null, d.citers.map((c) => h('tr', { 'data-id': c.id },
      h('td', { text: c.date || '' }),
      h('td', { text: c.province || '' }),
      h('td', null, h('a', { href: documentHref(c.id), text: c.title || c.id })),
      h('td', { text: c.level || '' }),
      h('td', { class: 'coverage', text: `${formatPercent(c.coverage)}` }),
      h('td', null, h('a', { href: compareHref(d.document.id, c.id), text: '比对' })))))));
}
