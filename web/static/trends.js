// The trends panel above the search results ("Researcher analytics"): the current
// query's hits counted per year, region, province, level, type or issuer
// (GET /api/v1/stats), drawn as an SVG bar chart built element by element. Bars are
// paragraphs and, when the query has quoted phrases, each phrase's occurrences; a bar
// (or a row of the data table under the chart) filters the results to its value.
//
// The chart is one tab stop: the arrow keys move between bars (Home and End to the
// ends), Enter follows one. Every bar carries its numbers in aria-label, and the same
// numbers are in a table, with links, under the chart.
import { h, svg, fill, loading } from './dom.js';
import { api, isAbort, query } from './api.js';
import { formatCount, errorView } from './ui.js';
import { queryParams, withChanges, searchURL, facetActive, facetFilter } from './state.js';

export const DIMENSIONS = [
  { by: 'year', label: '年份', facet: 'year' },
  { by: 'region', label: '地区', facet: 'region' },
  // A province is a region filter too: region filters include every city under them.
  { by: 'province', label: '省份', facet: 'region' },
  { by: 'level', label: '层级', facet: 'level' },
  { by: 'type', label: '文种', facet: 'type' },
  { by: 'issuer', label: '发文机关', facet: 'issuer' },
];

const PHONE = '(max-width: 760px)';
const TOP = 10; // categories shown before "显示全部"
const MAX_PHRASE_SERIES = 3; // more phrases than this are drawn as one summed series

// Kept from one search to the next: the dimension, whether the panel is open (closed
// by default on a phone, so the results come first) and whether every category shows.
let dimension = 'year';
let open = null;
let showAll = false;

// Answers of /stats for recent searches, so back and forward redraw at once; kept as
// long as search.js keeps the results.
const cache = new Map();
const CACHE_SIZE = 40;
const CACHE_MS = 5 * 60 * 1000;

function cached(key) {
  const e = cache.get(key);
  if (!e || Date.now() - e.at > CACHE_MS) {
    cache.delete(key);
    return null;
  }
  return e.data;
}

function remember(key, data) {
  cache.delete(key);
  cache.set(key, { data, at: Date.now() });
  if (cache.size > CACHE_SIZE) cache.delete(cache.keys().next().value);
}

function isOpen() {
  return open === null ? !window.matchMedia(PHONE).matches : open;
}

export const trendsPanel = { id: 'trends', render };

