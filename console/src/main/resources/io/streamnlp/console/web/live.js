// Live: throughput, latency, dead letters and label mix per stats window, and the latest enriched records.
import { h, fmt, time } from './dom.js';
import { api } from './client.js';
import { lineChart, stackedBars, legend } from './charts.js';
import { enrichedRecord } from './records.js';

const RECENT = 20;
const WINDOWS = 30;
const REDRAW_MS = 500;

/** The windows of all tenants merged per window start, newest last. */
function merged(windows) {
  const byStart = new Map();
  for (const w of windows.values()) {
    const m = byStart.get(w.window_start) ?? { start: w.window_start, seconds: (w.window_end - w.window_start) / 1000,
      events: 0, late: 0, p50: 0, p99: 0, deadLetters: {}, labels: {}, task: null };
    m.events += w.events;
    m.late += w.late_events;
    m.p50 = Math.max(m.p50, w.latency_p50_ms);
    m.p99 = Math.max(m.p99, w.latency_p99_ms);
    for (const [reason, n] of Object.entries(w.dead_letters)) m.deadLetters[reason] = (m.deadLetters[reason] ?? 0) + n;
    const task = w.tasks.find(t => t.task === 'category') ?? w.tasks[0];
    if (task) {
      m.task = task.task;
      for (const [label, n] of Object.entries(task.label_counts)) m.labels[label] = (m.labels[label] ?? 0) + n;
    }
    byStart.set(w.window_start, m);
  }
  return [...byStart.values()].sort((a, b) => a.start - b.start).slice(-WINDOWS);
}

/** A total whose value and note are updated in place, so that what a reader (or a screen reader) follows stays. */
function card(id, label) {
  const value = h('span', { class: 'value', id }, '–');
  const note = h('span', { class: 'note' });
  const el = h('div', { class: 'card' }, h('span', { class: 'label' }, label), value, note);
  return { el, set: (v, n) => { value.textContent = v; note.textContent = n ?? ''; } };
}

const minute = ms => time(ms).slice(11, 16);

export async function mount(root, ctx) {
  const data = await api('live');
  let seen = data.seen;
  const records = data.enriched.slice(-RECENT).reverse();
  const windows = new Map(data.stats.map(w => [`${w.window_start}/${w.tenant}`, w]));
  const totals = {
    seen: card('live-seen', 'Enriched records seen'),
    rate: card('live-rate', 'Events/s'),
    latency: card('live-latency', 'Latency p50 / p99'),
    deadLetters: card('live-dead-letters', 'Dead letters'),
  };
  const cards = h('section', { class: 'cards', 'aria-label': 'Totals' }, Object.values(totals).map(c => c.el));
  const charts = h('section', { class: 'charts', 'aria-label': 'Charts per window' });
  const list = h('ol', { class: 'records', id: 'recent-records', 'aria-live': 'off' });
  root.append(h('h2', {}, 'Live'), cards, charts, h('h3', {}, 'Latest enriched records'), list);

  const draw = () => {
    const ws = merged(windows);
    const last = ws[ws.length - 1];
    const deadLetters = ws.reduce((sum, w) => sum + Object.values(w.deadLetters).reduce((a, b) => a + b, 0), 0);
    totals.seen.set(fmt(seen), 'since the console started reading');
    totals.rate.set(last ? fmt(last.events / last.seconds, 1) : '–',
      last ? `window ${minute(last.start)}, ${fmt(last.late)} late` : 'no window yet');
    totals.latency.set(last ? `${fmt(last.p50)} / ${fmt(last.p99)} ms` : '–', 'end to end');
    totals.deadLetters.set(fmt(deadLetters), `in ${ws.length} windows`);
    const reasons = [...new Set(ws.flatMap(w => Object.keys(w.deadLetters)))].sort();
    const labelKeys = [...new Set(ws.flatMap(w => Object.keys(w.labels)))].sort();
    const task = ws.find(w => w.task)?.task ?? 'label';
    charts.replaceChildren(
      h('figure', {}, h('figcaption', {}, 'Events/s'),
        lineChart('events', 'events per second by window', [{ name: 'events/s', points: ws.map(w => [w.start, w.events / w.seconds]) }], { xLabel: minute })),
      h('figure', {}, h('figcaption', {}, 'Latency p50 and p99 (ms)'),
        lineChart('latency', 'latency by window', [
          { name: 'p50', points: ws.map(w => [w.start, w.p50]) },
          { name: 'p99', points: ws.map(w => [w.start, w.p99]) }], { xLabel: minute }), legend(['p50', 'p99'])),
      h('figure', {}, h('figcaption', {}, 'Dead letters by reason'),
        stackedBars('dead-letters', 'dead letters by reason and window', ws.map(w => ({ x: w.start, parts: w.deadLetters })), reasons, { xLabel: minute }),
        legend(reasons)),
      h('figure', {}, h('figcaption', {}, `Label mix (${task})`),
        stackedBars('labels', 'label shares by window', ws.map(w => {
          const total = Object.values(w.labels).reduce((a, b) => a + b, 0) || 1;
          return { x: w.start, parts: Object.fromEntries(Object.entries(w.labels).map(([k, n]) => [k, n / total])) };
        }), labelKeys, { max: 1, digits: 2, xLabel: minute }), legend(labelKeys)));
    list.replaceChildren(...records.map(enrichedRecord));
  };

  let pending = null;
  const redraw = () => { pending ??= setTimeout(() => { pending = null; draw(); }, REDRAW_MS); };
  ctx.on('enriched', record => {
    if (record.seen <= seen) return;
    seen = record.seen;
    records.unshift(record);
    records.length = Math.min(records.length, RECENT);
    redraw();
  });
  ctx.on('stats', w => { windows.set(`${w.window_start}/${w.tenant}`, w); redraw(); });
  draw();
  return () => clearTimeout(pending);
}
