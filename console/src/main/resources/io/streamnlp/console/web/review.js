// Review: records the job routed to human review; a click or a digit key picks the correct label, written as Feedback.
import { h, fmt, version } from './dom.js';
import { api, canWrite } from './client.js';
import { highlighted } from './records.js';

const ANNOTATOR_KEY = 'streamnlp.console.annotator';
const SHOWN = 30;
const LABELLED_SHOWN = 10;
/** As many as the console keeps (console.recent-records' default); older ones leave the page too. */
const KEPT = 200;
const REDRAW_MS = 500;

/** The labels a reviewer can pick for a task: the model's known labels, else the scored ones. */
function choices(item, task, knownLabels) {
  const c = item.classifications.find(x => x.task === task);
  const scored = c ? c.top_k.map(s => s.label) : [];
  return [...new Set([...scored, ...(knownLabels[task] ?? [])])].slice(0, 9);
}

function scoreOf(item, task, label) {
  const c = item.classifications.find(x => x.task === task);
  return c?.top_k.find(s => s.label === label)?.score;
}

export async function mount(root, ctx) {
  const [items, models] = await Promise.all([api('review'), api('models').catch(() => [])]);
  const knownLabels = {};
  for (const m of models) {
    for (const v of m.details) Object.assign(knownLabels, v.manifest.labels ?? {});
  }
  const tasks = [...new Set(items.flatMap(i => i.classifications.map(c => c.task)))];
  let task = tasks.includes('category') ? 'category' : tasks[0];
  const status = h('p', { id: 'review-status', role: 'status', class: 'muted' });
  const annotator = h('input', { id: 'annotator', value: localStorage.getItem(ANNOTATOR_KEY) ?? '', placeholder: 'your name', size: 12 });
  annotator.addEventListener('change', () => localStorage.setItem(ANNOTATOR_KEY, annotator.value.trim()));
  const taskSelect = h('select', { id: 'review-task' });
  const list = h('ol', { class: 'review', id: 'review-queue' });
  const counter = h('p', { id: 'review-count' });
  root.append(h('h2', {}, 'Review queue'),
    h('p', { class: 'muted' }, 'Tab to an item, then press a digit to pick its label (or click one).'),
    h('div', { class: 'toolbar' }, h('label', {}, 'Task ', taskSelect), h('label', {}, 'Reviewer ', annotator)),
    counter, status, list);

  const label = async (item, value) => {
    if (!canWrite()) {
      status.textContent = 'Read-only: sign in with the console token to label.';
      return;
    }
    try {
      const body = { event_id: item.event.id, task, label: value };
      if (annotator.value.trim()) body.annotator = annotator.value.trim();
      const written = await api('feedback', { method: 'POST', body });
      status.textContent = `Labelled ${item.event.id} ${task} = ${value} (feedback offset ${written.offset}).`;
    } catch (e) {
      status.textContent = `Not labelled: ${e.message}`;
    }
  };

  const row = item => {
    const mine = item.labels.filter(l => l.task === task);
    const options = choices(item, task, knownLabels);
    const c = item.classifications.find(x => x.task === task);
    const li = h('li', { class: mine.length ? 'item done' : 'item', tabindex: 0, 'data-event-id': item.event.id,
      'aria-label': `review item ${item.event.id}` },
      h('div', { class: 'meta' }, h('code', {}, item.event.id), ` ${item.event.tenant} · `,
        c ? `model says ${c.label} ${fmt(c.score, 2)} (${version(c.model)})` : `no ${task} result`,
        item.moderation ? h('span', { class: `action ${item.moderation.action.toLowerCase()}` },
          item.moderation.audit_sampled ? 'audit sample' : item.moderation.action) : null),
      highlighted(item.event.text, item.entities),
      h('div', { class: 'choices', role: 'group', 'aria-label': `${task} label` }, options.map((option, i) =>
        h('button', { type: 'button', class: 'choice', 'data-label': option, 'data-key': i + 1,
          'aria-pressed': mine.some(l => l.label === option) ? 'true' : 'false',
          onclick: () => label(item, option) },
          h('kbd', {}, String(i + 1)), ` ${option}`, scoreOf(item, task, option) !== undefined
            ? h('small', {}, ` ${fmt(scoreOf(item, task, option), 2)}`) : null))),
      mine.length ? h('p', { class: 'labelled' }, mine.map(l => `${l.label} by ${l.annotator}`).join('; ')) : null);
    li.addEventListener('keydown', e => {
      const n = Number(e.key);
      if (e.target === li && n >= 1 && n <= options.length) {
        e.preventDefault();
        // on to the next item, as a reviewer working down the queue expects
        li.nextElementSibling?.focus();
        label(item, options[n - 1]);
      }
    });
    return li;
  };

  let rows = new Map();
  const draw = () => {
    const focused = document.activeElement?.closest?.('li.item')?.dataset.eventId;
    taskSelect.replaceChildren(...tasks.map(t => h('option', { value: t, selected: t === task }, t)));
    const done = item => (item.labels.some(l => l.task === task) ? 1 : 0);
    // the newest waiting items, then the latest labelled ones, so that a reviewer sees what they just did
    const waiting = items.filter(i => !done(i)).reverse().slice(0, SHOWN);
    const ordered = waiting.concat(items.filter(done).slice(-LABELLED_SHOWN).reverse());
    counter.textContent = `${items.filter(i => !done(i)).length} waiting, ${items.filter(done).length} labelled (${task})`;
    // rows are rebuilt only when their item or the task changed, so what a reviewer points at stays put
    const kept = new Map();
    for (const item of ordered) {
      const key = `${item.event.id}|${task}|${item.labels.length}`;
      kept.set(key, rows.get(key) ?? row(item));
    }
    rows = kept;
    list.replaceChildren(...(ordered.length === 0 ? [h('li', {}, 'Nothing to review.')] : rows.values()));
    if (focused) list.querySelector(`li[data-event-id="${CSS.escape(focused)}"]`)?.focus();
  };
  taskSelect.addEventListener('change', () => { task = taskSelect.value; draw(); });
  let pending = null;
  ctx.on('review', item => {
    const at = items.findIndex(i => i.event.id === item.event.id);
    if (at >= 0) items[at] = item;
    else items.push(item);
    if (items.length > KEPT) items.splice(0, items.length - KEPT);
    for (const c of item.classifications) if (!tasks.includes(c.task)) tasks.push(c.task);
    task ??= tasks[0];
    pending ??= setTimeout(() => { pending = null; draw(); }, REDRAW_MS);
  });
  draw();
  return () => clearTimeout(pending);
}
