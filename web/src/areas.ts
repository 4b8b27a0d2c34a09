// Area names and trees, cached for the session: reference data that never
// changes while the server runs.
import { api, type Area, type AreaDetail } from './api';

const details = new Map<string, Promise<AreaDetail>>();

export function areaDetail(id: string): Promise<AreaDetail> {
  let found = details.get(id);
  if (!found) {
    found = api<AreaDetail>(`/api/v1/areas/${encodeURIComponent(id)}`);
    found.catch(() => details.delete(id));
    details.set(id, found);
  }
  return found;
}

// "Phường 15" for an area id, or the id itself while unknown.
const names = new Map<string, string>();
export function rememberName(area: Area): void {
  names.set(area.id, area.name);
}
export function areaName(id: string): string {
  return names.get(id) ?? id;
}
export async function resolveNames(ids: string[]): Promise<void> {
  const unknown = [...new Set(ids)].filter((id) => !names.has(id));
  await Promise.all(
    unknown.map((id) =>
      areaDetail(id)
        .then((a) => rememberName(a))
        .catch(() => undefined),
    ),
  );
}
