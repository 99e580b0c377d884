// SupportDesk agent console: the public agent API only (see README "Live chat").
// Browsers cannot set an Authorization header on a WebSocket, so this page follows chats with the long-poll
// endpoint (GET /v1/agent/chats/{id}/events?after=SEQ&wait=25) instead of the stream.
'use strict';
(() => {
  const KEY = 'supportdesk.agentKey';
  const FLAGS = {
    asks_for_secret: '⚠ Asks for a secret — support must never ask for passwords, 2FA codes, keys or seed phrases',
    unofficial_link: '⚠ Links outside the official domains',
  };
  const $ = id => document.getElementById(id);
  let key = sessionStorage.getItem(KEY);
  let selected = null;
  let current = null;
  let lastSeq = 0;
  let poller = null;
  let pending = null;
  let readTimer = null;
  let listTimer = null;

  class ApiError extends Error {
    constructor(status, problem) {
      super(problem && problem.title ? problem.title : 'HTTP ' + status);
      this.status = status;
      this.problem = problem;
    }
  }

  function describe(e) {
    if (e instanceof ApiError && e.problem) {
      return [e.problem.title, e.problem.detail, e.problem.code ? '(' + e.problem.code + ')' : ''].filter(Boolean).join(' ');
    }
    return e && e.message ? e.message : String(e);
  }

  async function api(method, path, body, signal) {
    const headers = { Authorization: 'Bearer ' + key };
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    const res = await fetch(path, { method, headers, signal, cache: 'no-store', body: body === undefined ? undefined : JSON.stringify(body) });
    const text = await res.text();
    let json = null;
    try { json = text ? JSON.parse(text) : null; } catch { json = null; }
    if (!res.ok) {
      if (res.status === 401) signOut('The server refused the key (401). Paste a valid agent key.');
      throw new ApiError(res.status, json);
    }
    return json;
  }

  function el(tag, cls, text) {
    const node = document.createElement(tag);
    if (cls) node.className = cls;
    if (text !== undefined && text !== null) node.textContent = text;
    return node;
  }

  const sleep = ms => new Promise(resolve => setTimeout(resolve, ms));
  // The agent's local time with the zone named: agents and customers are often in different zones.
  const clock = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit', second: '2-digit', timeZoneName: 'short' });
  const time = iso => iso ? clock.format(new Date(iso)) : '';

  function clientMessageId() {
    const bytes = new Uint8Array(16);
    crypto.getRandomValues(bytes);
    return 'agent-' + Array.from(bytes, b => b.toString(16).padStart(2, '0')).join('');
  }

  // ---- sign in / out ----
  function signOut(message) {
    sessionStorage.removeItem(KEY);
    key = null;
    poller?.abort();
    clearInterval(listTimer);
    selected = null;
    $('console').hidden = true;
    $('login').hidden = false;
    $('who').replaceChildren();
    $('login-error').textContent = message || '';
  }

  async function signIn(candidate) {
    key = candidate;
    try {
      await api('GET', '/v1/agent/chats?state=queued&limit=1');
    } catch (e) {
      if (!(e instanceof ApiError && e.status === 401)) signOut(describe(e));
      return;
    }
    sessionStorage.setItem(KEY, key);
    $('login').hidden = true;
    $('console').hidden = false;
    const out = el('button', null, 'Sign out');
    out.onclick = () => signOut();
    $('who').replaceChildren(out);
    await refreshLists();
    listTimer = setInterval(refreshLists, 3000);
  }

  // ---- queue and active lists ----
  async function refreshLists() {
    if (!key) return;
    try {
      const [queued, active] = await Promise.all([
        api('GET', '/v1/agent/chats?state=queued&limit=100'),
        api('GET', '/v1/agent/chats?state=active&limit=100'),
      ]);
      renderList($('queued'), queued.items, true);
      renderList($('active'), active.items, false);
      $('queue-count').textContent = '(' + queued.items.length + ')';
      const mine = [...queued.items, ...active.items].find(c => c.id === selected);
      if (mine) showHead(mine);
    } catch (e) {
      if (key) $('chat-error').textContent = 'Could not load the lists: ' + describe(e);
    }
  }

  function renderList(list, chats, queued) {
    list.replaceChildren(...chats.map(chat => {
      const item = el('li', chat.id === selected ? 'selected' : '');
      item.dataset.chatId = chat.id;
      const wait = queued && chat.queuePosition ? '#' + chat.queuePosition + ' · ~' + Math.ceil((chat.estimatedWaitSeconds || 0) / 60) + ' min' : (chat.agent || '');
      item.append(el('div', null, chat.customer.displayName), el('div', 'meta', [chat.topic || '(no topic)', 'tier ' + chat.tier, chat.locale, wait].filter(Boolean).join(' · ')));
      item.onclick = () => open(chat.id);
      return item;
    }));
  }

  // ---- one chat ----
  function showHead(chat) {
    current = chat;
    $('chat-customer').textContent = chat.customer.displayName + ' (' + chat.customer.userId + ')';
    $('chat-status').textContent = chat.status + (chat.queuePosition ? ' #' + chat.queuePosition : '') + (chat.agent ? ' · ' + chat.agent : '');
    $('chat-tier').textContent = 'tier ' + chat.tier;
    $('chat-topic').textContent = [chat.topic, chat.locale, chat.ticketId ? 'ticket ' + chat.ticketId : ''].filter(Boolean).join(' · ');
    $('accept').disabled = !(chat.status === 'bot' || chat.status === 'queued');
    $('transfer').disabled = chat.status !== 'active';
    $('close').disabled = chat.status === 'closed';
    $('send').disabled = chat.status !== 'active';
  }

  async function open(id) {
    poller?.abort();
    selected = id;
    lastSeq = 0;
    pending = null;
    $('events').replaceChildren();
    $('chat-error').textContent = '';
    $('empty').hidden = true;
    $('insights').hidden = true;
    $('chat-view').hidden = false;
    document.querySelectorAll('.chats li').forEach(li => li.classList.toggle('selected', false));
    try {
      showHead(await api('GET', '/v1/agent/chats/' + id));
    } catch (e) {
      $('chat-error').textContent = describe(e);
      return;
    }
    follow(id);
  }

  async function follow(id) {
    const control = new AbortController();
    poller = control;
    let backoff = 1000;
    while (!control.signal.aborted && selected === id && key) {
      try {
        const batch = await api('GET', '/v1/agent/chats/' + id + '/events?after=' + lastSeq + '&wait=25', undefined, control.signal);
        let durable = false;
        for (const frame of batch.events) {
          if (frame.seq && frame.seq <= lastSeq) continue;
          render(frame);
          durable = durable || !!frame.seq;
        }
        lastSeq = batch.lastSeq;
        backoff = 1000;
        $('chat-error').textContent = '';
        if (durable) {
          showHead(await api('GET', '/v1/agent/chats/' + id));
          markRead(id);
        }
        if (batch.closed) return;
      } catch (e) {
        if (control.signal.aborted || !key) return;
        $('chat-error').textContent = 'Connection problem (' + describe(e) + '); retrying…';
        await sleep(backoff);
        backoff = Math.min(backoff * 2, 15000);
      }
    }
  }

  function render(frame) {
    const events = $('events');
    let item;
    switch (frame.type) {
      case 'message': {
        const role = frame.from ? frame.from.role : 'system';
        item = el('li', role);
        item.append(el('span', 'from', (frame.from ? frame.from.name + ' · ' + role : '') + ' · ' + time(frame.sentAt)), document.createTextNode(frame.text || ''));
        if (frame.article) {
          const link = el('a', null, '📄 ' + frame.article.title);
          if (/^https:\/\//.test(frame.article.url || '')) {
            link.href = frame.article.url;
            link.target = '_blank';
            link.rel = 'noopener noreferrer';
          }
          item.append(el('br'), link);
        }
        if (frame.quickReplies && frame.quickReplies.length) item.append(el('span', 'from', 'Quick replies: ' + frame.quickReplies.join(' | ')));
        for (const flag of frame.flags || []) item.append(el('br'), el('span', 'flag', FLAGS[flag] || flag));
        break;
      }
      case 'agent_joined':
        item = el('li', 'system', (frame.from ? frame.from.name : 'An agent') + ' joined · ' + time(frame.sentAt));
        break;
      case 'handoff':
        item = el('li', 'system', 'Handed to the queue (' + frame.reason + ')' + (frame.text ? ': ' + frame.text : '') + ' · ' + time(frame.sentAt));
        break;
      case 'closed':
        item = el('li', 'system', 'Chat closed (' + frame.reason + ') · ' + time(frame.sentAt));
        break;
      case 'queue':
        if (current) showHead({ ...current, queuePosition: frame.position });
        return;
      default:
        return;
    }
    events.append(item);
    events.scrollTop = events.scrollHeight;
  }

  function markRead(id) {
    clearTimeout(readTimer);
    readTimer = setTimeout(() => api('POST', '/v1/agent/chats/' + id + '/read', { upToSeq: lastSeq }).catch(() => {}), 800);
  }

  async function act(path, body) {
    if (!selected) return;
    $('chat-error').textContent = '';
    try {
      showHead(await api('POST', '/v1/agent/chats/' + selected + path, body));
      await refreshLists();
    } catch (e) {
      $('chat-error').textContent = describe(e);
    }
  }

  async function send(event) {
    event.preventDefault();
    const text = $('reply').value.trim();
    if (!text || !selected) return;
    // Keep the same clientMessageId while retrying the same text: the server stores it once.
    if (!pending || pending.text !== text) pending = { clientMessageId: clientMessageId(), text };
    $('send').disabled = true;
    try {
      await api('POST', '/v1/agent/chats/' + selected + '/messages', pending);
      pending = null;
      $('reply').value = '';
      $('chat-error').textContent = '';
    } catch (e) {
      $('chat-error').textContent = 'Not sent: ' + describe(e);
    } finally {
      $('send').disabled = !current || current.status !== 'active';
    }
  }

  // ---- help-center insights ----
  const day = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

  function rows(table, items, cells, empty) {
    const body = table.tBodies[0];
    if (items.length === 0) {
      const row = el('tr');
      const cell = el('td', 'hint', empty);
      cell.colSpan = table.tHead.rows[0].cells.length;
      row.append(cell);
      body.replaceChildren(row);
      return;
    }
    body.replaceChildren(...items.map(item => {
      const row = el('tr');
      row.append(...cells(item).map(value => el('td', null, String(value))));
      return row;
    }));
  }

  async function showInsights() {
    selected = null;
    current = null;
    poller?.abort();
    $('empty').hidden = true;
    $('chat-view').hidden = true;
    $('insights').hidden = false;
    $('insights-error').textContent = '';
    try {
      const data = await api('GET', '/v1/agent/faq/insights?days=' + encodeURIComponent($('insights-days').value) + '&limit=20');
      rows($('poor-queries'), data.poorQueries, q => [q.query, q.locale, q.asked, q.unanswered, q.clicked, q.votedNotHelpful, q.askedForPerson, day.format(new Date(q.lastAskedAt))],
        'Every question found a good answer.');
      $('withheld').textContent = data.withheldQueries > 0
        ? data.withheldQueries + ' question(s) held a secret (a seed phrase, key or password) and are counted but never shown.' : '';
      rows($('bad-articles'), data.notHelpfulArticles, a => [a.title || ('#' + a.articleId), a.locale, a.notHelpful, a.helpful, a.comments.join(' · ')],
        'No article was voted not helpful.');
      rows($('deflection'), data.deflection, d => [d.date, d.locale, d.chats, d.answeredByBot, d.deflected, Math.round(d.rate * 100) + '%'],
        'No chats in this period.');
    } catch (e) {
      $('insights-error').textContent = 'Could not load the insights: ' + describe(e);
    }
  }

  document.addEventListener('DOMContentLoaded', () => {
    $('login-form').addEventListener('submit', e => {
      e.preventDefault();
      signIn($('key').value.trim());
      $('key').value = '';
    });
    $('reply-form').addEventListener('submit', send);
    $('reply').addEventListener('keydown', e => {
      if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) send(e);
    });
    $('accept').onclick = () => act('/accept');
    $('transfer').onclick = () => {
      const reason = prompt('Why transfer to the next tier? (the customer sees this)');
      if (reason !== null) act('/transfer', { reason: reason.trim() || null });
    };
    $('close').onclick = () => { if (confirm('Close this chat?')) act('/close'); };
    $('insights-open').onclick = showInsights;
    $('insights-days').onchange = showInsights;
    if (key) signIn(key); else signOut();
  });
})();
