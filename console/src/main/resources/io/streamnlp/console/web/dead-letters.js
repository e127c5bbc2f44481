// Dead letters: browse by reason; each shows its message, coordinates, and the original bytes as hex and as text.
import { h, fmt, time } from './dom.js';
import { api } from './client.js';

function bytes(hex) {
  const out = new Uint8Array((hex ?? '').length / 2);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(hex.substr(2 * i, 2), 16);
  return out;
}

function hexDump(data) {
  const rows = [];
  for (let at = 0; at < data.length; at += 16) {
    const row = [...data.slice(at, at + 16)];
    const hex = row.map(b => b.toString(16).padStart(2, '0')).join(' ').padEnd(47, ' ');
    const ascii = row.map(b => (b >= 0x20 && b < 0x7f ? String.fromCharCode(b) : '.')).join('');
    rows.push(`${at.toString(16).padStart(8, '0')}  ${hex}  ${ascii}`);
  }
  return rows.join('\n') || '(empty)';
}

function bytesView(name, hex) {
  if (hex === null) return h('p', {}, h('strong', {}, name), ': none');
  const data = bytes(hex);
  return h('div', { class: 'bytes' },
    h('h4', {}, `${name} (${fmt(data.length)} bytes)`),
    h('pre', { class: 'hex', tabindex: 0, 'aria-label': `${name} as hex` }, hexDump(data)),
    h('pre', { class: 'as-text', tabindex: 0, 'aria-label': `${name} as text` }, new TextDecoder('utf-8', { fatal: false }).decode(data)));
}

function details(letter) {
  return h('article', { class: 'dead-letter', 'data-reason': letter.reason },
    h('h3', {}, h('span', { class: 'reason' }, letter.reason)),
    h('p', { class: 'message' }, letter.message),
    h('dl', {},
      h('dt', {}, 'Source'), h('dd', { class: 'coordinates' }, `${letter.topic}-${letter.partition}@${letter.offset}`),
      h('dt', {}, 'Record time'), h('dd', {}, time(letter.record_timestamp)),
      h('dt', {}, 'Refused at'), h('dd', {}, time(letter.failed_at)),
      h('dt', {}, 'Dead letter'), h('dd', {}, `partition ${letter.dead_letter_partition}, offset ${letter.dead_letter_offset}`)),
    bytesView('Key', letter.key),
    bytesView('Value', letter.value));
}

export async function mount(root, ctx) {
  const letters = await api('dead-letters');
  const select = h('select', { id: 'dl-reason' });
  const list = h('ul', { class: 'letters', id: 'dead-letter-list' });
  const panel = h('div', { class: 'panel', id: 'dead-letter-details' });
  let selected = null;
  root.append(h('h2', {}, 'Dead letters'),
    h('label', {}, 'Reason ', select),
    h('div', { class: 'split' }, list, panel));

  const draw = () => {
    const counts = {};
    letters.forEach(l => { counts[l.reason] = (counts[l.reason] ?? 0) + 1; });
    const reason = select.value || '';
    select.replaceChildren(h('option', { value: '' }, `All (${letters.length})`),
      ...Object.keys(counts).sort().map(r => h('option', { value: r, selected: r === reason }, `${r} (${counts[r]})`)));
    const shown = letters.filter(l => !reason || l.reason === reason).slice().reverse();
    list.replaceChildren(...(shown.length === 0 ? [h('li', {}, 'No dead letters.')] : shown.map(l =>
      h('li', {}, h('button', { type: 'button', class: 'letter', 'aria-pressed': l === selected ? 'true' : 'false',
        onclick: () => { selected = l; draw(); } },
        h('strong', {}, l.reason), ` ${l.topic}-${l.partition}@${l.offset} · ${time(l.failed_at)}`)))));
    panel.replaceChildren(selected ? details(selected) : h('p', { class: 'muted' }, 'Pick a dead letter to see its bytes.'));
  };
  select.addEventListener('change', draw);
  const coordinates = l => `${l.dead_letter_partition}@${l.dead_letter_offset}`;
  const kept = new Set(letters.map(coordinates));
  ctx.on('dead-letter', l => {
    if (kept.has(coordinates(l))) return;
    kept.add(coordinates(l));
    letters.push(l);
    draw();
  });
  draw();
}
