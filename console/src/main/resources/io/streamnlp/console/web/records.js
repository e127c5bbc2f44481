// How an enriched record is shown: its text with the entities marked, its labels, summary and model versions.
import { h, fmt, version } from './dom.js';

export function highlighted(text, entities) {
  const parts = [];
  let at = 0;
  for (const e of [...entities].sort((a, b) => a.start - b.start)) {
    if (e.start < at || e.end > text.length) continue;
    parts.push(text.slice(at, e.start));
    parts.push(h('mark', { class: 'entity', 'data-type': e.type, title: `${e.type} ${fmt(e.score, 2)}` },
      text.slice(e.start, e.end), h('small', {}, e.type)));
    at = e.end;
  }
  parts.push(text.slice(at));
  return h('p', { class: 'text' }, parts);
}

export function labels(record) {
  return h('ul', { class: 'chips' }, record.classifications.map(c =>
    h('li', { title: `${c.task} by ${version(c.model)}` }, `${c.task}: `, h('strong', {}, c.label), ` ${fmt(c.score, 2)}`)));
}

export function enrichedRecord(record) {
  const versions = [...new Set(record.classifications.map(c => version(c.model)))];
  const moderation = record.moderation;
  return h('li', { class: 'record', 'data-event-id': record.event.id },
    h('div', { class: 'meta' }, h('code', {}, record.event.id), ` ${record.event.tenant} · `,
      h('span', { class: 'model-version' }, versions.join(', ')),
      moderation ? h('span', { class: `action ${moderation.action.toLowerCase()}` }, moderation.action) : null),
    highlighted(record.event.text, record.entities),
    labels(record),
    record.summary ? h('p', { class: 'summary' }, h('span', { class: 'muted' }, 'Summary: '), record.summary.text) : null);
}
