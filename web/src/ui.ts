// Shared page pieces: error notices, page titles, labels of codes.
import type { Role } from './api';
import { h } from './dom';
import { locale, t, type Key } from './i18n';

export function roleLabel(role: Role): string {
  return t(`role.${role}` as Key);
}

export function statusLabel(status: string): string {
  return t(`status.${status}` as Key);
}

export function kindLabel(kind: string | null | undefined): string {
  return kind ? t(`kind.${kind}` as Key) : '—';
}

export function message(m: { message_vi?: string; message_en?: string; message?: string }): string {
  return (locale() === 'vi' ? m.message_vi : m.message_en) ?? m.message ?? '';
}

export function errorBox(error: unknown): HTMLElement {
  const e = error as { status?: number; message_vi?: string; message_en?: string; message?: string };
  const heading =
    e.status === 403 ? t('error.forbidden') : e.status === 404 ? t('error.not_found') : t('error.title');
  return h(
    'div',
    { class: 'notice error', role: 'alert', 'data-testid': 'error' },
    h('strong', null, heading),
    ' ',
    message(e),
  );
}

export function notice(text: string, kind: 'ok' | 'info' = 'ok'): HTMLElement {
  return h('div', { class: `notice ${kind}`, role: 'status' }, text);
}

export function setTitle(text: string): void {
  document.title = `${text} — ${t('app.name')}`;
}

// A table that scrolls sideways on a phone instead of breaking the page.
export function table(
  caption: string,
  head: string[],
  rows: (Node | string | number)[][],
  attrs: Record<string, string> = {},
): HTMLElement {
  return h(
    'div',
    { class: 'table-wrap', tabindex: '0', role: 'region', 'aria-label': caption },
    h(
      'table',
      attrs,
      h('caption', null, caption),
      h('thead', null, h('tr', null, head.map((c) => h('th', { scope: 'col' }, c)))),
      h('tbody', null, rows.map((r) => h('tr', null, r.map((c) => h('td', null, c))))),
    ),
  );
}
