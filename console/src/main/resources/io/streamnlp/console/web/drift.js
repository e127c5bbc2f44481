// Drift: per task and served version, each metric's score over windows against its threshold; drifted windows red.
import { h, fmt, time, version } from './dom.js';
import { api } from './client.js';
import { lineChart } from './charts.js';

const REDRAW_MS = 1000;
const clock = ms => time(ms).slice(11, 19);

function group(reports) {
  const groups = new Map();
  for (const r of reports) {
    const key = `${r.task} · ${version(r.model)}`;
    if (!groups.has(key)) groups.set(key, []);
    groups.get(key).push(r);
  }
  return groups;
}

function section(key, reports) {
  const metrics = [...new Set(reports.flatMap(r => Object.keys(r.scores).concat(Object.keys(r.thresholds))))].sort();
  const last = reports[reports.length - 1];
  const drifted = reports.filter(r => r.drifted).length;
  return h('section', { class: 'drift-group', 'data-group': key },
    h('h3', {}, key, ' ', h('span', { class: last.drifted ? 'badge bad' : 'badge ok' },
      last.drifted ? `drifted: ${last.drifted_metrics.join(', ')}` : 'stable')),
    h('p', { class: 'muted' }, `${reports.length} windows, ${drifted} drifted; last ended ${time(last.window_end)} with ${fmt(last.count)} events`),
    h('div', { class: 'charts' }, metrics.map(metric => {
      const points = reports.filter(r => metric in r.scores).map(r => [r.window_end, r.scores[metric]]);
      const marked = new Set(reports.filter(r => r.drifted_metrics.includes(metric)).map(r => r.window_end));
      return h('figure', {}, h('figcaption', {}, metric),
        lineChart(`drift-${metric}`, `${metric} by window`, [{ name: metric, points }],
          { threshold: last.thresholds[metric], marked, xLabel: clock }));
    })));
}

function retrainRequest(r) {
  // the retrainer's own reasons already end with the count
  const counted = r.reason.includes(`${r.feedback_count} new`);
  return h('li', {}, h('strong', {}, `${r.model_name}:${r.model_version} ${r.task}`), ` ${time(r.requested_at)}: ${r.reason}`,
    counted ? null : h('span', { class: 'muted' }, ` (${fmt(r.feedback_count)} new labels)`));
}

export async function mount(root, ctx) {
  const { reports, retrain_requests: retrains } = await api('drift');
  const body = h('div', {});
  const requests = h('ol', { id: 'retrain-requests', class: 'plain' });
  root.append(h('h2', {}, 'Drift'),
    h('h3', {}, 'Retrain requests'), requests,
    h('p', { class: 'muted' }, 'Dashed line: the threshold. Red points: windows where that metric drifted.'), body);
  const drawRequests = () => requests.replaceChildren(...(retrains.length === 0
    ? [h('li', { class: 'muted' }, 'None yet: the retrainer asks when drift persists and enough labels came in.')]
    : [...retrains].reverse().map(retrainRequest)));
  const draw = () => {
    const groups = group(reports);
    body.replaceChildren(...(groups.size === 0 ? [h('p', {}, 'No drift windows yet.')]
      : [...groups].map(([key, rs]) => section(key, rs))));
  };
  const reportKey = r => `${r.model?.name}:${r.model?.version}/${r.task}/${r.window_start}`;
  const reported = new Set(reports.map(reportKey));
  const requested = new Set(retrains.map(r => r.request_id));
  let pending = null;
  ctx.on('drift', r => {
    if (reported.has(reportKey(r))) return;
    reported.add(reportKey(r));
    reports.push(r);
    pending ??= setTimeout(() => { pending = null; draw(); }, REDRAW_MS);
  });
  ctx.on('retrain', r => {
    if (requested.has(r.request_id)) return;
    requested.add(r.request_id);
    retrains.push(r);
    drawRequests();
  });
  drawRequests();
  draw();
  return () => clearTimeout(pending);
}
