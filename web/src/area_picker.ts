// Choosing a commune inside the user's area: one select per level below it
// (province → district → commune), filled from /api/v1/areas/{area}.
import { areaDetail, rememberName } from './areas';
import { h, uid } from './dom';
import { t, type Key } from './i18n';

export function communePicker(rootId: string, onChange: (commune: string | null) => void, initial?: string): HTMLElement {
  const box = h('div', { class: 'area-picker' });
  const levels: HTMLElement[] = [];

  async function addLevel(parentId: string, depth: number, preselect?: string): Promise<void> {
    levels.splice(depth).forEach((el) => el.remove());
    const parent = await areaDetail(parentId);
    rememberName(parent);
    if (parent.level === 'commune' || parent.children.length === 0) {
      onChange(parent.level === 'commune' ? parent.id : null);
      if (depth === 0) box.append(h('p', { class: 'fixed-area' }, parent.name));
      return;
    }
    onChange(null);
    const id = uid('area');
    const childLevel = parent.children[0].level;
    const select = h(
      'select',
      {
        id,
        'data-testid': `area-${childLevel}`,
        onchange: () => {
          if (select.value) void addLevel(select.value, depth + 1);
          else {
            levels.splice(depth + 1).forEach((el) => el.remove());
            onChange(null);
          }
        },
      },
      h('option', { value: '' }, t('common.choose')),
      parent.children.map((c) => {
        rememberName(c);
        return h('option', { value: c.id }, c.name);
      }),
    );
    const wrap = h('div', { class: 'field' }, h('label', { for: id }, t(`level.${childLevel}` as Key)), select);
    levels[depth] = wrap;
    box.append(wrap);
    if (preselect) {
      const step = parent.children.find((c) => preselect === c.id);
      if (step) {
        select.value = step.id;
        await addLevel(step.id, depth + 1);
      }
    }
  }
  void addLevel(rootId, 0, initial);
  return box;
}
