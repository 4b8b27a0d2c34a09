// Administration: the accounts of the administrator's area, their roles, and
// disabling, unlocking and password resets.
import { api, ApiError, IdempotencyKeys, newIdempotencyKey, type Role, type User } from '../api';
import { field, formatDate, h, setError } from '../dom';
import { locale, t } from '../i18n';
import { roles } from '../session';
import { errorBox, notice, roleLabel, setTitle, table } from '../ui';
import { showViolations } from './person';

interface UserPage {
  items: User[];
  total: number;
}

export async function usersView(): Promise<Node> {
  setTitle(t('users.title'));
  const root = h('div', { 'data-testid': 'users' });
  await load(root);
  return root;
}

async function load(root: HTMLElement, flash?: Node): Promise<void> {
  const page = await api<UserPage>('/api/v1/users?limit=1000');
  const L = locale();
  const status = h('div', { 'aria-live': 'polite' }, flash ?? '');
  const act = (label: string, path: string, body?: unknown) =>
    h(
      'button',
      {
        type: 'button',
        class: 'small',
        onclick: async () => {
          try {
            await api(path, { method: 'POST', body, idempotencyKey: newIdempotencyKey() });
            await load(root, notice(t('users.done')));
          } catch (error) {
            status.replaceChildren(errorBox(error));
          }
        },
      },
      label,
    );
  const roleSelect = (u: User) => {
    const select = h(
      'select',
      { 'aria-label': `${t('users.role')} ${u.username}` },
      roles.map((r) => h('option', { value: r, selected: r === u.role }, roleLabel(r))),
    );
    const area = h('input', { value: u.area, size: 14, 'aria-label': `${t('users.area')} ${u.username}` });
    return h(
      'span',
      { class: 'inline-edit' },
      select,
      area,
      h(
        'button',
        {
          type: 'button',
          class: 'small',
          onclick: async () => {
            try {
              await api(`/api/v1/users/${u.id}/role`, { method: 'POST', body: { role: select.value, area: area.value.trim() } });
              await load(root, notice(t('users.done')));
            } catch (error) {
              status.replaceChildren(errorBox(error));
            }
          },
        },
        t('users.save_role'),
      ),
    );
  };
  const rows = page.items.map((u) => [
    u.username,
    roleSelect(u),
    u.disabled ? t('users.disabled') : u.locked_until ? `${t('users.locked')} ${u.locked_until}` : t('users.active'),
    formatDate(u.created_at, L),
    h(
      'span',
      { class: 'row-actions' },
      u.disabled ? act(t('users.enable'), `/api/v1/users/${u.id}/enable`) : act(t('users.disable'), `/api/v1/users/${u.id}/disable`),
      u.locked_until && act(t('users.unlock'), `/api/v1/users/${u.id}/unlock`),
      h(
        'button',
        {
          type: 'button',
          class: 'small',
          onclick: async () => {
            const pw = prompt(t('users.new_password'));
            if (!pw) return;
            try {
              await api(`/api/v1/users/${u.id}/password`, { method: 'POST', body: { new_password: pw } });
              status.replaceChildren(notice(t('users.done')));
            } catch (error) {
              status.replaceChildren(errorBox(error));
            }
          },
        },
        t('users.reset'),
      ),
    ),
  ]);
  root.replaceChildren(
    h('h1', null, t('users.title')),
    status,
    table(t('users.title'), [t('users.username'), t('users.role'), t('users.state'), t('users.created'), ''], rows, { 'data-testid': 'users-table' }),
    createForm(root),
  );
}

function createForm(root: HTMLElement): HTMLElement {
  const username = field(t('users.username'), h('input', { name: 'username', autocomplete: 'off', required: true }));
  const password = field(t('login.password'), h('input', { name: 'password', type: 'password', autocomplete: 'new-password', required: true }), t('users.password_hint'));
  const role = field(t('users.role'), h('select', { name: 'role' }, roles.map((r: Role) => h('option', { value: r }, roleLabel(r)))));
  const area = field(t('users.area'), h('input', { name: 'area', required: true, placeholder: 'vn2022:27208' }));
  const general = h('div', { 'aria-live': 'polite' });
  const keys = new IdempotencyKeys();
  const fields = { username, password, role, area };
  return h(
    'form',
    {
      class: 'panel',
      novalidate: true,
      onsubmit: async (e: Event) => {
        e.preventDefault();
        Object.values(fields).forEach((f) => setError(f, ''));
        general.replaceChildren();
        const body = Object.fromEntries(Object.entries(fields).map(([k, f]) => [k, (f.control as HTMLInputElement).value.trim()]));
        try {
          await api('/api/v1/users', { method: 'POST', body, idempotencyKey: keys.for(body) });
          await load(root, notice(t('users.created_ok')));
        } catch (error) {
          if (error instanceof ApiError && error.violations.length) showViolations(error.violations, fields, general);
          else general.replaceChildren(errorBox(error));
        }
      },
    },
    h('h2', null, t('users.add')),
    h('div', { class: 'form-grid' }, username.wrap, password.wrap, role.wrap, area.wrap),
    general,
    h('div', { class: 'buttons' }, h('button', { type: 'submit', class: 'primary' }, t('users.add'))),
  );
}
