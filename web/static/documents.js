// The documents list at /documents and one document's outline at /d/:id. Both offer
// "与…比对", a comparison with another document (compare.js).
import { h, loading, fill } from './dom.js';
import { api, isAbort } from './api.js';
import { metaList, errorView, documentHref, paragraphHref, formatCount, join, statusBadge } from './ui.js';
import { outlineTree, setAllOpen } from './outline.js';
import { searchURL } from './state.js';
import { comparePicker } from './compare.js';
import { citationsSection } from './citations.js';

const SORTS = {
  date: (a, b) => (b.date || '').localeCompare(a.date || '') || a.title.localeCompare(b.title, 'zh-CN'),
  title: (a, b) => a.title.localeCompare(b.title, 'zh-CN'),
  measures: (a, b) => (b.measure_count || 0) - (a.measure_count || 0),
};

export async function renderList(ctx) {
  ctx.setTitle('全部文件');
  const heading = h('h1', { tabindex: '-1', text: '全部文件' });
  const body = h('div', { class: 'documents-body' }, loading('正在加载文件列表…'));
  fill(ctx.main, h('section', { class: 'documents-page' }, heading, body));
  ctx.main.setAttribute('aria-busy', 'true');
  let res;
  try {
    res = await api.documents(ctx.signal);
  } catch (err) {
    if (isAbort(err)) return;
    ctx.main.removeAttribute('aria-busy');
    fill(body, errorView(err, '无法加载文件列表'));
    return;
  }
  if (ctx.signal.aborted) return;
  ctx.main.removeAttribute('aria-busy');
  const docs = (res.documents || []).map((d) => ({ ...d, title: d.title || d.id }));
  heading.textContent = `全部文件（${formatCount(docs.length)}）`;
  if (docs.length === 0) {
    fill(body, h('p', { class: 'notice notice-info', text: '索引中还没有文件。' }));
    return;
  }

  const list = h('ul', { class: 'doc-list' });
  const count = h('p', { class: 'doc-count', role: 'status' });
  const filter = h('input', {
    id: 'doc-filter', type: 'search', autocomplete: 'off',
    placeholder: '标题、发文机关、地区或文号',
  });
  const sort = h('select', { id: 'doc-sort' },
    h('option', { value: 'date', text: '日期（新→旧）' }),
    h('option', { value: 'title', text: '标题' }),
    h('option', { value: 'measures', text: '措施条数' }));

  const draw = () => {
    const words = filter.value.trim().split(/\s+/).filter(Boolean);
    const shown = docs
      .filter((d) => {
        const hay = [d.title, join(d.issuers), d.region, d.doc_number, d.doc_type, d.level, d.date].join(' ');
        return words.every((w) => hay.includes(w));
      })
      .sort(SORTS[sort.value] || SORTS.date);
    fill(list, ...shown.map((d) => docCard(d, docs, ctx)));
    count.textContent = words.length ? `显示 ${shown.length} / ${docs.length} 份` : '';
  };
  filter.addEventListener('input', draw);
  sort.addEventListener('change', draw);
  draw();

  fill(body,
    h('p', { class: 'documents-tools-note' },
      '起草条款时想知道别处怎么写？', h('a', { href: '/similar', text: '粘贴条款找先例 →' })),
    h('div', { class: 'list-tools' },
      h('div', { class: 'field' }, h('label', { for: 'doc-filter', text: '筛选文件' }), filter),
      h('div', { class: 'field' }, h('label', { for: 'doc-sort', text: '排序' }), sort)),
    count,
    list);
}

function docCard(d, docs, ctx) {
  // The comparison form is built when first opened: a long list holds many cards.
  const compare = docs.length > 1 ? h('details', {
    class: 'compare-details',
    on: {
      toggle: (e) => {
        const det = e.currentTarget;
        if (det.open && !det.querySelector('form')) {
          det.append(comparePicker(d, docs, ctx, d.id, true));
          det.querySelector('select').focus();
        }
      },
    },
  }, h('summary', { text: '与…比对' })) : null;
  return h('li', { class: 'doc-card', 'data-id': d.id },
    h('h2', { class: 'doc-card-title' }, h('a', { href: documentHref(d.id), text: d.title })),
    metaList(d, { counts: true }),
    h('p', { class: 'doc-card-links' },
      h('a', { href: documentHref(d.id), text: '文件大纲' }),
      h('a', { href: searchURL({ q: '', filters: { doc: d.id }, sort: 'document', page: 1 }), text: '本文件全部段落' })),
    compare);
}

