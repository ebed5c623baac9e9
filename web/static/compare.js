// The comparison of two documents at /compare/:a/:b: what document B takes from
// document A (GET /api/v1/documents/:a/compare/:b). The coverage (the share of B's
// text inside passages it shares with A) comes first, then every paragraph of B that
// shares wording with A beside its closest paragraph in A, the shared passages marked.
// comparePicker is the "与…比对" control of the documents list and a document's page.
import { h, fill, loading } from './dom.js';
import { api, isAbort } from './api.js';
import {
  errorView, documentHref, paragraphHref, compareHref, measureLabel, excerpt, join, kindLabel,
  levelTag, formatPercent, formatCount, formatMs,
} from './ui.js';
import { sideBySide, similarityBadge } from './precedents.js';

// Pair order, kept from one comparison to the next.
let order = 'b';

export async function render(ctx) {
  const [a, b] = ctx.params;
  ctx.setTitle('文件比对');
  fill(ctx.main, loading('正在比对…'));
  ctx.main.setAttribute('aria-busy', 'true');
  let res;
  try {
    res = await api.compare(a, b, ctx.signal);
  } catch (err) {
    if (isAbort(err)) return;
    ctx.main.removeAttribute('aria-busy');
    fill(ctx.main, h('h1', { tabindex: '-1', text: '文件比对' }), errorView(err, '无法比对'),
      h('p', null, h('a', { href: '/documents', text: '‹ 全部文件' })));
    return;
  }
  if (ctx.signal.aborted) return;
  ctx.main.removeAttribute('aria-busy');
  const A = res.a;
  const B = res.b;
  const ta = A.title || A.id;
  const tb = B.title || B.id;
  ctx.setTitle(`比对：${excerpt(tb, 16)} ← ${excerpt(ta, 16)}`);
  const pairs = res.pairs || [];

  const list = h('ol', { class: 'compare-pairs', 'aria-label': '相同文字的段落' });
  const draw = () => {
    const sorted = order === 'similarity'
      ? [...pairs].sort((x, y) => y.similarity - x.similarity)
      : pairs;
    fill(list, ...sorted.map((p) => pairItem(p)));
  };
  const sort = h('select', {
    id: 'compare-sort',
    on: { change: () => { order = sort.value; draw(); } },
  },
  h('option', { value: 'b', text: '按 B 的段落顺序', selected: order !== 'similarity' }),
  h('option', { value: 'similarity', text: '按相似度（高→低）', selected: order === 'similarity' }));
  draw();

  fill(ctx.main, h('article', { class: 'compare-page', 'aria-labelledby': 'compare-title' },
    h('p', { class: 'back-link' }, h('a', { href: '/documents', text: '‹ 全部文件' })),
    h('h1', { id: 'compare-title', tabindex: '-1', text: '文件比对' }),
    h('section', { class: 'coverage', 'aria-labelledby': 'coverage-title' },
      h('h2', { id: 'coverage-title', class: 'visually-hidden', text: '文字重合度' }),
      h('p', { class: 'coverage-sentence', id: 'coverage-sentence' },
        h('span', { class: 'side-tag side-tag-b', text: 'B' }), ' ', h('cite', { text: tb }), ' 有 ',
        h('strong', { class: 'coverage-value', 'data-coverage': String(res.coverage), text: formatPercent(res.coverage) }),
        ' 的文字来自 ', h('span', { class: 'side-tag side-tag-a', text: 'A' }), ' ', h('cite', { text: ta })),
      h('meter', {
        class: 'coverage-meter', min: '0', max: '1', value: String(res.coverage || 0),
        'aria-labelledby': 'coverage-sentence',
      }),
      h('p', { class: 'coverage-detail' },
        `B 的 ${formatCount(res.total_chars)} 字（只计汉字、字母与数字）中，${formatCount(res.covered_chars)} 字落在与 A 相同的段落文字里；`,
        `B 有 ${formatCount(pairs.length)} 段与 A 有相同文字。`,
        h('span', { class: 'took', text: `（用时 ${formatMs(res.took_ms)}）` }))),
    h('div', { class: 'compare-docs' },
      docCard(A, 'A', '来源'),
      h('a', {
        class: 'compare-swap',
        href: compareHref(B.id, A.id),
        title: '交换 A 与 B：看 A 从 B 借用了多少',
        'aria-label': '交换 A 与 B',
      }, h('span', { 'aria-hidden': 'true', text: '⇄' }), h('span', { class: 'compare-swap-text', text: '交换' })),
      docCard(B, 'B', '比对对象')),
    pairs.length
      ? h('section', { class: 'compare-section', 'aria-labelledby': 'pairs-title' },
        h('div', { class: 'outline-head' },
          h('h2', { id: 'pairs-title', text: `相同文字的段落（${formatCount(pairs.length)}）` }),
          h('div', { class: 'results-tools' }, h('label', { for: 'compare-sort', class: 'sort-label', text: '排序' }), sort)),
        h('div', { class: 'compare-columns', 'aria-hidden': 'true' },
          h('span', null, h('span', { class: 'side-tag side-tag-a', text: 'A' }), ta),
          h('span', null, h('span', { class: 'side-tag side-tag-b', text: 'B' }), tb)),
        list)
      : h('p', { class: 'notice notice-info', text: 'B 中没有与 A 措辞相同的段落。' })));
}

