import { h, field } from '../dom';
import { t } from '../i18n';
import { navigate } from '../router';
import { homeFor, login } from '../session';
import { errorBox, setTitle } from '../ui';

export function loginView(_params: Record<string, string>, query: URLSearchParams): Node {
  setTitle(t('login.title'));
  const username = field(t('login.username'), h('input', { name: 'username', autocomplete: 'username', required: true }));
  const password = field(
    t('login.password'),
    h('input', { name: 'password', type: 'password', autocomplete: 'current-password', required: true }),
  );
  const status = h('div', { 'aria-live': 'polite' });
  const button = h('button', { type: 'submit', class: 'primary' }, t('login.submit'));
  const form = h(
    'form',
    {
      class: 'card login',
      onsubmit: async (event: Event) => {
        event.preventDefault();
        button.disabled = true;
        status.replaceChildren();
        try {
          await login((username.control as HTMLInputElement).value.trim(), (password.control as HTMLInputElement).value);
          const next = query.get('next');
          navigate(next && next.startsWith('/') && !next.startsWith('//') && next !== '/login' ? next : homeFor(), true);
        } catch (error) {
          status.replaceChildren(errorBox(error));
          button.disabled = false;
        }
      },
    },
    h('h1', null, t('login.title')),
    h('p', { class: 'lead' }, t('login.lead')),
    username.wrap,
    password.wrap,
    status,
    button,
  );
  return h('div', { class: 'login-page' }, form);
}
