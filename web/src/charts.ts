// Charts as inline SVG drawn here (no chart library: the JavaScript budget is
// small, and these three shapes are all the dashboard needs). Colours come
// from CSS classes, so the SVG carries no style attributes. Each chart has a
// title and a description for screen readers; the same numbers are in a table
// beside it.
import { h, s, uid } from './dom';

// The drawing's width in SVG units follows the screen, so that its text keeps
// about the page's size on a phone instead of shrinking with the drawing.
function chartWidth(): number {
  return Math.round(Math.max(320, Math.min(640, window.innerWidth - 56)));
}

// The colour key as HTML under the title: it wraps on a narrow screen.
export function legend(series: Series[]): HTMLElement {
  return h(
    'ul',
    { class: 'legend', 'aria-hidden': 'true' },
    series.map((se) => h('li', null, h('span', { class: `swatch ${se.className}` }), se.label)),
  );
}

export interface ShareBar {
  label: string;
  share: number; // 0..1
  threshold: number; // 0..1
  met: boolean;
  text: string; // shown at the end of the bar
}

// One horizontal bar per target with a tick at the threshold.
export function shareBars(title: string, rows: ShareBar[]): SVGElement {
  const rowH = 34;
  const labelW = 48;
  const width = chartWidth();
  const barW = width - labelW - 130;
  const height = rows.length * rowH + 8;
  const id = uid('chart');
  const svg = s('svg', {
    viewBox: `0 0 ${width} ${height}`,
    class: 'chart',
    role: 'img',
    'aria-labelledby': `${id}-t ${id}-d`,
  });
  svg.append(s('title', { id: `${id}-t` }, title));
  svg.append(s('desc', { id: `${id}-d` }, rows.map((r) => `${r.label}: ${r.text}`).join('; ')));
  rows.forEach((r, i) => {
    const y = 4 + i * rowH;
    svg.append(
      s('text', { x: 0, y: y + 20, class: 'chart-label' }, r.label),
      s('rect', { x: labelW, y: y + 6, width: barW, height: 20, class: 'bar-bg', rx: 3 }),
      s('rect', {
        x: labelW,
        y: y + 6,
        width: Math.max(0, Math.min(1, r.share)) * barW,
        height: 20,
        class: r.met ? 'bar-met' : 'bar-gap',
        rx: 3,
      }),
      s('line', {
        x1: labelW + r.threshold * barW,
        x2: labelW + r.threshold * barW,
        y1: y + 2,
        y2: y + 30,
        class: 'threshold',
      }),
      s('text', { x: labelW + barW + 8, y: y + 20, class: 'chart-value' }, r.text),
    );
  });
  return svg;
}

export interface Series {
  key: string;
  label: string;
  className: string;
}

// Stacked columns (doses per week by kind).
export function stackedColumns(
  title: string,
  labels: string[],
  series: Series[],
  values: number[][], // values[column][series]
  format: (n: number) => string,
): SVGElement {
  const width = chartWidth();
  const height = 220;
  const left = 56;
  const bottom = 30;
  const top = 10;
  const plotH = height - bottom - top;
  const max = Math.max(1, ...values.map((v) => v.reduce((a, b) => a + b, 0)));
  const step = (width - left - 8) / Math.max(1, labels.length);
  const id = uid('chart');
  const svg = s('svg', { viewBox: `0 0 ${width} ${height}`, class: 'chart', role: 'img', 'aria-labelledby': `${id}-t ${id}-d` });
  svg.append(s('title', { id: `${id}-t` }, title));
  svg.append(
    s(
      'desc',
      { id: `${id}-d` },
      labels.map((l, i) => `${l}: ${format(values[i].reduce((a, b) => a + b, 0))}`).join('; '),
    ),
  );
  // Gridlines at quarters of the maximum.
  for (let q = 0; q <= 4; q++) {
    const y = top + plotH - (plotH * q) / 4;
    svg.append(s('line', { x1: left, x2: width - 4, y1: y, y2: y, class: 'grid' }));
    svg.append(s('text', { x: left - 6, y: y + 4, class: 'chart-axis', 'text-anchor': 'end' }, format(Math.round((max * q) / 4))));
  }
  labels.forEach((label, i) => {
    let y = top + plotH;
    const x = left + i * step + step * 0.15;
    values[i].forEach((v, k) => {
      const hgt = (v / max) * plotH;
      y -= hgt;
      if (v > 0) svg.append(s('rect', { x, y, width: step * 0.7, height: hgt, class: series[k].className }));
    });
    // Every other label when crowded.
    if (step >= 40 || i % 2 === (labels.length - 1) % 2) {
      svg.append(s('text', { x: x + step * 0.35, y: height - bottom + 16, class: 'chart-axis', 'text-anchor': 'middle' }, label));
    }
  });
  return svg;
}