function docCard(d, tag, role) {
  return h('div', { class: `compare-doc compare-doc-${tag.toLowerCase()}` },
    h('p', { class: 'compare-doc-role' }, h('span', { class: `side-tag side-tag-${tag.toLowerCase()}`, text: tag }), role),
    h('h2', { class: 'compare-doc-title' }, h('a', { href: documentHref(d.id), text: d.title || d.id })),
    h('p', { class: 'hit-meta' }, levelTag(d.level), ' ',
      [join(d.issuers), d.date, d.doc_number].filter(Boolean).join(' · ')));
}

function pairItem(p) {
  // A measure is named by its number and title; another paragraph by its heading.
  const label = (x) => measureLabel(x.measure_no, x.measure_title)
    || (x.section_path && x.section_path.length ? x.section_path[x.section_path.length - 1] : kindLabel(x.kind));
  return h('li', { class: 'compare-pair', 'data-a': p.a.id, 'data-b': p.b.id },
    h('p', { class: 'pair-head' },
      similarityBadge(p.similarity),
      p.shared_chars ? h('span', { class: 'pair-shared', text: `共同文字 ${formatCount(p.shared_chars)} 字` }) : null),
    sideBySide(
      { label: 'A', title: label(p.a), href: paragraphHref(p.a.id), marked: p.marked_a },
      { label: 'B', title: label(p.b), href: paragraphHref(p.b.id), marked: p.marked_b }));
}

// pairOrder puts the earlier document first: the comparison shows what the later one
// takes from it. Without both dates the other document is A ("what this one takes").
function pairOrder(doc, other) {
  if (doc.date && other.date && doc.date < other.date) return [doc.id, other.id];
  return [other.id, doc.id];
}

// comparePicker is a form to compare doc with another of docs (DocumentSummary). idKey
// makes its element ids unique on a page with several; hideLabel leaves the label to
// screen readers where the form's surroundings already say it.
export function comparePicker(doc, docs, ctx, idKey, hideLabel) {
  const others = docs.filter((d) => d.id !== doc.id)
    .sort((x, y) => (y.date || '').localeCompare(x.date || '') || (x.title || '').localeCompare(y.title || '', 'zh-CN'));
  if (others.length === 0) return null;
  const id = `compare-with-${idKey || 'doc'}`;
  const select = h('select', { id, class: 'compare-select', 'data-doc': doc.id },
    h('option', { value: '', text: '选择文件…' }),
    others.map((d) => h('option', { value: d.id, text: d.date ? `${d.title || d.id}（${d.date}）` : (d.title || d.id) })));
  const status = h('span', { class: 'compare-hint', role: 'status' });
  return h('form', {
    class: 'compare-picker',
    on: {
      submit: (e) => {
        e.preventDefault();
        const other = others.find((d) => d.id === select.value);
        if (!other) {
          status.textContent = '请先选择一份文件。';
          select.focus();
          return;
        }
        const [a, b] = pairOrder(doc, other);
        ctx.navigate(compareHref(a, b));
      },
    },
  },
  h('label', { for: id, class: hideLabel ? 'visually-hidden' : null, text: '与…比对' }),
  h('span', { class: 'compare-picker-row' }, select, h('button', { type: 'submit', class: 'small-button', text: '比对' })),
  status);
}
