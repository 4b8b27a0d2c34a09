// The application shell: login gate, header with the user's area and role,
// navigation limited to what the role may do, and the page outlet.
import './styles.css';
import { whenUnauthorized } from './api';
import { areaDetail, rememberName } from './areas';
import { clear, h } from './dom';
import { locale, setLocale, t, type Key } from './i18n';
import { dispatch, link, navigate, onRoute, route, type View } from './router';
import { can, forget, homeFor, logout, restore, user } from './session';
import { errorBox, roleLabel } from './ui';
import { loginView } from './pages/login';
import { dashboardView } from './pages/dashboard';
import { searchView } from './pages/search';
import { personView } from './pages/person';
import { registerView } from './pages/register';
import { worklistView } from './pages/worklists';
import { importView } from './pages/imports';
import { usersView } from './pages/users';
import { auditView } from './pages/audit';
import { casesView } from './pages/cases';
import { caseNewView } from './pages/case_new';
import { caseView } from './pages/case';
import { careCheckView } from './pages/care_check';
import { alertsView } from './pages/alerts';
import { facilitiesView } from './pages/facilities';

const app = document.getElementById('app')!;
document.addEventListener('click', link);

interface NavItem {
  href: string;
  key: Key;
  allowed: () => boolean;
}
const nav: NavItem[] = [
  { href: '/dashboard', key: 'nav.dashboard', allowed: () => can('read_aggregate') },
  { href: '/registry', key: 'nav.registry', allowed: () => can('read_personal') },
  { href: '/worklists', key: 'nav.worklists', allowed: () => can('read_personal') },
  { href: '/imports', key: 'nav.imports', allowed: () => can('write_personal') },
  // Surveillance: cases and alerts are personal data of the area; facilities are aggregates.
  { href: '/cases', key: 'nav.cases', allowed: () => can('read_personal') },
  { href: '/alerts', key: 'nav.alerts', allowed: () => can('read_personal') },
  { href: '/facilities', key: 'nav.facilities', allowed: () => can('read_aggregate') },
  { href: '/admin/users', key: 'nav.users', allowed: () => can('manage_users') },
  { href: '/audit', key: 'nav.audit', allowed: () => can('read_audit') },
  {
    href: `/persons/${user()?.person_id ?? ''}`,
    key: 'nav.my_record',
    allowed: () => user()?.role === 'citizen' && !!user()?.person_id,
  },
];

function header(): HTMLElement {
  const u = user();
  const areaLabel = h('span', { class: 'user-area', 'data-testid': 'user-area' }, u?.area ?? '');
  if (u) {
    areaDetail(u.area)
      .then((a) => {
        rememberName(a);
        areaLabel.textContent = a.name;
        areaLabel.title = a.id;
      })
      .catch(() => undefined);
  }
  const other = locale() === 'vi' ? 'en' : 'vi';
  const langButton = h(
    'button',
    {
      type: 'button',
      class: 'link-button lang',
      lang: other,
      'data-testid': 'lang',
      onclick: () => {
        setLocale(other);
        dispatch();
      },
    },
    other === 'en' ? 'English' : 'Tiếng Việt',
  );
  const here = location.pathname;
  return h(
    'header',
    { class: 'top' },
    h('a', { class: 'skip', href: '#main' }, t('a11y.skip')),
    h(
      'div',
      { class: 'bar' },
      h('a', { class: 'brand', href: u ? homeFor() : '/login' }, h('span', { 'aria-hidden': 'true' }, '✚ '), t('app.name')),
      u &&
        h(
          'div',
          { class: 'who' },
          h('span', { class: 'user-name', 'data-testid': 'user-name' }, u.username),
          h('span', { class: 'user-role', 'data-testid': 'user-role' }, roleLabel(u.role)),
          areaLabel,
        ),
      h(
        'div',
        { class: 'actions' },
        langButton,
        u &&
          h(
            'button',
            {
              type: 'button',
              class: 'link-button',
              'data-testid': 'logout',
              onclick: async () => {
                await logout().catch(() => undefined);
                navigate('/login');
              },
            },
            t('nav.logout'),
          ),
      ),
    ),
    u &&
      h(
        'nav',
        { 'aria-label': t('nav.label') },
        h(
          'ul',
          null,
          nav
            .filter((item) => item.allowed())
            .map((item) => {
              const href = item.key === 'nav.my_record' ? `/persons/${u.person_id}` : item.href;
              const current = here === href || here.startsWith(href + '/') || (href === '/registry' && here.startsWith('/persons'));
              return h('li', null, h('a', { href, 'aria-current': current ? 'page' : null }, t(item.key)));
            }),
        ),
      ),
  );
}

let renderSeq = 0;
async function render(view: View, params: Record<string, string>, query: URLSearchParams): Promise<void> {
  const seq = ++renderSeq;
  document.documentElement.lang = locale();
  if (!user() && view !== loginView) {
    navigate(`/login?next=${encodeURIComponent(location.pathname + location.search)}`, true);
    return;
  }
  const main = h('main', { id: 'main', tabindex: '-1' }, h('p', { class: 'loading', role: 'status' }, t('common.loading')));
  clear(app, header(), main);
  try {
    const content = await view(params, query);
    if (seq !== renderSeq) return; // a later navigation won
    clear(main, content);
    // After a navigation, screen readers start at the new page, not the old link.
    if (seq > 1 && !main.contains(document.activeElement)) main.focus({ preventScroll: true });
  } catch (error) {
    if (seq !== renderSeq) return;
    clear(main, errorBox(error));
  }
}

const guard =
  (ok: () => boolean, view: View): View =>
  (params, query) => {
    if (!ok()) {
      const e = new Error('forbidden') as Error & { status: number; message_vi: string; message_en: string };
      e.status = 403;
      e.message_vi = t('error.role');
      e.message_en = t('error.role');
      throw e;
    }
    return view(params, query);
  };

route('/login', loginView);
route('/', () => {
  navigate(homeFor(), true);
  return h('div');
});
route('/dashboard/:area?', guard(() => can('read_aggregate'), dashboardView));
route('/registry', guard(() => can('read_personal'), searchView));
route('/registry/new', guard(() => can('write_personal'), registerView));
route('/persons/:id', guard(() => can('read_personal') || user()?.role === 'citizen', personView));
route('/worklists/:commune?', guard(() => can('read_personal'), worklistView));
route('/imports', guard(() => can('write_personal'), importView));
route('/cases', guard(() => can('read_personal'), casesView));
route('/cases/new', guard(() => can('write_personal'), caseNewView));
route('/cases/:id', guard(() => can('read_personal') || user()?.role === 'citizen', caseView));
route('/cases/:id/check', guard(() => can('record_health_check'), careCheckView));
route('/alerts', guard(() => can('read_personal'), alertsView));
route('/facilities', guard(() => can('read_aggregate'), facilitiesView));
route('/admin/users', guard(() => can('manage_users'), usersView));
route('/audit', guard(() => can('read_audit'), auditView));
onRoute((view, params, query) => void render(view, params, query));

whenUnauthorized(() => {
  forget();
  if (location.pathname !== '/login') navigate('/login');
});

void restore().then(() => dispatch());
