// Safe element helpers. Every string that comes from the API goes into the page as a
// text node; the one exception is the server's highlight markup, which passes through
// marked() and comes out as text nodes and <mark> elements only.

// h creates an element. attrs may hold:
//   class, id, href, role, type, title, rel, for, name, value, aria-*, data-* …  (attributes)
//   text    → textContent
//   on      → {event: handler}
//   hidden, disabled, open, checked, selected → boolean properties
// Attribute names that could run code or carry CSS (on…, style, srcdoc) are refused, and
// href must be a same-origin path, so an API string cannot become a link that runs script.
export function h(tag, attrs, ...children) {
  const el = document.createElement(tag);
  if (attrs) {
    for (const [name, value] of Object.entries(attrs)) {
      if (value === undefined || value === null || value === false) continue;
      switch (name) {
        case 'text':
          el.textContent = String(value);
          break;
        case 'on':
          for (const [ev, fn] of Object.entries(value)) el.addEventListener(ev, fn);
          break;
        case 'hidden':
        case 'disabled':
        case 'open':
        case 'checked':
        case 'selected':
          el[name] = Boolean(value);
          break;
        case 'href':
          el.setAttribute('href', safeHref(value));
          break;
        default: {
          const lower = name.toLowerCase();
          if (lower.startsWith('on') || lower === 'style' || lower === 'srcdoc' || lower === 'src') {
            throw new Error(`h: attribute ${name} is not allowed`);
          }
          el.setAttribute(name, value === true ? '' : String(value));
        }
      }
    }
  }
  append(el, children);
  return el;
}

const SVG_NS = 'http://www.w3.org/2000/svg';

// svg creates an SVG element (charts are drawn with these, never from markup strings).
// attrs are set with setAttribute, except text (textContent), on (listeners) and class;
// as in h(), event-handler attributes and style are refused: the look is in app.css.
export function svg(tag, attrs, ...children) {
  const el = document.createElementNS(SVG_NS, tag);
  if (attrs) {
    for (const [name, value] of Object.entries(attrs)) {
      if (value === undefined || value === null || value === false) continue;
      if (name === 'text') {
        el.textContent = String(value);
      } else if (name === 'on') {
        for (const [ev, fn] of Object.entries(value)) el.addEventListener(ev, fn);
      } else {
        const lower = name.toLowerCase();
        if (lower.startsWith('on') || lower === 'style' || lower === 'href' || lower === 'xlink:href') {
          throw new Error(`svg: attribute ${name} is not allowed`);
        }
        el.setAttribute(name, value === true ? '' : String(value));
      }
    }
  }
  append(el, children);
  return el;
}

// append adds children: strings become text nodes, arrays are flattened, and null,
// undefined and false are skipped.
export function append(parent, children) {
  for (const c of children) {
    if (c === null || c === undefined || c === false) continue;
    if (Array.isArray(c)) append(parent, c);
    else if (c instanceof Node) parent.appendChild(c);
    else parent.appendChild(document.createTextNode(String(c)));
  }
  return parent;
}

// fill replaces el's children, skipping null, undefined and false as h does (the DOM's
// replaceChildren would show them as the text "null").
export function fill(el, ...children) {
  el.replaceChildren();
  return append(el, children);
}

// safeHref keeps paths on this site ("/p/x", "/?q=…") and refuses anything else.
export function safeHref(value) {
  const s = String(value);
  if (s.startsWith('/') && !s.startsWith('//') && !s.startsWith('/\\')) return s;
  if (s.startsWith('#')) return s;
  throw new Error('h: only same-site paths may be linked');
}

// marked turns the server's highlight markup (HTML-escaped text with <mark> tags) into a
// fragment of text nodes and <mark> elements. It parses the string inside a <template>,
// whose content is inert (no script runs, no image loads), and copies out only text:
// any element other than MARK, should one ever arrive, is reduced to its text.
export function marked(html) {
  const frag = document.createDocumentFragment();
  if (typeof html !== 'string' || html === '') return frag;
  const tpl = document.createElement('template');
  tpl.innerHTML = html;
  copyText(tpl.content, frag);
  return frag;
}

function copyText(from, to) {
  for (const node of from.childNodes) {
    if (node.nodeType === Node.TEXT_NODE) {
      to.appendChild(document.createTextNode(node.data));
    } else if (node.nodeType === Node.ELEMENT_NODE) {
      if (node.nodeName === 'MARK') {
        to.appendChild(h('mark', { text: node.textContent }));
      } else if (node.nodeName === 'TEMPLATE') {
        copyText(node.content, to);
      } else {
        copyText(node, to);
      }
    }
    // Comments, processing instructions and the like are dropped.
  }
}

// visuallyHidden is text for screen readers only.
export function srOnly(text) {
  return h('span', { class: 'visually-hidden', text });
}

// debounce delays fn until calls have paused for ms.
export function debounce(fn, ms) {
  let timer = 0;
  const d = (...args) => {
    clearTimeout(timer);
    timer = setTimeout(() => fn(...args), ms);
  };
  d.cancel = () => clearTimeout(timer);
  return d;
}

// loading is a placeholder while a request runs.
export function loading(text) {
  return h('p', { class: 'loading', role: 'status', text: text || '正在加载…' });
}
