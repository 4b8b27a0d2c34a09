// The auditor's search of the audit trail, and the chain check.
import { api, query, type AuditEntry } from '../api';
import { field, h } from '../dom';
import { t } from '../i18n';
import { errorBox, notice, setTitle, table } from '../ui';

interface AuditPage {
  items: AuditEntry[];
  next_after: number | null;
}

export function auditView(): Node {
  setTitle(t('audit.title'));
  const inputs = {
    actor: field(t('audit.actor'), h('input', { name: 'actor', autocomplete: 'off' })),
    action: field(t('audit.action'), h('input', { name: 'action', autocomplete: 'off', placeholder: 'dose.' })),
    target: field(t('audit.target'), h('input', { name: 'target', autocomplete: 'off', placeholder: 'person:123' })),
    from: field(t('audit.from'), h('input', { name: 'from', type: 'datetime-local' })),
    to: field(t('audit.to'), h('input', { name: 'to', type: 'datetime-local' })),
  };
  const results = h('div', { 'aria-live': 'polite', 'data-testid': 'audit-results' });
  const verifyOut = h('div', { 'aria-live': 'polite' });
  const params = () => {
    const v = (k: keyof typeof inputs) => (inputs[k].control as HTMLInputElement).value.trim();
    const iso = (s: string) => (s ? new Date(s).toISOString() : '');
    return { actor: v('actor'), action: v('action'), target: v('target'), from: iso(v('from')), to: iso(v('to')) };
  };
  async function search(after: number | null): Promise<void> {
    try {
      const page = await api<AuditPage>(`/api/v1/audit${query({ ...params(), after, limit: 100 })}`);
      const rows = page.items.map((e) => [String(e.seq), e.at, e.actor, e.action, e.target, e.area ?? '', e.outcome, e.remote, e.detail]);
      const tbl = table(
        t('audit.title'),
        ['#', t('audit.at'), t('audit.actor'), t('audit.action'), t('audit.target'), t('users.area'), t('audit.outcome'), t('audit.remote'), t('audit.detail')],
        rows,
        { 'data-testid': 'audit-table' },
      );
      const more =
        page.next_after !== null &&
        h(
          'button',
          {
            type: 'button',
            onclick: (e: Event) => {
              (e.currentTarget as HTMLElement).remove();
              void search(page.next_after);
            },
          },
          t('common.more'),
        );
      if (after === null) results.replaceChildren(page.items.length ? tbl : h('p', null, t('search.none')), more || '');
      else {
        tbl.querySelectorAll('tbody tr').forEach((tr) => results.querySelector('tbody')?.appendChild(tr));
        if (more) results.append(more);
      }
    } catch (error) {
      results.replaceChildren(errorBox(error));
    }
  }
  return h(
    'div',
    null,
    h('h1', null, t('audit.title')),
    h(
      'form',
      {
        class: 'panel',
        onsubmit: (e: Event) => {
          e.preventDefault();
          void search(null);
        },
      },
      h('div', { class: 'form-grid' }, Object.values(inputs).map((f) => f.wrap)),
      h(
        'div',
        { class: 'buttons' },
        h('button', { type: 'submit', class: 'primary', 'data-testid': 'audit-search' }, t('search.submit')),
        h(
          'button',
          {
            type: 'button',
            onclick: async () => {
              try {
                const v = await api<{ intact: boolean; entries: number; first_bad_seq: number | null; problem: string }>('/api/v1/audit/verify');
                verifyOut.replaceChildren(
                  v.intact
                    ? notice(`${t('audit.intact')} (${v.entries})`)
                    : errorBox({ message_vi: `${t('audit.broken')} #${v.first_bad_seq}: ${v.problem}`, message_en: `${t('audit.broken')} #${v.first_bad_seq}: ${v.problem}` }),
                );
              } catch (error) {
                verifyOut.replaceChildren(errorBox(error));
              }
            },
          },
          t('audit.verify'),
        ),
      ),
      verifyOut,
    ),
    results,
  );
}