function render(box, state, result, ctx) {
  const dim = () => DIMENSIONS.find((d) => d.by === dimension) || DIMENSIONS[0];
  const body = h('div', { id: 'trends-body', class: 'trends-body', hidden: !isOpen() });
  const note = h('span', { class: 'trends-toggle-note', text: `按${dim().label}` });
  const toggle = h('button', {
    type: 'button',
    class: 'trends-toggle',
    'aria-expanded': isOpen() ? 'true' : 'false',
    'aria-controls': 'trends-body',
    on: {
      click: () => {
        open = !isOpen();
        toggle.setAttribute('aria-expanded', open ? 'true' : 'false');
        body.hidden = !open;
        if (open) load();
      },
    },
  }, h('span', { class: 'trends-toggle-label', text: '趋势与分布' }), note);

  const radios = h('div', { class: 'segmented', role: 'radiogroup', 'aria-label': '统计维度' });
  for (const d of DIMENSIONS) {
    const id = `trend-by-${d.by}`;
    radios.append(h('span', { class: 'segment' },
      h('input', {
        type: 'radio', name: 'trend-by', id, value: d.by, checked: d.by === dimension,
        'data-focus-key': id,
        on: {
          change: () => {
            dimension = d.by;
            note.textContent = `按${d.label}`;
            load();
          },
        },
      }),
      h('label', { for: id, text: d.label })));
  }
  const legend = h('ul', { class: 'trend-legend', 'aria-hidden': 'true' });
  const chart = h('div', { class: 'trends-chart' });
  const notes = h('p', { class: 'trends-notes', role: 'status' });
  const table = h('div', { class: 'trends-table-slot' });
  fill(body, h('div', { class: 'trends-controls' }, radios, legend), chart, notes, table);
  fill(box, h('h2', { class: 'trends-title' }, toggle), body);
  box.setAttribute('aria-label', '趋势与分布');

  let seq = 0;
  let drawn = null; // {data, width}: what the chart shows, for redrawing at a new width
  const resize = new ResizeObserver(() => {
    if (drawn && !body.hidden && Math.abs(chart.clientWidth - drawn.width) >= 4) draw(drawn.data);
  });
  resize.observe(chart);
  ctx.signal.addEventListener('abort', () => resize.disconnect());

  async function load() {
    if (body.hidden) return;
    const mine = ++seq;
    const by = dimension;
    const params = { ...queryParams(state), by };
    const key = query(params);
    let data = cached(key);
    if (!data) {
      fill(chart, loading('正在统计…'));
      fill(legend);
      fill(table);
      notes.textContent = '';
      try {
        data = await api.stats(params, ctx.signal);
      } catch (err) {
        if (isAbort(err) || mine !== seq) return;
        fill(chart, errorView(err, '无法统计'));
        return;
      }
      if (ctx.signal.aborted || mine !== seq) return;
      remember(key, data);
    }
    draw(data);
  }

  function draw(data) {
    const d = DIMENSIONS.find((x) => x.by === data.by) || dim();
    const series = seriesOf(data);
    const items = itemsOf(data, d, state);
    drawn = { data, width: chart.clientWidth };
    fill(legend, ...series.map((s, i) => h('li', null,
      h('span', { class: `trend-swatch series-${i}` }), s.label)));
    if (items.length === 0) {
      fill(chart, h('p', { class: 'muted', text: `没有可按${d.label}统计的段落。` }));
    } else {
      const width = Math.max(chart.clientWidth || 0, 260);
      const shown = d.by === 'year' || showAll ? items : items.slice(0, TOP);
      fill(chart, d.by === 'year'
        ? columns(shown, series, width, d, ctx)
        : rows(shown, series, width, d, ctx));
      if (d.by !== 'year' && items.length > TOP) {
        chart.append(h('button', {
          type: 'button',
          class: 'facet-more',
          'aria-expanded': showAll ? 'true' : 'false',
          text: showAll ? `只显示前 ${TOP} 项` : `显示全部 ${items.length} 项`,
          on: {
            click: () => {
              showAll = !showAll;
              draw(data);
              chart.querySelector('.facet-more')?.focus();
            },
          },
        }));
      }
    }
    const parts = [`${formatCount(data.total)} 个段落，${formatCount(data.documents)} 份文件`];
    if (d.by === 'year' && items.length > 0) {
      const lo = items[0].value;
      const hi = items[items.length - 1].value;
      parts.push(lo === hi ? `${lo} 年` : `${lo}–${hi} 年`);
    } else if (items.length > 0) {
      parts.push(`${formatCount(items.length)} 个${d.label}`);
    }
    if (data.no_value) parts.push(`另有 ${formatCount(data.no_value)} 段没有${d.label}信息，未计入`);
    if (data.relaxed) parts.push('没有段落包含全部词语，统计的是部分匹配');
    notes.textContent = `${parts.join('；')}。`;
    fill(table, dataTable(data, d, series, state));
  }

  load();
}

// seriesOf lists what each bar group shows: paragraphs, then the occurrences of each
// quoted phrase (or of all phrases together when there are many).
function seriesOf(data) {
  const series = [{ label: '段落数', get: (b) => b.paragraphs || 0 }];
  const phrases = data.phrases || [];
  const occ = (b, p) => (b.occurrences && b.occurrences[p]) || 0;
  if (phrases.length > MAX_PHRASE_SERIES) {
    series.push({ label: '短语出现次数（合计）', get: (b) => phrases.reduce((n, p) => n + occ(b, p), 0) });
  } else {
    for (const p of phrases) series.push({ label: `“${p}”出现次数`, get: (b) => occ(b, p) });
  }
  return series;
}

// itemsOf is the buckets to draw, each with its link. Years run without gaps from the
// first to the last, so that a year without hits shows as an empty slot.
function itemsOf(data, d, state) {
  let buckets = (data.buckets || []).filter((b) => b && b.value !== '');
  if (d.by === 'year' && buckets.length > 0) {
    const byYear = new Map(buckets.map((b) => [Number(b.value), b]));
    const years = [...byYear.keys()].filter(Number.isFinite);
    const lo = Math.min(...years);
    const hi = Math.max(...years);
    if (hi - lo < 300) {
      buckets = [];
      for (let y = lo; y <= hi; y++) buckets.push(byYear.get(y) || { value: String(y), paragraphs: 0, documents: 0 });
    }
  }
  return buckets.map((b) => {
    const active = facetActive(state, d.facet, b.value);
    const change = active ? { [d.facet]: null } : facetFilter(d.facet, b.value);
    return { ...b, active, href: searchURL(withChanges(state, { filters: change })) };
  });
}

