// A document's outline as a collapsible tree: headings are <details> (keyboard and
// screen-reader friendly without script), the paragraphs under a heading are links to
// their paragraph view. Used by the document view and beside a paragraph.
import { h } from './dom.js';
import { kindLabel, measureLabel, excerpt, paragraphHref } from './ui.js';

// outlineTree renders root (policysearch.OutlineNode). With currentId, the paragraph is
// marked as current and only the headings on its path start open; without it every
// heading starts open.
export function outlineTree(root, currentId) {
  const onPath = new Set();
  if (currentId) findPath(root, currentId, onPath);
  const tree = h('div', { class: 'outline' });
  if (!root) return tree;
  // The root is the document itself: its own paragraphs (the preamble) come first,
  // then its headings.
  const top = entries(root.paragraphs, currentId);
  if (top) tree.append(top);
  const kids = children(root.children, currentId, onPath);
  if (kids) tree.append(kids);
  return tree;
}

function children(nodes, currentId, onPath) {
  if (!nodes || nodes.length === 0) return null;
  const ul = h('ul', { class: 'outline-headings' });
  for (const n of nodes) {
    const open = !currentId || onPath.has(n);
    const count = countEntries(n);
    const det = h('details', { class: 'outline-node', open },
      h('summary', null,
        h('span', { class: 'outline-heading', text: n.heading || '（无标题）' }),
        count ? h('span', { class: 'outline-count', 'aria-label': `${count} 段`, text: String(count) }) : null),
      entries(n.paragraphs, currentId),
      children(n.children, currentId, onPath));
    ul.append(h('li', null, det));
  }
  return ul;
}

function entries(list, currentId) {
  if (!list || list.length === 0) return null;
  const ul = h('ul', { class: 'outline-entries' });
  for (const p of list) {
    const label = measureLabel(p.measure_no, p.measure_title) || excerpt(p.snippet, 40);
    const current = p.id === currentId;
    const a = h('a', {
      href: paragraphHref(p.id),
      class: `outline-entry kind-${p.kind}${current ? ' is-current' : ''}`,
      'aria-current': current ? 'page' : null,
      title: p.snippet || null,
    },
    h('span', { class: 'kind-tag', text: kindLabel(p.kind) }),
    h('span', { class: 'outline-label', text: label }));
    ul.append(h('li', { 'data-id': p.id }, a));
  }
  return ul;
}

function countEntries(n) {
  let c = (n.paragraphs || []).length;
  for (const k of n.children || []) c += countEntries(k);
  return c;
}

// findPath adds to path the nodes that lead to the paragraph id, and reports whether
// the paragraph is under node.
function findPath(node, id, path) {
  if (!node) return false;
  let found = (node.paragraphs || []).some((p) => p.id === id);
  for (const k of node.children || []) {
    if (findPath(k, id, path)) found = true;
  }
  if (found) path.add(node);
  return found;
}

// setAllOpen opens or closes every heading of a tree.
export function setAllOpen(tree, open) {
  tree.querySelectorAll('details.outline-node').forEach((d) => { d.open = open; });
}

// scrollToCurrent scrolls the outline's own box (not the page) so the current entry is
// visible.
export function scrollToCurrent(box) {
  const cur = box.querySelector('.is-current');
  if (!cur || box.scrollHeight <= box.clientHeight) return;
  const top = cur.getBoundingClientRect().top - box.getBoundingClientRect().top + box.scrollTop;
  box.scrollTop = Math.max(0, top - box.clientHeight / 3);
}
