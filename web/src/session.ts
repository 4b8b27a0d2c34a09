// Who is logged in, and what their role may do (docs/api.md, "Roles and
// permissions"): the pages offer only what the role may do; the server decides anyway.
import { api, hasToken, setToken, type Role, type User } from './api';

export type Permission =
  | 'read_aggregate'
  | 'read_personal'
  | 'write_personal'
  | 'override_rules'
  | 'record_health_check'
  | 'manage_users'
  | 'read_audit';

const permissions: Record<Role, Permission[]> = {
  commune_staff: ['read_aggregate', 'read_personal', 'write_personal', 'record_health_check'],
  district_officer: ['read_aggregate', 'read_personal', 'write_personal', 'override_rules', 'record_health_check'],
  province_officer: ['read_aggregate', 'read_personal', 'write_personal', 'override_rules', 'record_health_check'],
  ministry: ['read_aggregate'],
  administrator: ['manage_users'],
  auditor: ['read_audit'],
  // A citizen reads their own record and enters their own home-care checks
  // (the server checks that the record is theirs).
  citizen: ['record_health_check'],
};

export const roles = Object.keys(permissions) as Role[];

let current: User | null = null;

export function user(): User | null {
  return current;
}

export function can(permission: Permission): boolean {
  return current !== null && permissions[current.role].includes(permission);
}

// The user kept beside the token lets a reload render at once; /auth/me then
// confirms the session in parallel (a 401 sends the user to the login page).
export async function restore(): Promise<User | null> {
  if (!hasToken()) return null;
  const kept = sessionStorage.getItem('phongdich.user');
  const check = api<User>('/api/v1/auth/me').then(
    (fresh) => {
      remember(fresh);
      return fresh;
    },
    () => {
      forget();
      return null;
    },
  );
  if (kept) {
    current = JSON.parse(kept) as User;
    return current;
  }
  return check;
}

function remember(u: User): void {
  current = u;
  sessionStorage.setItem('phongdich.user', JSON.stringify(u));
}

export async function login(username: string, password: string): Promise<User> {
  const answer = await api<{ token: string; user: User }>('/api/v1/auth/login', {
    method: 'POST',
    body: { username, password },
  });
  setToken(answer.token);
  remember(answer.user);
  return answer.user;
}

export async function logout(): Promise<void> {
  try {
    await api('/api/v1/auth/logout', { method: 'POST' });
  } finally {
    forget();
  }
}

export function forget(): void {
  setToken(null);
  sessionStorage.removeItem('phongdich.user');
  current = null;
}

// The first page of a role: what it works with most.
export function homeFor(): string {
  if (can('read_aggregate')) return '/dashboard';
  if (can('manage_users')) return '/admin/users';
  if (can('read_audit')) return '/audit';
  if (current?.person_id) return `/persons/${current.person_id}`;
  return '/login';
}
