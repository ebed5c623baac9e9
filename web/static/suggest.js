// Completions for the search box: an ARIA 1.2 combobox (input role=combobox with a
// listbox popup and aria-activedescendant). The last word being typed is completed from
// /api/v1/suggest. ↓/↑ move through the list, Enter takes the highlighted completion and
// searches, Escape closes the list; with nothing highlighted Enter submits the form.
import { h, debounce } from './dom.js';
import { api, isAbort } from './api.js';
import { formatCount } from './ui.js';

const MAX_PREFIX = 32; // the API's limit on prefix
const SIZE = 8;

// lastWord splits the query into what stays and the word being typed, with the word's
// leading operator (- or a quote) kept aside. A word holding a field filter (region:…)
// or ending a phrase is not completed.
export function lastWord(value) {
  const m = /^((?:.*\s)?)([-"“]*)([^\s"“”:：-][^\s"“”:：]*)$/u.exec(value);
  if (!m) return null;
  const [, head, op, word] = m;
  if (Array.from(word).length > MAX_PREFIX) return null;
  return { head, op, word };
}

export function setupSuggest(input, listbox, status, onPick) {
  let items = [];
  let active = -1;
  let controller = null;
  let lastPrefix = '';

  const setExpanded = (open) => {
    input.setAttribute('aria-expanded', open ? 'true' : 'false');
    listbox.hidden = !open;
  };

  const close = () => {
    if (controller) controller.abort();
    controller = null;
    items = [];
    active = -1;
    listbox.replaceChildren();
    input.removeAttribute('aria-activedescendant');
    setExpanded(false);
  };

  const highlight = (i) => {
    active = i;
    listbox.querySelectorAll('[role="option"]').forEach((el, j) => {
      el.setAttribute('aria-selected', j === i ? 'true' : 'false');
    });
    if (i >= 0) {
      const el = document.getElementById(`suggestion-${i}`);
      input.setAttribute('aria-activedescendant', el.id);
      el.scrollIntoView({ block: 'nearest' });
    } else {
      input.removeAttribute('aria-activedescendant');
    }
  };

  const pick = (i) => {
    const parts = lastWord(input.value);
    const term = items[i] && items[i].term;
    if (!parts || !term) return;
    // An open quote is closed, so "产教 becomes "产教融合".
    const quote = /["“]/.test(parts.op) ? (parts.op.includes('“') ? '”' : '"') : '';
    input.value = parts.head + parts.op + term + quote;
    close();
    onPick(input.value);
  };

  const show = (list) => {
    items = list;
    active = -1;
    listbox.replaceChildren();
    input.removeAttribute('aria-activedescendant');
    list.forEach((s, i) => {
      const opt = h('li', {
        id: `suggestion-${i}`,
        role: 'option',
        'aria-selected': 'false',
        class: 'suggestion',
        on: {
          // mousedown would blur the input and close the list before the click lands.
          mousedown: (e) => e.preventDefault(),
          click: () => pick(i),
        },
      },
      h('span', { class: 'suggestion-term', text: s.term }),
      h('span', { class: 'suggestion-count', text: `${formatCount(s.count)} 段` }));
      listbox.append(opt);
    });
    setExpanded(list.length > 0);
    status.textContent = list.length ? `${list.length} 条建议，用上下方向键选择` : '';
  };

  const fetchSuggestions = async () => {
    const parts = lastWord(input.value);
    if (!parts || document.activeElement !== input) {
      close();
      return;
    }
    const prefix = parts.word;
    if (prefix === lastPrefix && items.length) {
      setExpanded(true);
      return;
    }
    if (controller) controller.abort();
    controller = new AbortController();
    const mine = controller;
    try {
      const res = await api.suggest(prefix, SIZE, mine.signal);
      if (mine !== controller) return;
      lastPrefix = prefix;
      // Completions that equal the word add nothing but are kept when others follow,
      // so the count of the typed word is visible.
      const list = (res.suggestions || []).filter((s) => s && s.term);
      if (list.length === 1 && list[0].term === prefix) show([]);
      else show(list);
    } catch (err) {
      // Suggestions are a convenience: on failure the list just stays closed.
      if (!isAbort(err) && mine === controller) close();
    }
  };
  const later = debounce(fetchSuggestions, 150);

  input.addEventListener('input', () => {
    lastPrefix = '';
    if (!lastWord(input.value)) {
      later.cancel();
      close();
      return;
    }
    later();
  });

  input.addEventListener('keydown', (e) => {
    if (e.isComposing) return; // keys belong to the input method while composing
    const open = input.getAttribute('aria-expanded') === 'true';
    switch (e.key) {
      case 'ArrowDown':
        e.preventDefault();
        if (!open) {
          later.cancel();
          fetchSuggestions();
        } else highlight(active + 1 >= items.length ? 0 : active + 1);
        break;
      case 'ArrowUp':
        if (!open) return;
        e.preventDefault();
        highlight(active <= 0 ? items.length - 1 : active - 1);
        break;
      case 'Enter':
        if (open && active >= 0) {
          e.preventDefault();
          pick(active);
        } else {
          later.cancel();
          close();
        }
        break;
      case 'Escape':
        if (open) {
          e.preventDefault();
          later.cancel();
          close();
        }
        break;
      case 'Tab':
        close();
        break;
      default:
    }
  });

  input.addEventListener('blur', () => {
    later.cancel();
    close();
  });

  return { close };
}
