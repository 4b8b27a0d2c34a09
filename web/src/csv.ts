// CSV export (RFC 4180) with a byte-order mark, so Excel opens Vietnamese text as UTF-8.
import type { Cell } from './xlsx';

export function csv(rows: Cell[][]): string {
  const quote = (v: Cell): string => {
    if (v === null) return '';
    let s = String(v);
    // A cell starting with = + - @ would be a formula in a spreadsheet: keep it text.
    if (/^[=+\-@\t\r]/.test(s) && typeof v === 'string') s = `'${s}`;
    return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  return '\uFEFF' + rows.map((r) => r.map(quote).join(',')).join('\r\n') + '\r\n';
}

export function download(name: string, data: BlobPart, type: string): void {
  const url = URL.createObjectURL(new Blob([data], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
