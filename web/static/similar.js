// 相似条款 — PLACEHOLDER for the issue "Precedent clauses".
//
// GET /api/v1/paragraphs/:id/similar is being added by another engineer. Until it exists
// the call answers 404 and this section shows nothing at all. The expected answer is
// policysearch.SimilarResult: {source, hits: [Precedent], took_ms}, where a Precedent
// is a Hit plus similarity, containment, shared_chars, marked (this paragraph's text
// with the shared wording in <mark>) and source_marked. The rendering below follows that
// shape; adjust it here when the route lands, and add the compare view as its own route
// in app.js.
import { h, marked, fill } from './dom.js';
import { api, isAbort } from './api.js';
import { join, measureLabel, sectionPath, paragraphHref, errorView } from './ui.js';

export async function similarSection(slot, id, ctx) {
  let res;
  try {
    res = await api.similar(id, ctx.signal);
  } catch (err) {
    if (isAbort(err)) return;
    // 404 (route not there yet) and 405 show nothing; other failures say so quietly.
    if (err.status === 404 || err.status === 405) return;
    fill(slot, h('section', { class: 'similar', 'aria-labelledby': 'similar-title' },
      h('h2', { id: 'similar-title', text: '相似条款' }), errorView(err, '无法加载相似条款')));
    return;
  }
  if (ctx.signal.aborted) return;
  const hits = (res && Array.isArray(res.hits)) ? res.hits : [];
  const section = h('section', { class: 'similar', 'aria-labelledby': 'similar-title' },
    h('h2', { id: 'similar-title', text: '相似条款' }),
    h('p', { class: 'section-note', text: '其他文件中与本段措辞相近的条款，共同的文字已标出。' }));
  if (hits.length === 0) {
    section.append(h('p', { class: 'muted', text: '其他文件中没有措辞相近的条款。' }));
  } else {
    const ol = h('ol', { class: 'similar-list' });
    for (const s of hits) {
      const pct = typeof s.similarity === 'number' ? `${Math.round(s.similarity * 100)}%` : '';
      ol.append(h('li', { class: 'similar-item' },
        h('p', { class: 'similar-head' },
          h('a', { href: paragraphHref(s.id), text: s.doc_title || s.doc_id }),
          pct ? h('span', { class: 'similar-score', title: '相似度', text: `相似度 ${pct}` }) : null),
        h('p', { class: 'hit-meta', text: [join(s.issuers), s.date, s.region].filter(Boolean).join(' · ') }),
        sectionPath(s.section_path, measureLabel(s.measure_no, s.measure_title) || null),
        h('p', { class: 'similar-text' }, s.marked || s.highlight ? marked(s.marked || s.highlight) : (s.text || ''))));
    }
    section.append(ol);
  }
  fill(slot, section);
}