// Horizontal 100% stacked bars (each age group by status).
export function stackedShares(title: string, labels: string[], series: Series[], values: number[][]): SVGElement {
  const width = chartWidth();
  const rowH = 30;
  const labelW = 108;
  const top = 4;
  const height = top + labels.length * rowH + 4;
  const barW = width - labelW - 8;
  const id = uid('chart');
  const svg = s('svg', { viewBox: `0 0 ${width} ${height}`, class: 'chart', role: 'img', 'aria-labelledby': `${id}-t` });
  svg.append(s('title', { id: `${id}-t` }, title));
  labels.forEach((label, i) => {
    const y = top + i * rowH;
    const total = values[i].reduce((a, b) => a + b, 0) || 1;
    svg.append(s('text', { x: 0, y: y + 18, class: 'chart-label' }, label));
    let x = labelW;
    values[i].forEach((v, k) => {
      const w = (v / total) * barW;
      if (w > 0) svg.append(s('rect', { x, y: y + 4, width: w, height: 20, class: series[k].className }));
      x += w;
    });
  });
  return svg;
}

export interface UsageBar {
  label: string;
  used: number;
  capacity: number;
  text: string;
}

// One horizontal bar per resource: how much of the capacity is in use. A bar
// at or past the capacity is drawn in the alarm colour.
export function usageBars(title: string, rows: UsageBar[]): SVGElement {
  const rowH = 34;
  const labelW = 140;
  const width = chartWidth();
  const barW = width - labelW - 140;
  const height = rows.length * rowH + 8;
  const id = uid('chart');
  const svg = s('svg', { viewBox: `0 0 ${width} ${height}`, class: 'chart', role: 'img', 'aria-labelledby': `${id}-t ${id}-d` });
  svg.append(s('title', { id: `${id}-t` }, title));
  svg.append(s('desc', { id: `${id}-d` }, rows.map((r) => `${r.label}: ${r.text}`).join('; ')));
  rows.forEach((r, i) => {
    const y = 4 + i * rowH;
    const share = r.capacity > 0 ? r.used / r.capacity : r.used > 0 ? 1 : 0;
    svg.append(
      s('text', { x: 0, y: y + 20, class: 'chart-label' }, r.label),
      s('rect', { x: labelW, y: y + 6, width: barW, height: 20, class: 'bar-bg', rx: 3 }),
      s('rect', { x: labelW, y: y + 6, width: Math.min(1, share) * barW, height: 20, class: share >= 1 ? 'bar-gap' : 'bar-use', rx: 3 }),
      s('text', { x: labelW + barW + 8, y: y + 20, class: 'chart-value' }, r.text),
    );
  });
  return svg;
}

export interface CurveDay {
  date: string; // ISO
  local: number;
  imported: number;
}
export interface RtPoint {
  date: string; // the last day of the window the estimate is for
  mean: number;
  lower: number;
  upper: number;
}

