// CSV import: upload with a progress bar, the server's progress through the
// file, the summary, and the per-row error report.
import { ApiError, toError, type ImportJob } from '../api';
import { api } from '../api';
import { newIdempotencyKey } from '../api';
import { download } from '../csv';
import { field, formatNumber, h } from '../dom';
import { locale, t } from '../i18n';
import { user } from '../session';
import { errorBox, setTitle, table } from '../ui';

// RFC 4180 rows, for showing the error report (small: rejected rows only).
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') (cell += '"'), i++;
      else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') row.push(cell), (cell = '');
    else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
    } else cell += c;
  }
  if (cell || row.length) row.push(cell), rows.push(row);
  return rows;
}

export function importView(): Node {
  setTitle(t('import.title'));
  const kind = field(
    t('import.kind'),
    h('select', { name: 'kind', 'data-testid': 'import-kind' }, h('option', { value: 'persons' }, t('import.persons')), h('option', { value: 'doses' }, t('import.doses'))),
  );
  const area = field(t('import.area'), h('input', { name: 'area', value: user()!.area, 'data-testid': 'import-area' }), t('import.area_hint'));
  const file = field(t('import.file'), h('input', { type: 'file', accept: '.csv,text/csv', required: true, 'data-testid': 'import-file' }));
  const progress = h('progress', { max: 100, value: 0, hidden: true, 'aria-label': t('import.progress') });
  const state = h('p', { role: 'status', 'aria-live': 'polite', 'data-testid': 'import-state' });
  const result = h('div', { 'data-testid': 'import-result' });
  const button = h('button', { type: 'submit', class: 'primary', 'data-testid': 'import-submit' }, t('import.submit'));
  const form = h(
    'form',
    {
      class: 'panel',
      onsubmit: (e: Event) => {
        e.preventDefault();
        const chosen = (file.control as HTMLInputElement).files?.[0];
        if (!chosen) return;
        button.disabled = true;
        result.replaceChildren();
        upload(chosen, (kind.control as HTMLSelectElement).value, (area.control as HTMLInputElement).value.trim(), progress, state)
          .then((job) => follow(job, progress, state))
          .then((job) => showJob(job, result))
          .catch((error) => result.replaceChildren(errorBox(error)))
          .finally(() => {
            button.disabled = false;
            progress.hidden = true;
          });
      },
    },
    h('div', { class: 'form-grid' }, kind.wrap, area.wrap, file.wrap),
    h('p', { class: 'hint' }, t('import.format')),
    h('div', { class: 'buttons' }, button),
    progress,
    state,
  );
  return h('div', null, h('h1', null, t('import.title')), form, result);
}

// XMLHttpRequest rather than fetch: it reports upload progress.
function upload(file: File, kind: string, area: string, progress: HTMLProgressElement, state: HTMLElement): Promise<ImportJob> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', `/api/v1/imports/${kind}?area=${encodeURIComponent(area)}`);
    const token = sessionStorage.getItem('phongdich.token');
    if (token) xhr.setRequestHeader('Authorization', `Bearer ${token}`);
    xhr.setRequestHeader('Content-Type', 'text/csv');
    xhr.setRequestHeader('Idempotency-Key', newIdempotencyKey());
    progress.hidden = false;
    progress.value = 0;
    state.textContent = t('import.uploading');
    xhr.upload.onprogress = (e) => {
      if (!e.lengthComputable) return;
      progress.value = Math.round((e.loaded / e.total) * 100);
      state.textContent = `${t('import.uploading')} ${progress.value}%`;
    };
    xhr.onerror = () => reject(new Error(t('error.network')));
    xhr.onload = async () => {
      // 202: stored and queued; the server imports it in the background.
      if (xhr.status === 202) resolve(JSON.parse(xhr.responseText) as ImportJob);
      else reject(await toError(new Response(xhr.responseText, { status: xhr.status }), '/api/v1/imports'));
    };
    xhr.send(file);
  });
}

// Asks for the import's state until it ends, showing how far through the file
// the server is.
async function follow(job: ImportJob, progress: HTMLProgressElement, state: HTMLElement): Promise<ImportJob> {
  const n = (x: number) => formatNumber(x, locale());
  for (;;) {
    if (job.status === 'finished') break;
    if (job.status === 'failed') {
      const e = job.error ?? { code: 'import.failed', message_vi: 'Nhập dữ liệu thất bại', message_en: 'The import failed' };
      throw new ApiError(500, e.code, e.message_vi, e.message_en);
    }
    const percent = job.bytes_total > 0 ? Math.floor((job.bytes_read / job.bytes_total) * 100) : 0;
    progress.value = percent;
    state.textContent =
      job.status === 'queued' ? t('import.queued') : `${t('import.processing')} ${percent}% (${n(job.rows_read)} ${t('import.rows_so_far')})`;
    await new Promise((resolve) => setTimeout(resolve, 500));
    job = await api<ImportJob>(job.status_url);
  }
  state.textContent = '';
  return job;
}

async function showJob(job: ImportJob, into: HTMLElement): Promise<void> {
  const n = (x: number) => formatNumber(x, locale());
  const summary = h(
    'section',
    { class: 'panel', 'aria-labelledby': 'job-h' },
    h('h2', { id: 'job-h' }, `${t('import.summary')} ${job.id}`),
    h(
      'dl',
      { class: 'facts' },
      h('dt', null, t('import.read')),
      h('dd', null, n(job.rows_read)),
      h('dt', null, t('import.imported')),
      h('dd', { 'data-testid': 'rows-imported' }, n(job.rows_imported)),
      h('dt', null, t('import.present')),
      h('dd', null, n(job.rows_already_present)),
      h('dt', null, t('import.rejected')),
      h('dd', { 'data-testid': 'rows-rejected' }, n(job.rows_rejected)),
    ),
  );
  into.replaceChildren(summary);
  if (job.rows_rejected === 0) return;
  const text = await api<string>(`/api/v1/imports/${encodeURIComponent(job.id)}/errors`, { raw: true });
  const rows = parseCsv(text.replace(/^\uFEFF/, ''));
  const [head, ...body] = rows;
  const shown = body.slice(0, 500);
  into.append(
    h(
      'section',
      { class: 'panel', 'aria-labelledby': 'err-h' },
      h('h2', { id: 'err-h' }, t('import.errors')),
      h('button', { type: 'button', onclick: () => download(`${job.id}-errors.csv`, text, 'text/csv;charset=utf-8') }, t('import.download_errors')),
      body.length > shown.length && h('p', null, `${t('import.first')} ${n(shown.length)} / ${n(body.length)}`),
      table(t('import.errors'), head ?? [], shown, { 'data-testid': 'import-errors' }),
    ),
  );
}
