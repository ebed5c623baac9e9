// 找先例 at /similar: paste a clause (a measure being drafted, say) and see the indexed
// clauses that share its wording (POST /api/v1/similar), each with both texts and the
// shared passages marked. A short text is kept in the URL (/similar?text=…&size=…), so
// the search can be reloaded, shared and walked with back and forward; a long one is
// kept in memory for the session.
import { h, fill, loading } from './dom.js';
import { api, isAbort } from './api.js';
import { errorView, formatCount, formatMs, paragraphHref } from './ui.js';
import { precedentItem } from './precedents.js';

export const MAX_CHARS = 5000; // the API's limit, in characters
const URL_CHARS = 600; // longer texts stay out of the URL
const SIZES = [10, 20, 50];

let last = { text: '', size: 10 };

const EXAMPLE = '鼓励职业院校与乡镇共建乡村人才培养基地';

function chars(s) {
  return Array.from(s).length;
}

export async function render(ctx) {
  ctx.setTitle('找先例');
  const fromURL = ctx.query.get('text');
  const size0 = Number(ctx.query.get('size')) || (fromURL === null ? last.size : 10);
  const text0 = fromURL !== null ? fromURL : last.text;

  const area = h('textarea', {
    id: 'similar-text',
    name: 'text',
    rows: '6',
    spellcheck: 'false',
    'aria-describedby': 'similar-count similar-help',
    placeholder: `例如：${EXAMPLE}`,
  });
  area.value = text0;
  const count = h('span', { id: 'similar-count', class: 'char-count', 'aria-live': 'off' });
  const updateCount = () => {
    const n = chars(area.value);
    count.textContent = `${formatCount(n)} / ${formatCount(MAX_CHARS)} 字`;
    count.classList.toggle('is-over', n > MAX_CHARS);
  };
  area.addEventListener('input', updateCount);
  updateCount();
  const sizes = [...new Set([...SIZES, size0])].filter((n) => n >= 1 && n <= 50).sort((a, b) => a - b);
  const size = h('select', { id: 'similar-size' },
    sizes.map((n) => h('option', { value: String(n), selected: n === size0, text: `最多 ${n} 条` })));
  const results = h('div', { id: 'similar-results', class: 'similar-results' });
  let running = null;

  async function run({ push }) {
    const text = area.value;
    const n = Number(size.value) || 10;
    last = { text, size: n };
    if (push) {
      const sp = new URLSearchParams();
      if (text.trim() && chars(text) <= URL_CHARS) sp.set('text', text);
      if (n !== 10) sp.set('size', String(n));
      const url = sp.toString() ? `/similar?${sp}` : '/similar';
      if (url !== location.pathname + location.search) history.pushState({ scrollY: 0 }, '', url);
    }
    if (running) running.abort();
    running = new AbortController();
    const signal = AbortSignal.any([ctx.signal, running.signal]);
    fill(results, loading('正在查找先例…'));
    results.setAttribute('aria-busy', 'true');
    let res;
    try {
      res = await api.similarText(text, n, signal);
    } catch (err) {
      if (isAbort(err)) return;
      results.removeAttribute('aria-busy');
      fill(results, errorView(err, '无法查找先例'));
      return;
    }
    if (signal.aborted) return;
    results.removeAttribute('aria-busy');
    const hits = res.hits || [];
    const heading = h('h2', {
      id: 'similar-results-title',
      tabindex: '-1',
      'data-total': String(hits.length),
      text: hits.length ? `找到 ${formatCount(hits.length)} 条措辞相近的条款` : '没有找到措辞相近的条款',
    }, h('span', { class: 'took', text: `（用时 ${formatMs(res.took_ms)}）` }));
    fill(results, heading, hits.length
      ? h('ol', { class: 'precedent-list' }, hits.map((p) => precedentItem(p, {
        sourceLabel: '你的条款',
        links: [h('a', { href: paragraphHref(p.id), text: '打开该条款' })],
      })))
      : h('p', { class: 'muted', text: '已收录的文件中没有与之共用一段文字（连续 8 字以上）的条款。' }));
    if (push) heading.focus({ preventScroll: true });
  }

  const form = h('form', {
    class: 'paste-form',
    on: {
      submit: (e) => {
        e.preventDefault();
        run({ push: true });
      },
    },
  },
  h('label', { for: 'similar-text', class: 'paste-label', text: '条款文字' }),
  area,
  h('p', { id: 'similar-help', class: 'field-help', text: `一条措施或一段条款即可，最多 ${formatCount(MAX_CHARS)} 字；至少须有连续 8 个字与已收录的条款相同，才算先例。` }),
  h('div', { class: 'paste-actions' },
    count,
    h('label', { for: 'similar-size', class: 'visually-hidden', text: '结果条数' }),
    size,
    h('button', { type: 'submit', class: 'primary-button', text: '查找先例' })));

  fill(ctx.main, h('section', { class: 'paste-page', 'aria-labelledby': 'paste-title' },
    h('h1', { id: 'paste-title', tabindex: '-1', text: '找先例' }),
    h('p', { class: 'lead', text: '粘贴一段条款，查找已收录文件中措辞相近的条款：别处是怎么写的，共同的文字已标出。' }),
    form,
    results));

  if (text0.trim()) await run({ push: false });
}