// The epidemic curve: cases per day (local below, imported above) against the
// left axis, and Rt with its 95% interval (line and band) against the right
// axis, with a dashed line at Rt = 1. Days are placed by date, so an Rt window
// ending on a day sits over that day's column.
export function epidemicCurve(
  title: string,
  description: string,
  days: CurveDay[],
  rt: RtPoint[],
  format: (n: number) => string,
  formatRt: (n: number) => string,
  axisTitles: [string, string],
): SVGElement {
  const width = chartWidth();
  const height = 270;
  const left = 44;
  const right = 40;
  const top = 20;
  const bottom = 30;
  const plotW = width - left - right;
  const plotH = height - top - bottom;
  const id = uid('chart');
  const svg = s('svg', { viewBox: `0 0 ${width} ${height}`, class: 'chart curve', role: 'img', 'aria-labelledby': `${id}-t ${id}-d` });
  svg.append(s('title', { id: `${id}-t` }, title), s('desc', { id: `${id}-d` }, description));
  const n = Math.max(1, days.length);
  const step = plotW / n;
  const index = new Map(days.map((d, i) => [d.date, i]));
  const maxCases = Math.max(1, ...days.map((d) => d.local + d.imported));
  // Whole-number ticks for the counts; Rt up to the largest upper bound shown, capped at 4.
  const caseTick = Math.max(1, Math.ceil(maxCases / 4));
  const caseMax = caseTick * 4;
  const rtMax = Math.min(4, Math.max(2, Math.ceil(Math.max(0, ...rt.map((r) => r.upper)))));
  const yCases = (v: number) => top + plotH - (v / caseMax) * plotH;
  const yRt = (v: number) => top + plotH - (Math.min(v, rtMax) / rtMax) * plotH;
  for (let q = 0; q <= 4; q++) {
    const y = yCases(caseTick * q);
    svg.append(
      s('line', { x1: left, x2: width - right, y1: y, y2: y, class: 'grid' }),
      s('text', { x: left - 6, y: y + 4, class: 'chart-axis', 'text-anchor': 'end' }, format(caseTick * q)),
    );
  }
  svg.append(
    s('text', { x: 2, y: top - 8, class: 'axis-title' }, axisTitles[0]),
    s('text', { x: width - 2, y: top - 8, class: 'axis-title', 'text-anchor': 'end' }, axisTitles[1]),
  );
  for (let r = 0; r <= rtMax; r++) {
    svg.append(s('text', { x: width - right + 6, y: yRt(r) + 4, class: 'chart-axis rt-axis' }, String(r)));
  }
  days.forEach((d, i) => {
    const x = left + i * step + step * 0.1;
    const w = Math.max(1, step * 0.8);
    if (d.local > 0) svg.append(s('rect', { x, y: yCases(d.local), width: w, height: yCases(0) - yCases(d.local), class: 'c-local' }));
    if (d.imported > 0) {
      svg.append(s('rect', { x, y: yCases(d.local + d.imported), width: w, height: yCases(d.local) - yCases(d.local + d.imported), class: 'c-imported' }));
    }
  });
  // A date label about every two weeks, and always on the first day.
  const every = Math.max(1, Math.round(n / Math.max(2, Math.floor(plotW / 70))));
  days.forEach((d, i) => {
    if (i % every !== 0) return;
    svg.append(
      s('text', { x: left + i * step + step / 2, y: height - bottom + 16, class: 'chart-axis', 'text-anchor': 'middle' }, `${d.date.slice(8, 10)}/${d.date.slice(5, 7)}`),
    );
  });
  const points = rt.filter((r) => index.has(r.date)).map((r) => ({ ...r, x: left + index.get(r.date)! * step + step / 2 }));
  if (points.length > 0) {
    const band = [...points.map((p) => `${p.x},${yRt(p.upper)}`), ...[...points].reverse().map((p) => `${p.x},${yRt(p.lower)}`)];
    svg.append(s('polygon', { points: band.join(' '), class: 'rt-band' }));
    svg.append(s('line', { x1: left, x2: width - right, y1: yRt(1), y2: yRt(1), class: 'rt-one' }));
    svg.append(s('polyline', { points: points.map((p) => `${p.x},${yRt(p.mean)}`).join(' '), class: 'rt-line' }));
    const last = points[points.length - 1];
    svg.append(s('circle', { cx: last.x, cy: yRt(last.mean), r: 3.5, class: 'rt-dot' }));
    svg.append(s('text', { x: last.x - 6, y: yRt(last.mean) - 10, class: 'rt-label', 'text-anchor': 'end' }, `Rt ${formatRt(last.mean)}`));
  }
  return svg;
}
