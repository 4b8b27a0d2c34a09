// Small DOM helpers: elements are built with createElement (never from HTML
// strings), so user data cannot inject markup and nothing needs an inline
// style attribute that the CSP (style-src 'self') would refuse.

export type Child = Node | string | number | null | undefined | false | Child[];
// Method syntax keeps handler parameters bivariant, so (e: SubmitEvent) => … fits.
type Handler = { bivarianceHack(event: Event): void }['bivarianceHack'];
export type Attrs = Record<string, string | number | boolean | Handler | null | undefined>;

export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Attrs | null = null,
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  if (attrs) setAttrs(el, attrs);
  append(el, children);
  return el;
}

export function setAttrs(el: Element, attrs: Attrs): void {
  for (const [name, value] of Object.entries(attrs)) {
    if (value === null || value === undefined || value === false) continue;
    if (typeof value === 'function') {
      el.addEventListener(name.replace(/^on/, ''), value);
    } else if (value === true) {
      el.setAttribute(name, '');
    } else {
      el.setAttribute(name, String(value));
    }
  }
}

export function append(el: Node, children: Child[]): void {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    if (Array.isArray(child)) append(el, child);
    else el.appendChild(typeof child === 'object' ? child : document.createTextNode(String(child)));
  }
}

export function clear(el: Element, ...children: Child[]): void {
  el.replaceChildren();
  append(el, children);
}

const SVG = 'http://www.w3.org/2000/svg';

export function s(tag: string, attrs: Record<string, string | number> = {}, ...children: Child[]): SVGElement {
  const el = document.createElementNS(SVG, tag) as SVGElement;
  for (const [name, value] of Object.entries(attrs)) el.setAttribute(name, String(value));
  append(el, children);
  return el;
}

let nextId = 0;
export function uid(prefix: string): string {
  nextId += 1;
  return `${prefix}-${nextId}`;
}

// A labelled form field: label, control, hint and an error slot tied to the
// control with aria-describedby, so screen readers announce the validation answer.
export function field(
  label: string,
  control: HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement,
  hint?: string,
): { wrap: HTMLElement; error: HTMLElement; control: typeof control } {
  const id = control.id || uid('f');
  control.id = id;
  const error = h('span', { class: 'field-error', id: `${id}-err`, role: 'alert' });
  const described = [`${id}-err`];
  let hintEl: HTMLElement | null = null;
  if (hint) {
    hintEl = h('span', { class: 'hint', id: `${id}-hint` }, hint);
    described.push(`${id}-hint`);
  }
  control.setAttribute('aria-describedby', described.join(' '));
  const wrap = h('div', { class: 'field' }, h('label', { for: id }, label), control, hintEl, error);
  return { wrap, error, control };
}

export function setError(f: { wrap: HTMLElement; error: HTMLElement; control: Element }, message: string): void {
  f.error.textContent = message;
  f.wrap.classList.toggle('invalid', message !== '');
  if (message) f.control.setAttribute('aria-invalid', 'true');
  else f.control.removeAttribute('aria-invalid');
}

// Formatters are made once per locale: constructing an Intl formatter costs far
// more than using one, and a dashboard formats hundreds of numbers.
const formatters = new Map<string, Intl.NumberFormat>();
function formatter(locale: string, kind: 'number' | 'percent'): Intl.NumberFormat {
  const key = `${locale} ${kind}`;
  let f = formatters.get(key);
  if (!f) {
    const tag = locale === 'vi' ? 'vi-VN' : 'en-GB';
    f =
      kind === 'number'
        ? new Intl.NumberFormat(tag)
        : new Intl.NumberFormat(tag, { style: 'percent', maximumFractionDigits: 1, minimumFractionDigits: 1 });
    formatters.set(key, f);
  }
  return f;
}

export function formatNumber(n: number, locale: string): string {
  return formatter(locale, 'number').format(n);
}

export function formatShare(share: number, locale: string): string {
  return formatter(locale, 'percent').format(share);
}

export function formatDate(iso: string | null | undefined, locale: string): string {
  if (!iso) return '—';
  const [y, m, d] = iso.slice(0, 10).split('-');
  return locale === 'vi' ? `${d}/${m}/${y}` : `${y}-${m}-${d}`;
}