function valueLabel(d, v) {
  return d.by === 'year' ? `${v}年` : v;
}

// numbers is a bucket's counts in words, for its tooltip and its aria-label.
function numbers(item, series, d) {
  const nums = [`${formatCount(item.paragraphs)} 个段落`];
  if (item.documents) nums.push(`${formatCount(item.documents)} 份文件`);
  for (const s of series.slice(1)) nums.push(`${s.label} ${formatCount(s.get(item))}`);
  return `${valueLabel(d, item.value)}：${nums.join('，')}`;
}

function ariaLabel(item, series, d) {
  if (!item.paragraphs) return numbers(item, series, d);
  return `${numbers(item, series, d)}。${item.active ? '已选，按回车取消筛选' : `按回车只看该${d.label}`}`;
}

// niceScale is an axis from 0 to a round maximum with about four ticks.
function niceScale(max) {
  if (max <= 0) return { max: 1, ticks: [0, 1] };
  const raw = max / 4;
  const pow = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * pow).find((s) => s >= raw);
  const top = Math.ceil(max / step) * step;
  const ticks = [];
  for (let v = 0; v <= top + step / 2; v += step) ticks.push(Math.round(v * 1000) / 1000);
  return { max: top, ticks };
}

// Approximate advance widths at the chart's 12px type, for fitting labels.
const CJK_W = 12.5;
const DIGIT_W = 7.2;

function textWidth(s) {
  let w = 0;
  for (const ch of String(s)) w += /[\x20-\x7e]/.test(ch) ? DIGIT_W : CJK_W;
  return w;
}

function clipLabel(s, width) {
  const chars = Array.from(String(s));
  if (textWidth(s) <= width) return String(s);
  let out = '';
  for (const ch of chars) {
    if (textWidth(`${out}${ch}…`) > width) break;
    out += ch;
  }
  return `${out}…`;
}

// barGroup is one bucket: an invisible band that takes the pointer, the bars, and the
// behaviour of a link when it has hits.
function barGroup(item, series, d, ctx) {
  const g = svg('g', {
    class: `trend-bar${item.active ? ' is-active' : ''}${item.paragraphs ? '' : ' is-zero'}`,
    role: item.paragraphs ? 'link' : 'img',
    'aria-label': ariaLabel(item, series, d),
    'data-value': item.value,
    'data-paragraphs': String(item.paragraphs || 0),
    'data-documents': String(item.documents || 0),
    'data-occurrences': series.length > 1 ? String(series.slice(1).reduce((n, s) => n + s.get(item), 0)) : null,
    'data-href': item.paragraphs ? item.href : null,
  });
  if (item.paragraphs) {
    g.addEventListener('click', () => ctx.navigate(item.href));
  }
  g.append(svg('title', { text: numbers(item, series, d) }));
  return g;
}

// The chart as a whole is one tab stop; arrows move between the bars with hits.
function rovingFocus(root, vertical) {
  const bars = () => [...root.querySelectorAll('.trend-bar[role="link"]')];
  const all = bars();
  if (all.length === 0) return;
  const start = all.find((b) => b.classList.contains('is-active')) || all[0];
  for (const b of all) b.setAttribute('tabindex', b === start ? '0' : '-1');
  root.addEventListener('keydown', (e) => {
    const list = bars();
    const i = list.indexOf(e.target.closest('.trend-bar'));
    if (i < 0) return;
    let j = -1;
    const prev = vertical ? 'ArrowUp' : 'ArrowLeft';
    const next = vertical ? 'ArrowDown' : 'ArrowRight';
    if (e.key === next || e.key === (vertical ? 'ArrowRight' : 'ArrowDown')) j = Math.min(list.length - 1, i + 1);
    else if (e.key === prev || e.key === (vertical ? 'ArrowLeft' : 'ArrowUp')) j = Math.max(0, i - 1);
    else if (e.key === 'Home') j = 0;
    else if (e.key === 'End') j = list.length - 1;
    else if (e.key === 'Enter' || e.key === ' ') {
      e.preventDefault();
      list[i].dispatchEvent(new MouseEvent('click', { bubbles: true }));
      return;
    }
    if (j < 0) return;
    e.preventDefault();
    list[i].setAttribute('tabindex', '-1');
    list[j].setAttribute('tabindex', '0');
    list[j].focus();
  });
}

