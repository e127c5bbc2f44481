// Requests to the console's API, with the bearer token once the reviewer has one.
const TOKEN_KEY = 'streamnlp.console.token';
let settings = { writable: false };

/** Takes a token handed over in the address (#token=...) and removes it from there and from the history. */
export function takeTokenFromAddress() {
  const match = location.hash.match(/token=([^&]+)/);
  if (match) {
    setToken(decodeURIComponent(match[1]));
    history.replaceState(null, '', location.pathname + '#live');
  }
}

export function setToken(token) {
  sessionStorage.setItem(TOKEN_KEY, token);
}

export function hasToken() {
  return sessionStorage.getItem(TOKEN_KEY) !== null;
}

export async function loadConfig() {
  settings = await api('config');
}

export function config() {
  return settings;
}

export async function api(path, options = {}) {
  const headers = { Accept: 'application/json' };
  if (options.body !== undefined) headers['Content-Type'] = 'application/json';
  const token = sessionStorage.getItem(TOKEN_KEY);
  if (token && options.method && options.method !== 'GET') headers.Authorization = `Bearer ${token}`;
  const response = await fetch(`/api/${path}`, {
    method: options.method ?? 'GET', headers,
    body: options.body === undefined ? undefined : JSON.stringify(options.body),
  });
  const json = await response.json();
  if (!response.ok) throw new Error(json.message ?? `HTTP ${response.status}`);
  return json;
}

/** Asks in a modal dialog; resolves true when confirmed. */
export function confirmAction(text) {
  const dialog = document.getElementById('confirm');
  document.getElementById('confirm-text').textContent = text;
  return new Promise(resolve => {
    dialog.addEventListener('close', () => resolve(dialog.returnValue === 'ok'), { once: true });
    dialog.returnValue = '';
    dialog.showModal();
    document.getElementById('confirm-ok').focus();
  });
}

export function canWrite() {
  return settings.writable && hasToken();
}

