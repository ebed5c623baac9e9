// The paragraph view at /p/:id: one paragraph in its document's context (metadata,
// section path, the paragraphs before and after it, the document's outline with this
// paragraph marked), where its wording came from (lineage.js) and its similar clauses in
// other documents (similar.js).
import { linkedText } from './citations.js';
import { h, loading, fill } from './dom.js';
import { api, isAbort } from './api.js';
import {
  kindLabel, measureLabel, metaList, unitChips, errorView, sectionPath, excerpt, statusBadge,
  paragraphHref, documentHref,
} from './ui.js';
import { outlineTree, scrollToCurrent } from './outline.js';
import { similarSection } from './similar.js';
import { lineageSection } from './lineage.js';

export async function render(ctx) {
  const id = ctx.params[0];
  ctx.setTitle('段落');
  fill(ctx.main, loading('正在加载段落…'));
  ctx.main.setAttribute('aria-busy', 'true');
  let view;
  try {
    view = await api.paragraph(id, ctx.signal);
  } catch (err) {
    if (isAbort(err)) return;
    ctx.main.removeAttribute('aria-busy');
    fill(ctx.main, h('h1', { tabindex: '-1', text: '段落' }), errorView(err, '无法打开段落'), backLink(ctx));
    return;
  }
  if (ctx.signal.aborted) return;
  ctx.main.removeAttribute('aria-busy');

  const p = view.paragraph;
  const doc = view.document;
  const measure = measureLabel(p.measure_no, p.measure_title);
  ctx.setTitle(`${measure || excerpt(p.text, 20)} - ${doc.title}`);

  const outlineBox = h('div', { class: 'outline-box' }, loading('正在加载大纲…'));
  const lineageBox = h('div', { class: 'lineage-slot' });
  const similarBox = h('div', { class: 'similar-slot' });

  fill(ctx.main, h('div', { class: 'paragraph-layout' },
    h('article', { class: 'paragraph-main', 'aria-labelledby': 'doc-title' },
      backLink(ctx),
      h('header', { class: 'doc-header' },
        h('p', { class: 'eyebrow' }, h('span', { class: 'doc-type', text: doc.doc_type || '文件' })),
        h('h1', { id: 'doc-title', tabindex: '-1' }, h('a', { href: documentHref(doc.id), text: doc.title || doc.id })),
        metaList(doc, { compact: true }),
        doc.current_id ? h('p', { class: 'hit-status' }, statusBadge(doc.status, doc.current_id)) : null),
      h('section', { class: 'paragraph-context', 'aria-label': '段落及上下文' },
        view.prev ? neighbour(view.prev, 'prev') : null,
        h('div', { class: 'paragraph-focus', id: 'paragraph', 'data-id': p.id },
          sectionPath(p.section_path),
          h('h2', { class: 'paragraph-title' },
            h('span', { class: `kind-tag kind-${p.kind}`, text: kindLabel(p.kind) }), ' ',
            measure || (p.section_path && p.section_path.length ? p.section_path[p.section_path.length - 1] : '段落')),
          linkedText(p, doc.id, ctx),
          unitChips(p.responsible_units, (u) => `/?unit=${encodeURIComponent(u)}`)),
        view.next ? neighbour(view.next, 'next') : null),
      pager(view),
      lineageBox,
      similarBox),
    h('aside', { class: 'paragraph-outline', 'aria-labelledby': 'outline-title' },
      h('h2', { id: 'outline-title', class: 'outline-title', text: '文件大纲' }),
      outlineBox)));

  lineageSection(lineageBox, p, ctx);
  similarSection(similarBox, p, ctx);

  try {
    const dv = await api.document(doc.id, ctx.signal);
    if (ctx.signal.aborted) return;
    fill(outlineBox, outlineTree(dv.outline, p.id));
    scrollToCurrent(outlineBox);
  } catch (err) {
    if (isAbort(err)) return;
    fill(outlineBox, errorView(err, '无法加载大纲'));
  }
}

// neighbour shows the paragraph before or after, dimmed, as context.
function neighbour(n, rel) {
  const label = measureLabel(n.measure_no, n.measure_title) || kindLabel(n.kind);
  return h('div', { class: `neighbour neighbour-${rel}` },
    h('p', { class: 'neighbour-label' },
      h('span', { class: 'neighbour-dir', text: rel === 'prev' ? '上一段' : '下一段' }),
      h('a', { href: paragraphHref(n.id), text: label })),
    h('p', { class: 'neighbour-text', text: excerpt(n.text, 120) }));
}

// pager links the previous and next paragraphs, also reachable with the keyboard.
function pager(view) {
  if (!view.prev && !view.next) return null;
  const item = (n, rel, text) => h('a', {
    class: `pager-link pager-${rel}`,
    href: paragraphHref(n.id),
    rel,
  },
  h('span', { class: 'pager-dir', text }),
  h('span', { class: 'pager-label', text: measureLabel(n.measure_no, n.measure_title) || excerpt(n.text, 24) }));
  return h('nav', { class: 'pager', 'aria-label': '上一段与下一段' },
    view.prev ? item(view.prev, 'prev', '‹ 上一段') : h('span', { class: 'pager-link pager-none', text: '已是第一段' }),
    view.next ? item(view.next, 'next', '下一段 ›') : h('span', { class: 'pager-link pager-none', text: '已是最后一段' }));
}

function backLink(ctx) {
  const last = ctx.lastSearch();
  if (!last) return null;
  return h('p', { class: 'back-link' }, h('a', { href: last, text: '‹ 返回检索结果' }));
}