export async function renderDocument(ctx) {
  const id = ctx.params[0];
  ctx.setTitle('文件');
  fill(ctx.main, loading('正在加载文件…'));
  ctx.main.setAttribute('aria-busy', 'true');
  let doc;
  try {
    doc = await api.document(id, ctx.signal);
  } catch (err) {
    if (isAbort(err)) return;
    ctx.main.removeAttribute('aria-busy');
    fill(ctx.main, h('h1', { tabindex: '-1', text: '文件' }), errorView(err, '无法打开文件'),
      h('p', null, h('a', { href: '/documents', text: '‹ 全部文件' })));
    return;
  }
  if (ctx.signal.aborted) return;
  ctx.main.removeAttribute('aria-busy');
  ctx.setTitle(doc.title || doc.id);

  const tree = outlineTree(doc.outline, null);
  const within = h('input', { id: 'doc-q', type: 'search', name: 'q', autocomplete: 'off', placeholder: '在本文件中检索' });
  const form = h('form', {
    class: 'inline-search',
    role: 'search',
    'aria-label': '在本文件中检索',
    on: {
      submit: (e) => {
        e.preventDefault();
        ctx.navigate(searchURL({ q: within.value.trim(), filters: { doc: doc.id }, sort: 'document', page: 1 }));
      },
    },
  },
  h('label', { for: 'doc-q', class: 'visually-hidden', text: '在本文件中检索' }),
  within,
  h('button', { type: 'submit', text: '检索' }));

  const compareSlot = h('div', { class: 'compare-slot' });

  fill(ctx.main, h('article', { class: 'document-page', 'aria-labelledby': 'doc-title' },
    h('p', { class: 'back-link' }, h('a', { href: '/documents', text: '‹ 全部文件' })),
    h('header', { class: 'doc-header' },
      h('p', { class: 'eyebrow' }, h('span', { class: 'doc-type', text: doc.doc_type || '文件' })),
      h('h1', { id: 'doc-title', tabindex: '-1', text: doc.title || doc.id }),
      statusBadge(doc.status, doc.current_id),
      metaList(doc, { counts: true, articles: hasArticles(doc.outline) })),
    oldVersionNotice(doc),
    h('div', { class: 'document-tools' }, form, articleJump(doc, ctx), compareSlot),
    history(doc),
    citationsSection(doc, ctx),
    h('section', { class: 'outline-section', 'aria-labelledby': 'outline-title' },
      h('div', { class: 'outline-head' },
        h('h2', { id: 'outline-title', text: '大纲' }),
        h('div', { class: 'outline-tools' },
          h('button', { type: 'button', class: 'small-button', text: '全部展开', on: { click: () => setAllOpen(tree, true) } }),
          h('button', { type: 'button', class: 'small-button', text: '全部折叠', on: { click: () => setAllOpen(tree, false) } }))),
      tree)));

  // The list of documents, for the comparison, comes after the outline is shown.
  try {
    const list = await api.documents(ctx.signal);
    if (ctx.signal.aborted) return;
    fill(compareSlot, comparePicker(doc, list.documents || [], ctx, 'doc'));
  } catch (err) {
    if (isAbort(err)) return;
    // Without the list there is nothing to pick from; the outline still works.
  }
}

// oldVersionNotice tells a reader of an older or repealed text where the law in force is.
function oldVersionNotice(doc) {
  if (!doc.current_id || doc.status === '现行有效') return null;
  const what = doc.status === '已废止' ? '本文件已废止。' : '本文件是旧版本，已被修改。';
  return h('p', { class: 'notice notice-info version-notice', role: 'note' },
    what, h('a', { href: documentHref(doc.current_id), text: '查看现行版本 →' }));
}

const RELATIONS = {
  amendment: '修正案',
  amends: '所修正的法律',
  repeals: '本文件废止',
  repealed_by: '废止本文件的文件',
};

// history lists the law's versions (修订沿革), oldest first, and its related texts.
function history(doc) {
  const versions = doc.versions || [];
  const related = doc.related || [];
  if (versions.length === 0 && related.length === 0) return null;
  const item = (v) => h('li', { class: `version${v.self ? ' is-self' : ''}`, 'data-id': v.id },
    v.self
      ? h('strong', { class: 'version-title', 'aria-current': 'page', text: v.title })
      : h('a', { class: 'version-title', href: documentHref(v.id), text: v.title }),
    ' ', h('span', { class: 'version-dates', text: [v.date, v.effective && `${v.effective} 施行`].filter(Boolean).join(' · ') }),
    ' ', statusBadge(v.status, null),
    v.relation !== 'version' ? h('span', { class: 'version-relation', text: RELATIONS[v.relation] || v.relation }) : null);
  return h('section', { class: 'history-section', 'aria-labelledby': 'history-title' },
    h('h2', { id: 'history-title', text: '修订沿革' }),
    versions.length ? h('ol', { class: 'versions' }, versions.map(item)) : null,
    related.length ? h('ul', { class: 'versions related' }, related.map(item)) : null);
}

// articleJump goes to an article by its number (1077, 第一千零七十七条, 291之二), for a
// document that has articles.
function articleJump(doc, ctx) {
  if (!hasArticles(doc.outline)) return null;
  const input = h('input', { id: 'article-no', type: 'search', autocomplete: 'off', inputmode: 'text', placeholder: '如 1077 或 第一千零七十七条' });
  const status = h('span', { class: 'article-jump-status', role: 'status' });
  return h('form', {
    class: 'inline-search article-jump',
    'aria-label': '跳到条文',
    on: {
      submit: async (e) => {
        e.preventDefault();
        const no = input.value.trim();
        if (!no) return;
        status.textContent = '';
        try {
          const view = await api.article(doc.id, no, ctx.signal);
          ctx.navigate(paragraphHref(view.paragraph.id));
        } catch (err) {
          if (isAbort(err)) return;
          status.textContent = err.code === 'not_found' ? `没有第 ${no} 条` : err.message;
        }
      },
    },
  },
  h('label', { for: 'article-no', text: '跳到条文' }),
  input,
  h('button', { type: 'submit', text: '跳转' }),
  status);
}

function hasArticles(node) {
  if (!node) return false;
  if ((node.paragraphs || []).some((p) => p.kind === 'article')) return true;
  return (node.children || []).some(hasArticles);
}
