// 条款溯源 in the paragraph view: where a clause's wording came from
// (GET /api/v1/paragraphs/:id/lineage). The chain, oldest first, is drawn as a
// vertical timeline ending with this paragraph: each step has its date, issuer level,
// document and clause, and how similar it is to the next step; its shared passages
// are behind a disclosure, so the timeline stays short.
import { h, fill, loading, marked } from './dom.js';
import { api, isAbort } from './api.js';
import {
  errorView, paragraphHref, measureLabel, excerpt, levelTag, formatPercent, formatCount,
} from './ui.js';

export async function lineageSection(slot, source, ctx) {
  const section = h('section', { class: 'lineage', 'aria-labelledby': 'lineage-title', 'aria-busy': 'true' },
    h('h2', { id: 'lineage-title', text: '条款溯源' }),
    h('p', { class: 'section-note', text: '本段措辞的来历：逐步向前，找更早文件中与之措辞最相近的条款，从最早的一步排到本段。' }),
    loading('正在溯源…'));
  fill(slot, section);
  let res;
  try {
    res = await api.lineage(source.id, ctx.signal);
  } catch (err) {
    if (isAbort(err)) return;
    section.removeAttribute('aria-busy');
    section.lastChild.replaceWith(errorView(err, '无法溯源'));
    return;
  }
  if (ctx.signal.aborted) return;
  section.removeAttribute('aria-busy');
  const chain = (res && Array.isArray(res.chain)) ? res.chain : [];
  if (chain.length === 0) {
    section.lastChild.replaceWith(h('p', { class: 'muted', text: '没有找到更早文件中措辞相近的条款：本段的措辞看来是首创，或其来源未被收录。' }));
    return;
  }
  const self = res.paragraph || source;
  const steps = [...chain, self];
  const ol = h('ol', { class: 'timeline' });
  steps.forEach((s, i) => {
    const isSelf = i === steps.length - 1;
    const measure = measureLabel(s.measure_no, s.measure_title) || excerpt(s.text, 30);
    const next = !isSelf ? steps[i + 1] : null;
    ol.append(h('li', {
      class: `timeline-step${isSelf ? ' is-self' : ''}`,
      'data-id': s.id,
      'aria-current': isSelf ? 'step' : null,
    },
    h('span', { class: 'timeline-dot', 'aria-hidden': 'true' }),
    h('div', { class: 'timeline-card' },
      h('p', { class: 'timeline-meta' },
        s.date ? h('time', { datetime: s.date, text: s.date }) : h('span', { text: '日期不详' }),
        levelTag(s.level),
        s.region && s.region !== '全国' ? h('span', { class: 'timeline-region', text: s.region }) : null,
        isSelf ? h('span', { class: 'timeline-self', text: '本段' }) : null),
      h('p', { class: 'timeline-title' }, isSelf
        ? h('span', { text: s.doc_title || s.doc_id })
        : h('a', { href: paragraphHref(s.id), text: s.doc_title || s.doc_id })),
      h('p', { class: 'timeline-clause', text: measure }),
      !isSelf && s.marked ? h('details', { class: 'timeline-text' },
        h('summary', { text: '原文及共同文字' }),
        h('p', { class: 'marked-text' }, marked(s.marked))) : null),
    next ? h('p', { class: 'timeline-link' },
      h('span', { class: 'timeline-arrow', 'aria-hidden': 'true', text: '↓' }),
      h('span', null,
        `与下一步${next === self ? '（本段）' : ''}相似度 `,
        h('strong', { text: formatPercent(s.similarity) }),
        s.shared_chars ? `，共同文字 ${formatCount(s.shared_chars)} 字` : '')) : null));
  });
  section.lastChild.replaceWith(ol);
}
