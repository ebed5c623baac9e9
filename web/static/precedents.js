// Pieces shared by the precedent views ("Precedent clauses"): two texts side by side
// with their shared passages marked, and one precedent clause with its document.
// Both texts come from the server as HTML-escaped text with <mark>, so they go through
// marked(), never into innerHTML.
import { h, marked } from './dom.js';
import { join, measureLabel, sectionPath, paragraphHref, formatPercent, levelTag, formatCount } from './ui.js';

// sideBySide shows two texts next to each other on a wide screen and one above the
// other on a phone. Each side is {label, title, href, marked}: label names the side
// (先例, 本段 …), title and href its paragraph.
export function sideBySide(left, right) {
  const side = (s, cls) => h('div', { class: `side ${cls}` },
    h('p', { class: 'side-label' },
      h('span', { class: 'side-tag', text: s.label }),
      s.title ? (s.href ? h('a', { href: s.href, text: s.title }) : h('span', { text: s.title })) : null),
    h('p', { class: 'marked-text' }, marked(s.marked || '')));
  return h('div', { class: 'side-by-side' }, side(left, 'side-a'), side(right, 'side-b'));
}

// similarityBadge is "相似度 34%", with the shared length in its tooltip.
export function similarityBadge(similarity, shared) {
  if (typeof similarity !== 'number') return null;
  return h('span', {
    class: 'similarity',
    title: shared ? `共同文字 ${formatCount(shared)} 字` : null,
  }, h('span', { class: 'similarity-label', text: '相似度 ' }), h('strong', { text: formatPercent(similarity) }));
}

// precedentItem is one precedent clause: its document, how similar it is, and both
// texts marked. sourceLabel names the other text (本段, 你的条款); links are extra
// links under the texts.
export function precedentItem(p, { sourceLabel, links } = {}) {
  const measure = measureLabel(p.measure_no, p.measure_title);
  // National documents have region 全国, which their level already says.
  const meta = [join(p.issuers), p.date, p.region !== '全国' ? p.region : '', p.doc_number].filter(Boolean);
  return h('li', { class: 'precedent', 'data-id': p.id, 'data-doc': p.doc_id },
    h('div', { class: 'precedent-head' },
      h('h3', { class: 'precedent-title' }, h('a', { href: paragraphHref(p.id), text: p.doc_title || p.doc_id })),
      similarityBadge(p.similarity, p.shared_chars)),
    h('p', { class: 'hit-meta' },
      levelTag(p.level),
      meta.map((m, i) => [
        i > 0 || p.level ? h('span', { class: 'dot', 'aria-hidden': 'true', text: ' · ' }) : null,
        h('span', { class: i ? 'meta-item' : 'meta-issuers', text: m }),
      ])),
    sectionPath(p.section_path, measure ? h('strong', { class: 'measure', text: measure }) : null),
    sideBySide({ label: '先例', marked: p.marked }, { label: sourceLabel || '本段', marked: p.source_marked }),
    links && links.length ? h('p', { class: 'hit-links' }, links) : null);
}
