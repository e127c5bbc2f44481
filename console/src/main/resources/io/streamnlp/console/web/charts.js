// Small inline-SVG charts: lines over time (with an optional threshold and marked points) and stacked bars.
import { h, fmt } from './dom.js';

const W = 320, H = 120, PAD = { left: 36, right: 8, top: 8, bottom: 18 };
const PALETTE = ['#1f77b4', '#ff7f0e', '#2ca02c', '#d62728', '#9467bd', '#8c564b', '#e377c2', '#7f7f7f', '#bcbd22', '#17becf'];

export function color(i) {
  return PALETTE[i % PALETTE.length];
}

function scale(domain, range) {
  const [d0, d1] = domain, [r0, r1] = range;
  return v => d1 === d0 ? (r0 + r1) / 2 : r0 + (v - d0) * (r1 - r0) / (d1 - d0);
}

function frame(name, label, points) {
  return h('svg:svg', { viewBox: `0 0 ${W} ${H}`, class: 'chart', role: 'img', 'aria-label': label,
    'data-chart': name, 'data-points': points });
}

function axisLabels(svg, yMin, yMax, xFirst, xLast) {
  svg.append(
    h('svg:text', { x: PAD.left - 4, y: PAD.top + 8, class: 'tick', 'text-anchor': 'end' }, fmt(yMax, yMax < 10 ? 2 : 0)),
    h('svg:text', { x: PAD.left - 4, y: H - PAD.bottom, class: 'tick', 'text-anchor': 'end' }, fmt(yMin, yMin < 10 && yMin !== 0 ? 2 : 0)),
    h('svg:text', { x: PAD.left, y: H - 4, class: 'tick' }, xFirst),
    h('svg:text', { x: W - PAD.right, y: H - 4, class: 'tick', 'text-anchor': 'end' }, xLast));
}

/**
 * series: [{name, points: [[x, y], ...]}]; options: {threshold, marked: Set of x to draw red, xLabel(x)}.
 */
export function lineChart(name, label, series, options = {}) {
  const all = series.flatMap(s => s.points);
  const svg = frame(name, label, all.length);
  if (all.length === 0) {
    svg.append(h('svg:text', { x: W / 2, y: H / 2, class: 'empty', 'text-anchor': 'middle' }, 'no data yet'));
    return svg;
  }
  const xs = all.map(p => p[0]);
  const ys = all.map(p => p[1]).concat(options.threshold ?? []);
  const yMax = Math.max(...ys) * 1.1 || 1, yMin = Math.min(0, ...ys);
  const x = scale([Math.min(...xs), Math.max(...xs)], [PAD.left, W - PAD.right]);
  const y = scale([yMin, yMax], [H - PAD.bottom, PAD.top]);
  svg.append(h('svg:line', { x1: PAD.left, x2: PAD.left, y1: PAD.top, y2: H - PAD.bottom, class: 'axis' }),
    h('svg:line', { x1: PAD.left, x2: W - PAD.right, y1: H - PAD.bottom, y2: H - PAD.bottom, class: 'axis' }));
  if (options.threshold !== undefined && options.threshold !== null) {
    svg.append(h('svg:line', { x1: PAD.left, x2: W - PAD.right, y1: y(options.threshold), y2: y(options.threshold),
      class: 'threshold' }, h('svg:title', {}, `threshold ${options.threshold}`)));
  }
  series.forEach((s, i) => {
    const d = s.points.map((p, j) => `${j ? 'L' : 'M'}${x(p[0]).toFixed(1)},${y(p[1]).toFixed(1)}`).join(' ');
    svg.append(h('svg:path', { d, class: 'line', stroke: color(i) }));
    for (const p of s.points) {
      const marked = options.marked?.has(p[0]);
      svg.append(h('svg:circle', { cx: x(p[0]).toFixed(1), cy: y(p[1]).toFixed(1), r: marked ? 3.5 : 2,
        class: marked ? 'point marked' : 'point', fill: marked ? null : color(i) },
        h('svg:title', {}, `${s.name}: ${fmt(p[1], 3)}`)));
    }
  });
  const xl = options.xLabel ?? (v => String(v));
  axisLabels(svg, yMin, yMax, xl(Math.min(...xs)), xl(Math.max(...xs)));
  return svg;
}

/** bars: [{x, parts: {key: value}}]; keys are drawn stacked in the order given. */
export function stackedBars(name, label, bars, keys, options = {}) {
  const svg = frame(name, label, bars.length);
  if (bars.length === 0) {
    svg.append(h('svg:text', { x: W / 2, y: H / 2, class: 'empty', 'text-anchor': 'middle' }, 'no data yet'));
    return svg;
  }
  const totals = bars.map(b => keys.reduce((sum, k) => sum + (b.parts[k] ?? 0), 0));
  const yMax = options.max ?? (Math.max(...totals) || 1);
  const y = scale([0, yMax], [H - PAD.bottom, PAD.top]);
  const step = (W - PAD.left - PAD.right) / bars.length;
  bars.forEach((b, i) => {
    let base = 0;
    keys.forEach((k, j) => {
      const v = b.parts[k] ?? 0;
      if (v <= 0) return;
      svg.append(h('svg:rect', { x: (PAD.left + i * step + 1).toFixed(1), width: Math.max(1, step - 2).toFixed(1),
        y: y(base + v).toFixed(1), height: (y(base) - y(base + v)).toFixed(1), fill: color(j) },
        h('svg:title', {}, `${k}: ${fmt(v, options.digits ?? 0)}`)));
      base += v;
    });
  });
  const xl = options.xLabel ?? (v => String(v));
  axisLabels(svg, 0, yMax, xl(bars[0].x), xl(bars[bars.length - 1].x));
  return svg;
}

export function legend(keys) {
  return h('ul', { class: 'legend' }, keys.map((k, i) => h('li', {},
    h('svg:svg', { viewBox: '0 0 10 10', class: 'swatch', 'aria-hidden': 'true' },
      h('svg:rect', { width: 10, height: 10, fill: color(i) })), k)));
}
