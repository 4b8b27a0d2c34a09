// History-API routing: the server answers index.html for every application path.

export type View = (params: Record<string, string>, query: URLSearchParams) => Promise<Node> | Node;

interface Route {
  pattern: RegExp;
  names: string[];
  view: View;
}

const routes: Route[] = [];
let render: (view: View, params: Record<string, string>, query: URLSearchParams) => void = () => {};

export function route(path: string, view: View): void {
  const names: string[] = [];
  const pattern = new RegExp(
    '^' +
      path.replace(/:(\w+)(\?)?/g, (_m, name: string, optional?: string) => {
        names.push(name);
        return optional ? '?([^/]*)' : '([^/]+)';
      }) +
      '/?$',
  );
  routes.push({ pattern, names, view });
}

export function onRoute(handler: typeof render): void {
  render = handler;
}

export function navigate(url: string, replace = false): void {
  if (replace) history.replaceState(null, '', url);
  else history.pushState(null, '', url);
  dispatch();
}

export function dispatch(): void {
  const path = location.pathname;
  for (const r of routes) {
    const m = r.pattern.exec(path);
    if (!m) continue;
    const params: Record<string, string> = {};
    r.names.forEach((name, i) => (params[name] = decodeURIComponent(m[i + 1] ?? '')));
    render(r.view, params, new URLSearchParams(location.search));
    return;
  }
  navigate('/', true);
}

// Same-origin links are handled here, so a click does not reload the page.
export function link(event: Event): void {
  const a = (event.target as Element).closest('a');
  if (!a || a.target || a.hasAttribute('download') || a.origin !== location.origin) return;
  // A jump within the page (the skip link, "#epi-h") is the browser's to do.
  if (a.getAttribute('href')?.startsWith('#')) return;
  const e = event as MouseEvent;
  if (e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
  event.preventDefault();
  navigate(a.pathname + a.search);
}

window.addEventListener('popstate', dispatch);
