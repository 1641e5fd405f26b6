// Kesu local console: a thin page over the console's HTTP API. The server renders every view to HTML
// (src/notifiers/render/html.ts); this script only routes, sends, and applies live updates.
const $ = (selector, root = document) => root.querySelector(selector);

const state = {
  me: sessionStorage.getItem('kesu.as') ?? localStorage.getItem('kesu.as') ?? '',
  session: null,
  /** '#quality' (a channel), '@<me>' (the bot's DMs), or 'tasks'. */
  view: 'tasks',
  unread: new Map(),
  events: null,
  /** Answers only this page sees, per view: they stay when the view is drawn again (a live refresh). */
  ephemeral: new Map(),
  /** A card to scroll to and highlight once it is drawn (`#/c/%23quality?card=KS-2026-0001`). */
  highlight: null,
};

async function api(path, body) {
  const res = await fetch(path, {
    method: body === undefined ? 'GET' : 'POST',
    headers: { 'x-kesu-as': state.me, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const data = await res.json().catch(() => ({ error: res.statusText }));
  return { ok: res.ok, status: res.status, data };
}

const t = (key) => state.session?.strings?.[key] ?? key;

// ---- session, identity, sidebar -------------------------------------------------------------

async function loadSession() {
  const { ok, data } = await api('/api/session');
  if (!ok) throw new Error(data.error);
  state.session = data;
  state.me = data.me.id;
  sessionStorage.setItem('kesu.as', state.me);
  localStorage.setItem('kesu.as', state.me);
  document.documentElement.lang = data.me.locale;
  for (const el of document.querySelectorAll('[data-text]')) el.textContent = t(el.dataset.text);
  $('#org-name').textContent = data.organisation;
  $('#composer-input').placeholder = t('composerPlaceholder');
  const who = $('#whoami');
  who.replaceChildren(...data.people.map((p) => new Option(`${p.name} · ${p.role}`, p.id, false, p.id === state.me)));
  $('#channels').replaceChildren(
    ...data.channels.map((ch) => {
      const li = document.createElement('li');
      const a = Object.assign(document.createElement('a'), { className: 'nav-item', href: `#/c/${encodeURIComponent(ch.id)}` });
      a.dataset.conversation = ch.id;
      a.append(Object.assign(document.createElement('span'), { textContent: ch.name }), unreadBadge(ch.id));
      li.append(a);
      return li;
    }),
  );
  showClock(data.clock);
  showCalendarNotice(data.calendarNotice);
  connectEvents();
  document.body.dataset.viewer = state.me;
}

function unreadBadge(conversation) {
  const badge = Object.assign(document.createElement('span'), { className: 'unread' });
  badge.dataset.unread = conversation;
  return badge;
}

function bumpUnread(conversation) {
  const key = conversation.startsWith('@') ? 'dm' : conversation;
  state.unread.set(key, (state.unread.get(key) ?? 0) + 1);
  paintUnread();
}

function paintUnread() {
  for (const el of document.querySelectorAll('[data-unread]')) {
    const n = state.unread.get(el.dataset.unread) ?? 0;
    el.textContent = n ? String(n) : '';
  }
}

/** The working calendar's years without a State Council notice, under the page title (hidden when none). */
function showCalendarNotice(text) {
  let el = $('#calendar-notice');
  if (!el) {
    el = Object.assign(document.createElement('p'), { id: 'calendar-notice', className: 'offline' });
    el.setAttribute('role', 'note');
    $('.topbar-title').append(el);
  }
  el.textContent = text ?? '';
  el.hidden = !text;
}

function showClock(clock) {
  $('#clock-now').textContent = clock.nowText;
  $('#clock-label').textContent = clock.label;
  $('#clock').classList.toggle('simulated', clock.offsetMs > 0);
}

// ---- views -----------------------------------------------------------------------------------

function safeDecode(text) {
  try {
    return decodeURIComponent(text);
  } catch {
    return 'tasks';
  }
}

function route() {
  const [hash, query = ''] = location.hash.split('?');
  state.highlight = new URLSearchParams(query).get('card');
  setMenu(false);
  if (hash.startsWith('#/c/')) state.view = safeDecode(hash.slice(4));
  else if (hash === '#/dm') state.view = `@${state.me}`;
  else state.view = 'tasks';
  for (const a of document.querySelectorAll('.nav-item')) {
    const current =
      (a.id === 'tasks-link' && state.view === 'tasks') || (a.id === 'dm-link' && state.view.startsWith('@')) || a.dataset.conversation === state.view;
    a.classList.toggle('active', current);
    if (current) a.setAttribute('aria-current', 'page');
    else a.removeAttribute('aria-current');
  }
  state.unread.delete(state.view.startsWith('@') ? 'dm' : state.view);
  paintUnread();
  return render();
}

async function render() {
  const pane = $('#messages');
  const view = state.view;
  if (view === 'tasks') {
    $('#title').textContent = t('tasks');
    $('#subtitle').textContent = t('tasksHint');
    const { ok, data } = await api('/api/tasks');
    if (state.view !== view) return;
    pane.innerHTML = (ok ? data.html : errorHtml(data.error)) + ephemeralHtml(view);
    $('#tasks-count').textContent = data.count ? String(data.count) : '';
    pane.dataset.view = 'tasks';
    return;
  }
  const channel = state.session.channels.find((c) => c.id === view);
  $('#title').textContent = channel ? channel.name : t('botDm');
  $('#subtitle').textContent = '';
  const { ok, data } = await api(`/api/conversations/${encodeURIComponent(view)}`);
  if (state.view !== view) return;
  const kept = ephemeralHtml(view);
  pane.innerHTML = (ok ? data.html || (kept ? '' : `<p class="empty">${escapeText(t('empty'))}</p>`) : errorHtml(data.error)) + kept;
  pane.dataset.view = view;
  pane.scrollTop = pane.scrollHeight;
  showHighlight();
}

/** Scroll to the card the link named and mark it (it may arrive a moment later, by a live update). */
function showHighlight() {
  if (!state.highlight) return;
  const card = document.querySelector(`#messages article.card[data-number="${CSS.escape(state.highlight)}"]`);
  if (!card) return;
  state.highlight = null;
  for (const old of document.querySelectorAll('#messages .card.highlight')) old.classList.remove('highlight');
  card.classList.add('highlight');
  card.scrollIntoView({ block: 'center' });
}

async function refreshTaskCount() {
  const { ok, data } = await api('/api/tasks');
  if (!ok) return;
  $('#tasks-count').textContent = data.count ? String(data.count) : '';
  if (state.view === 'tasks') $('#messages').innerHTML = data.html + ephemeralHtml('tasks');
  // A DM's cards show the buttons the person may use now: draw them again after any change.
  else if (state.view.startsWith('@')) await render();
}

function escapeText(text) {
  const div = document.createElement('div');
  div.textContent = text;
  return div.innerHTML;
}

const errorHtml = (message) => `<div class="message tone-danger ephemeral" role="alert"><div class="text">${escapeText(message)}</div></div>`;

/** An answer only this page sees, at the bottom of the current conversation (kept there until the page reloads). */
function appendEphemeral(html) {
  const pane = $('#messages');
  const view = pane.dataset.view ?? state.view;
  const kept = state.ephemeral.get(view) ?? [];
  kept.push(html);
  state.ephemeral.set(view, kept.slice(-20));
  pane.querySelector('.empty')?.remove();
  pane.insertAdjacentHTML('beforeend', html);
  pane.lastElementChild?.classList.add('ephemeral');
  pane.scrollTop = pane.scrollHeight;
}

function ephemeralHtml(view) {
  return (state.ephemeral.get(view) ?? []).map((html) => html.replace(/^<div class="message /, '<div class="message ephemeral ')).join('');
}

// ---- live updates ----------------------------------------------------------------------------

function connectEvents() {
  state.events?.close();
  const events = new EventSource(`/api/events?as=${encodeURIComponent(state.me)}`);
  state.events = events;
  events.addEventListener('ready', () => {
    // After a reconnect, events sent while the page was away are lost: draw the view again.
    if (!$('#offline').hidden) render();
    $('#offline').hidden = true;
  });
  events.addEventListener('message', (e) => onMessage(JSON.parse(e.data)));
  events.addEventListener('clock', async () => {
    const { data } = await api('/api/session');
    if (data?.clock) showClock(data.clock);
    if (data) showCalendarNotice(data.calendarNotice);
    await render();
  });
  let changed;
  events.addEventListener('changed', () => {
    clearTimeout(changed);
    changed = setTimeout(refreshTaskCount, 100);
  });
  events.onerror = () => {
    $('#offline').textContent = t('reconnecting');
    $('#offline').hidden = false;
  };
}

/** The latest fetch per message: an older answer arriving late must not overwrite a newer card. */
const fetches = new Map();

async function onMessage(event) {
  if (event.conversation !== state.view) {
    if (!event.replaced) bumpUnread(event.conversation);
    return;
  }
  const seq = (fetches.get(event.id) ?? 0) + 1;
  fetches.set(event.id, seq);
  const { ok, data } = await api(`/api/messages/${encodeURIComponent(event.id)}`);
  if (!ok || state.view !== event.conversation || fetches.get(event.id) !== seq) return;
  const pane = $('#messages');
  const existing = document.getElementById(`msg-${event.id}`);
  if (existing) {
    const open = existing.querySelector('details.timeline')?.open;
    existing.outerHTML = data.html;
    if (open) document.getElementById(`msg-${event.id}`)?.querySelector('details.timeline')?.setAttribute('open', '');
  } else {
    pane.querySelector('.empty')?.remove();
    // New messages go above this page's own answers, which stay at the bottom.
    const firstEphemeral = pane.querySelector(':scope > .message.ephemeral');
    if (firstEphemeral) firstEphemeral.insertAdjacentHTML('beforebegin', data.html);
    else pane.insertAdjacentHTML('beforeend', data.html);
    pane.scrollTop = pane.scrollHeight;
  }
  showHighlight();
}

// ---- composer, buttons, forms ----------------------------------------------------------------

async function runCommand(text) {
  const { ok, data } = await api('/api/command', { text });
  if (!ok) return appendEphemeral(errorHtml(data.error));
  if (data.form) return openModal(data.html);
  appendEphemeral(data.html);
}

function openModal(html) {
  const modal = $('#modal');
  modal.innerHTML = html;
  for (const field of modal.querySelectorAll('[data-max]')) updateCounter(field);
  if (!modal.open) modal.showModal();
  (modal.querySelector('[aria-invalid="true"]') ?? modal.querySelector('input:not([type=hidden]), select, textarea'))?.focus();
}

function formValues(form) {
  const values = {};
  for (const group of form.querySelectorAll('[data-multi]')) {
    values[group.dataset.multi] = [...group.querySelectorAll('input:checked')].map((i) => i.value);
  }
  for (const el of form.elements) {
    if (!el.name || el.closest('[data-multi]')) continue;
    values[el.name] = el.type === 'checkbox' ? el.checked : el.value;
  }
  return values;
}

async function submitForm(form) {
  const button = form.querySelector('button[type=submit]');
  if (button.disabled) return;
  button.disabled = true;
  try {
    const body = { form: form.dataset.form, values: formValues(form) };
    if (form.dataset.complaint) body.complaint = form.dataset.complaint;
    const { ok, data } = await api('/api/forms/submit', body);
    if (ok) {
      $('#modal').close();
      appendEphemeral(data.html);
    } else if (data.html) {
      openModal(data.html);
    } else {
      $('#modal').close();
      appendEphemeral(errorHtml(data.error));
    }
  } finally {
    button.disabled = false;
  }
}

/** "n / max" under a long text field: shown from 80 % of the limit, marked when over it (the server refuses then). */
function updateCounter(field) {
  const counter = document.getElementById(`count-${field.name}`);
  if (!counter) return;
  const max = Number(field.dataset.max);
  const n = field.value.length;
  counter.textContent = `${n} / ${max}`;
  counter.hidden = n < max * 0.8;
  counter.classList.toggle('over', n > max);
}

/** The person fixed a field: the error beside it goes (the server checks again on submit). */
function clearFieldError(control) {
  const field = control.closest('.form-field');
  if (!field?.classList.contains('invalid')) return;
  field.classList.remove('invalid');
  const error = field.querySelector('.field-error');
  for (const el of field.querySelectorAll('[aria-invalid]')) {
    el.removeAttribute('aria-invalid');
    const ids = (el.getAttribute('aria-describedby') ?? '').split(' ').filter((id) => id && id !== error?.id);
    if (ids.length) el.setAttribute('aria-describedby', ids.join(' '));
    else el.removeAttribute('aria-describedby');
  }
  error?.remove();
}

for (const type of ['input', 'change']) {
  document.addEventListener(type, (e) => {
    const control = e.target;
    if (!(control instanceof Element) || !control.closest('form.kform')) return;
    clearFieldError(control);
    if (control.dataset.max) updateCounter(control);
  });
}

// Enter in a one-line field of a form does not submit it half-filled (the composer still sends on Enter).
document.addEventListener('keydown', (e) => {
  const el = e.target;
  if (e.key !== 'Enter' || e.isComposing || !(el instanceof HTMLInputElement) || !el.closest('form.kform')) return;
  if (!['checkbox', 'radio', 'submit', 'button'].includes(el.type)) e.preventDefault();
});

// ---- narrow screens: the sidebar folds away behind a menu button ------------------------------

function setMenu(open) {
  document.body.classList.toggle('nav-open', open);
  $('#menu-button').setAttribute('aria-expanded', String(open));
  $('#scrim').hidden = !open;
}

$('#menu-button').addEventListener('click', () => setMenu(!document.body.classList.contains('nav-open')));
$('#scrim').addEventListener('click', () => setMenu(false));
document.addEventListener('keydown', (e) => {
  if (e.key === 'Escape' && document.body.classList.contains('nav-open')) setMenu(false);
});

async function openFilingForm() {
  const { ok, data } = await api('/api/forms/open', { form: 'file' });
  return ok ? openModal(data.html) : appendEphemeral(errorHtml(data.error));
}

$('#new-complaint').addEventListener('click', openFilingForm);

/** Fetch the file (the person goes in a header, not a link) and hand it to the browser as a download. */
async function exportFile({ export: format, from, to, dept, statement }) {
  const res = await fetch('/api/export', {
    method: 'POST',
    headers: { 'x-kesu-as': state.me, 'content-type': 'application/json' },
    body: JSON.stringify(statement ? { format, statement } : { format, from, to, ...(dept ? { department: dept } : {}) }),
  });
  if (!res.ok) return appendEphemeral(errorHtml((await res.json().catch(() => ({}))).error ?? res.statusText));
  const name = /filename="([^"]+)"/.exec(res.headers.get('content-disposition') ?? '')?.[1] ?? `kesu.${format}`;
  const url = URL.createObjectURL(await res.blob());
  const a = Object.assign(document.createElement('a'), { href: url, download: name });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

document.addEventListener('click', async (e) => {
  const target = e.target instanceof Element ? e.target : null;
  if (target?.closest('.nav-item')) setMenu(false);
  const action = target?.closest('[data-action]');
  if (action) {
    const { ok, data } = await api('/api/forms/open', { form: action.dataset.action, complaint: action.dataset.complaint });
    return ok ? openModal(data.html) : appendEphemeral(errorHtml(data.error));
  }
  const own = target?.closest('[data-button]');
  if (own) {
    own.disabled = true;
    try {
      const { ok, data } = await api('/api/buttons', { button: own.dataset.button, value: own.dataset.value });
      return appendEphemeral(ok ? data.html : errorHtml(data.error));
    } finally {
      own.disabled = false;
    }
  }
  const download = target?.closest('[data-export]');
  if (download) return exportFile(download.dataset);
  const show = target?.closest('[data-show]');
  if (show) return runCommand(`show ${show.dataset.show}`);
  if (target?.closest('[data-close]')) return $('#modal').close();
  const advance = target?.closest('[data-advance]');
  if (advance) {
    advance.disabled = true;
    try {
      const { ok, data } = await api('/api/clock/advance', { by: advance.dataset.advance });
      if (ok) showClock(data.clock);
      else appendEphemeral(errorHtml(data.error));
    } finally {
      advance.disabled = false;
    }
  }
});

document.addEventListener('submit', (e) => {
  const form = e.target;
  e.preventDefault();
  if (form.id === 'composer') {
    const input = $('#composer-input');
    const text = input.value.trim();
    if (!text) return;
    input.value = '';
    return runCommand(text);
  }
  if (form.classList.contains('kform')) return submitForm(form);
});

$('#whoami').addEventListener('change', async (e) => {
  state.me = e.target.value;
  state.unread.clear();
  state.ephemeral.clear();
  await loadSession();
  await route();
});

window.addEventListener('hashchange', route);
await loadSession();
await route();
document.body.dataset.ready = 'true';
