// The console's shell: hash routing between pages, the one event stream they share, the token, and requests.
import { config, hasToken, loadConfig, setToken, takeTokenFromAddress } from './client.js';
import * as live from './live.js';
import * as drift from './drift.js';
import * as models from './models.js';
import * as deadLetters from './dead-letters.js';
import * as review from './review.js';

const PAGES = { live, drift, models, 'dead-letters': deadLetters, review };
const listeners = new Map();
/** Events that arrive while a page loads its data, replayed to it once mounted: none is lost in between. */
let arrivedWhileMounting = null;
let current = null;
let generation = 0;

function on(event, handler) {
  if (!listeners.has(event)) listeners.set(event, new Set());
  listeners.get(event).add(handler);
  return () => listeners.get(event).delete(handler);
}

function connect() {
  const badge = document.getElementById('connection');
  const source = new EventSource('/api/events');
  for (const event of ['enriched', 'stats', 'drift', 'retrain', 'dead-letter', 'review']) {
    source.addEventListener(event, e => {
      const data = JSON.parse(e.data);
      arrivedWhileMounting?.push([event, data]);
      for (const handler of listeners.get(event) ?? []) handler(data);
    });
  }
  let lost = false;
  source.addEventListener('open', () => {
    badge.textContent = 'live';
    badge.className = 'badge ok';
    if (lost) show();
    lost = false;
  });
  source.addEventListener('error', () => {
    badge.textContent = 'reconnecting…';
    badge.className = 'badge warn';
    lost = true;
  });
}

async function show() {
  const name = location.hash.slice(1) in PAGES ? location.hash.slice(1) : 'live';
  const mine = ++generation;
  current?.unmount();
  current = null;
  const root = document.getElementById('page');
  const container = document.createElement('div');
  root.replaceChildren(container);
  document.querySelectorAll('nav a').forEach(a => {
    if (a.dataset.page === name) a.setAttribute('aria-current', 'page');
    else a.removeAttribute('aria-current');
  });
  const subscriptions = [];
  const handlers = [];
  const ctx = { on: (event, handler) => { handlers.push([event, handler]); subscriptions.push(on(event, handler)); } };
  const arrived = [];
  arrivedWhileMounting = arrived;
  let unmount;
  try {
    unmount = await PAGES[name].mount(container, ctx);
  } finally {
    if (arrivedWhileMounting === arrived) arrivedWhileMounting = null;
  }
  // pages subscribe after their last await, so an event is either in their data, replayed here, or both:
  // each page's handler ignores what its data already holds
  for (const [event, data] of arrived) {
    for (const [wanted, handler] of handlers) if (wanted === event) handler(data);
  }
  const page = { unmount: () => { subscriptions.forEach(off => off()); unmount?.(); } };
  if (mine !== generation) {
    // another page was asked for while this one loaded its data
    page.unmount();
    return;
  }
  current = page;
  root.dataset.page = name;
}

function signInForm() {
  const form = document.getElementById('sign-in');
  form.hidden = !config().writable || hasToken();
  form.addEventListener('submit', e => {
    e.preventDefault();
    const token = form.elements.token.value.trim();
    if (token) {
      setToken(token);
      form.hidden = true;
      show();
    }
  });
}

async function start() {
  takeTokenFromAddress();
  await loadConfig();
  signInForm();
  window.addEventListener('hashchange', () => {
    takeTokenFromAddress();
    show();
  });
  connect();
  await show();
}

start();
