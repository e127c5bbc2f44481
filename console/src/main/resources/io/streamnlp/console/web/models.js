// Models: versions with metrics and lineage, aliases, and promote / roll back (confirmed) followed to the job's swap.
import { h, fmt, time } from './dom.js';
import { api, canWrite, confirmAction } from './client.js';

const REFRESH_MS = 5000;

/** The headline scores at once, every metric behind a disclosure. */
function metrics(manifest) {
  const entries = Object.entries(manifest.metrics ?? {});
  if (entries.length === 0) return '–';
  const headline = entries.filter(([k]) => /(^|\.)(macro_f1|f1)$/.test(k));
  const item = ([k, v]) => h('li', {}, `${k} ${fmt(v, 3)}`);
  return h('div', {}, h('ul', { class: 'plain' }, (headline.length ? headline : entries.slice(0, 3)).map(item)),
    entries.length > headline.length ? h('details', {}, h('summary', {}, `all ${entries.length}`),
      h('ul', { class: 'plain' }, entries.map(item))) : null);
}

/** The parent version and, for a retrained version, the retrain request it answered. */
function lineage(v) {
  const parent = v.manifest.parent_version == null ? '–' : `parent ${v.manifest.parent_version}`;
  const r = v.retrain_request;
  if (!r) return parent;
  return h('div', {}, parent, h('br'), r.request_id
    ? h('span', { title: r.reason }, `retrain request ${r.request_id.slice(0, 8)}`, h('br'),
      h('span', { class: 'muted' }, `${r.model_name}:${r.model_version} ${r.task}, ${time(r.requested_at)}`))
    : h('span', { class: 'muted', title: r.record }, 'retrain request (older than the console remembers)'));
}

export async function mount(root, ctx) {
  const status = h('p', { id: 'models-status', role: 'status', class: 'muted' });
  const body = h('div', {});
  root.append(h('h2', {}, 'Models'), status, body);
  let models = [];
  let awaiting = null;

  const act = async (text, path, body) => {
    if (!(await confirmAction(text))) return;
    try {
      const v = await api(path, { method: 'POST', body });
      awaiting = { name: v.name, version: String(v.version) };
      status.textContent = `${v.name}@champion → ${v.version}; waiting for the job to serve it…`;
      await refresh();
    } catch (e) {
      status.textContent = `Refused: ${e.message}`;
    }
  };

  const table = model => {
    const champion = model.aliases.champion;
    const older = model.versions.filter(v => v < champion);
    return h('section', { class: 'model', 'data-model': model.name },
      h('h3', {}, model.name),
      h('p', {}, 'Aliases: ', Object.entries(model.aliases).map(([a, v]) => h('span', { class: 'chip' }, `${a} → ${v}`)),
        ' · the job serves ', h('strong', { id: `serving-${model.name}` }, model.serving ?? 'nothing seen yet'),
        older.length && canWrite() ? h('button', { type: 'button', class: 'rollback',
          onclick: () => act(`Roll ${model.name}@champion back from ${champion} to ${Math.max(...older)}?`,
            `models/${encodeURIComponent(model.name)}/rollback`, {}) }, `Roll back to ${Math.max(...older)}`) : null),
      h('div', { class: 'scroll' }, h('table', {},
        h('thead', {}, h('tr', {}, ['Version', 'Created', 'Tasks', 'Metrics', 'Lineage', 'Data fingerprint', ''].map(t => h('th', { scope: 'col' }, t)))),
        h('tbody', {}, model.details.map(v => h('tr', { 'data-version': v.version, class: v.archived ? 'archived' : null },
          h('th', { scope: 'row' }, String(v.version), v.version === champion ? h('span', { class: 'chip' }, 'champion') : null),
          h('td', {}, time(Date.parse(v.manifest.created_at))),
          h('td', {}, v.manifest.tasks.join(', ')),
          h('td', {}, metrics(v.manifest)),
          h('td', { class: 'lineage' }, lineage(v)),
          h('td', {}, h('code', { title: v.manifest.training_data_fingerprint ?? '' }, (v.manifest.training_data_fingerprint ?? '–').slice(0, 16))),
          h('td', {}, !v.archived && v.version !== champion && canWrite()
            ? h('button', { type: 'button', class: 'promote', 'data-version': v.version,
              onclick: () => act(`Promote ${model.name}:${v.version} to champion? The job swaps it in.`,
                `models/${encodeURIComponent(model.name)}/promote`, { version: v.version }) }, 'Promote')
            : '')))))));
  };

  const draw = () => {
    body.replaceChildren(...(models.length === 0 ? [h('p', {}, 'No models registered.')] : models.map(table)));
    if (!canWrite()) status.textContent = 'Read-only: sign in with the console token to promote or roll back.';
  };
  let shown = '';
  // redrawn only on change, so that keyboard focus stays put between a retrainer's promotions
  const refresh = async () => {
    const fresh = await api('models');
    const text = JSON.stringify(fresh.map(({ serving, ...rest }) => rest));
    models = fresh;
    if (text !== shown) {
      shown = text;
      draw();
    }
  };
  ctx.on('enriched', record => {
    for (const c of record.classifications) {
      const model = models.find(m => m.name === c.model.name);
      if (!model || model.serving === c.model.version) continue;
      model.serving = c.model.version;
      const cell = document.getElementById(`serving-${model.name}`);
      if (cell) cell.textContent = c.model.version;
      if (awaiting && awaiting.name === model.name && awaiting.version === c.model.version) {
        status.textContent = `The job serves ${model.name}:${c.model.version}.`;
        awaiting = null;
      }
    }
  });
  await refresh();
  const timer = setInterval(() => refresh().catch(() => {}), REFRESH_MS);
  return () => clearInterval(timer);
}