// columns draws the year chart: a column group per year, oldest on the left.
function columns(items, series, width, d, ctx) {
  const phone = window.matchMedia(PHONE).matches;
  const H = phone ? 190 : 230;
  const m = { top: 20, right: 6, bottom: 24, left: 34 };
  const pw = width - m.left - m.right;
  const ph = H - m.top - m.bottom;
  const max = Math.max(1, ...items.flatMap((it) => series.map((s) => s.get(it))));
  const scale = niceScale(max);
  const y = (v) => m.top + ph - (v / scale.max) * ph;
  const band = pw / items.length;
  const groupW = Math.min(band * 0.74, 30 * series.length);
  const barW = groupW / series.length;
  const root = svg('svg', {
    class: 'trend-svg trend-columns',
    width: String(width),
    height: String(H),
    viewBox: `0 0 ${width} ${H}`,
    role: 'group',
    'aria-label': `按${d.label}统计的柱状图`,
  });
  const axis = svg('g', { class: 'trend-axis', 'aria-hidden': 'true' });
  for (const t of scale.ticks) {
    axis.append(
      svg('line', { class: t === 0 ? 'trend-baseline' : 'trend-grid', x1: m.left, x2: width - m.right, y1: y(t), y2: y(t) }),
      svg('text', { class: 'trend-tick', x: m.left - 6, y: y(t) + 4, 'text-anchor': 'end', text: formatCount(t) }));
  }
  root.append(axis);
  const every = Math.max(1, Math.ceil((textWidth('2020') + 8) / band));
  // Numbers over the bars when they fit: over each bar, else over the group (the
  // paragraphs), else none (they are in the tooltips, the labels and the table).
  const numW = textWidth(formatCount(max)) + 3;
  const eachFits = barW >= numW;
  const groupFits = !eachFits && groupW >= numW;
  items.forEach((it, i) => {
    const x0 = m.left + i * band;
    const g = barGroup(it, series, d, ctx);
    g.append(svg('rect', { class: 'trend-hit', x: x0, y: m.top - 16, width: band, height: ph + 16 + m.bottom, rx: 4 }));
    const gx = x0 + (band - groupW) / 2;
    series.forEach((s, k) => {
      const v = s.get(it);
      const top = y(v);
      g.append(svg('rect', {
        class: `trend-rect series-${k}`,
        x: gx + k * barW + (series.length > 1 ? 0.5 : 0),
        y: top,
        width: Math.max(1, barW - (series.length > 1 ? 1 : 0)),
        height: Math.max(0, y(0) - top),
        rx: barW > 8 ? 2 : 0,
      }));
      if (v && (eachFits || (groupFits && k === 0))) {
        g.append(svg('text', {
          class: k === 0 ? 'trend-value' : 'trend-value trend-value-minor',
          x: eachFits ? gx + k * barW + barW / 2 : gx + groupW / 2,
          y: top - 5,
          'text-anchor': 'middle',
          'aria-hidden': 'true',
          text: formatCount(v),
        }));
      }
    });
    if (i % every === 0 || i === items.length - 1) {
      g.append(svg('text', {
        class: 'trend-label',
        x: x0 + band / 2,
        y: H - 6,
        'text-anchor': 'middle',
        'aria-hidden': 'true',
        text: it.value,
      }));
    }
    root.append(g);
  });
  rovingFocus(root, false);
  return root;
}

