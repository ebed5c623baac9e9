// 相似条款 in the paragraph view: clauses of other documents that share this
// paragraph's wording (GET /api/v1/paragraphs/:id/similar), most similar first, each
// with both texts and their shared passages marked, side by side.
import { h, fill, loading } from './dom.js';
import { api, isAbort } from './api.js';
import { errorView, paragraphHref, compareHref } from './ui.js';
import { precedentItem } from './precedents.js';

const SIZE = 10;

// similarSection fills slot. source is the paragraph shown (policysearch.Paragraph).
export async function similarSection(slot, source, ctx) {
  const section = h('section', { class: 'similar', 'aria-labelledby': 'similar-title', 'aria-busy': 'true' },
    h('h2', { id: 'similar-title', text: '相似条款' }),
    h('p', { class: 'section-note', text: '其他文件中与本段措辞相近的条款，按相似度排列；两段共同的文字（连续 8 字以上）已标出。' }),
    loading('正在查找相似条款…'));
  fill(slot, section);
  let res;
  try {
    res = await api.similar(source.id, SIZE, ctx.signal);
  } catch (err) {
    if (isAbort(err)) return;
    section.removeAttribute('aria-busy');
    section.lastChild.replaceWith(errorView(err, '无法加载相似条款'));
    return;
  }
  if (ctx.signal.aborted) return;
  section.removeAttribute('aria-busy');
  const hits = (res && Array.isArray(res.hits)) ? res.hits : [];
  if (hits.length === 0) {
    section.lastChild.replaceWith(h('p', { class: 'muted', text: '其他文件中没有措辞相近的条款。' }));
    return;
  }
  const list = h('ol', { class: 'precedent-list' }, hits.map((p) => precedentItem(p, {
    sourceLabel: '本段',
    links: [
      h('a', { href: paragraphHref(p.id), text: '打开该条款' }),
      p.doc_id !== source.doc_id
        ? h('a', { href: compareHref(p.doc_id, source.doc_id), text: '比对两份文件' })
        : null,
    ],
  })));
  section.lastChild.replaceWith(list);
}