// rows draws a category chart: a row per value, largest first, labels on the left.
function rows(items, series, width, d, ctx) {
  const phone = window.matchMedia(PHONE).matches;
  const barH = series.length > 1 ? 11 : 14;
  const rowH = Math.max(28, barH * series.length + 14);
  const m = { top: 6, right: 8, bottom: 22 };
  const longest = Math.max(...items.map((it) => textWidth(it.value)));
  const labelW = Math.min(longest + 12, width * (phone ? 0.42 : 0.34), 240);
  const max = Math.max(1, ...items.flatMap((it) => series.map((s) => s.get(it))));
  const valueW = textWidth(formatCount(max)) + 10;
  const scale = niceScale(max);
  const x0 = labelW;
  const pw = width - labelW - valueW - m.right;
  const x = (v) => x0 + (v / scale.max) * pw;
  const H = m.top + rowH * items.length + m.bottom;
  const root = svg('svg', {
    class: 'trend-svg trend-rows',
    width: String(width),
    height: String(H),
    viewBox: `0 0 ${width} ${H}`,
    role: 'group',
    'aria-label': `按${d.label}统计的条形图`,
  });
  const axis = svg('g', { class: 'trend-axis', 'aria-hidden': 'true' });
  const plotBottom = m.top + rowH * items.length;
  for (const t of scale.ticks) {
    axis.append(
      svg('line', { class: t === 0 ? 'trend-baseline' : 'trend-grid', x1: x(t), x2: x(t), y1: m.top, y2: plotBottom }),
      svg('text', { class: 'trend-tick', x: x(t), y: plotBottom + 15, 'text-anchor': 'middle', text: formatCount(t) }));
  }
  root.append(axis);
  items.forEach((it, i) => {
    const top = m.top + i * rowH;
    const g = barGroup(it, series, d, ctx);
    g.append(svg('rect', { class: 'trend-hit', x: 0, y: top + 1, width, height: rowH - 2, rx: 4 }));
    g.append(svg('text', {
      class: 'trend-label',
      x: labelW - 8,
      y: top + rowH / 2 + 4,
      'text-anchor': 'end',
      'aria-hidden': 'true',
      text: clipLabel(it.value, labelW - 12),
    }));
    const gy = top + (rowH - barH * series.length) / 2;
    series.forEach((s, k) => {
      const v = s.get(it);
      g.append(svg('rect', {
        class: `trend-rect series-${k}`,
        x: x0,
        y: gy + k * barH + (series.length > 1 ? 0.5 : 0),
        width: Math.max(v ? 1 : 0, x(v) - x0),
        height: barH - (series.length > 1 ? 1 : 0),
        rx: 2,
      }));
      g.append(svg('text', {
        class: k === 0 ? 'trend-value' : 'trend-value trend-value-minor',
        x: x(v) + 4,
        y: gy + k * barH + barH / 2 + 4,
        'aria-hidden': 'true',
        text: formatCount(v),
      }));
    });
    root.append(g);
  });
  rovingFocus(root, true);
  return root;
}

// dataTable is the chart's numbers, with links, behind a disclosure.
function dataTable(data, d, series, state) {
  const buckets = (data.buckets || []).filter((b) => b && b.value !== '');
  if (buckets.length === 0) return null;
  const head = [d.label, '段落', '文件', ...series.slice(1).map((s) => s.label)];
  const tbody = h('tbody');
  // The table lists the buckets as the API gives them, without the empty years.
  for (const b of itemsOf({ ...data, buckets }, { ...d, by: '' }, state)) {
    tbody.append(h('tr', null,
      h('th', { scope: 'row' }, h('a', { href: b.href, text: valueLabel(d, b.value) })),
      h('td', { class: 'num', text: formatCount(b.paragraphs) }),
      h('td', { class: 'num', text: formatCount(b.documents) }),
      series.slice(1).map((s) => h('td', { class: 'num', text: formatCount(s.get(b)) }))));
  }
  if (data.no_value) {
    tbody.append(h('tr', { class: 'trends-no-value' },
      h('th', { scope: 'row', text: `（无${d.label}）` }),
      h('td', { class: 'num', text: formatCount(data.no_value) }), h('td', { text: '' }),
      series.slice(1).map(() => h('td', { text: '' }))));
  }
  return h('details', { class: 'trends-table' },
    h('summary', { text: '数据表' }),
    h('div', { class: 'table-scroll' },
      h('table', { class: 'data-table' },
        h('caption', { class: 'visually-hidden', text: `按${d.label}统计` }),
        h('thead', null, h('tr', null, head.map((t, i) => h('th', { scope: 'col', class: i ? 'num' : null, text: t })))),
        tbody)));
}
