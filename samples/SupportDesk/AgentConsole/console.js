// SupportDesk agent console: the public agent API only (see README "Live chat").
// Browsers cannot set an Authorization header on a WebSocket, so this page follows chats with the long-poll
// endpoint (GET /v1/agent/chats/{id}/events?after=SEQ&wait=25) instead of the stream.
'use strict';
(() => {
  const KEY = 'supportdesk.agentKey';
  const STATUS = 'supportdesk.agentStatus';
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
  // The ticket workspace: the open ticket, the last message number its agent has seen (a reply carries it, and
  // the server refuses it with 409 stale_view when the customer or another agent wrote since), its viewers poll.
  let ticketView = 'mine';
  let ticket = null;
  let seenSeq = 0;
  let viewingTimer = null;
  let statusTimer = null;
  let macroStatus = null;
  let macroTags = [];
  let lastTyped = 0;

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
    clearInterval(viewingTimer);
    clearInterval(statusTimer);
    selected = null;
    ticket = null;
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
    await Promise.all([refreshLists(), reportStatus()]);
    listTimer = setInterval(refreshLists, 3000);
    // The server counts an agent as offline when their console stops reporting: report every minute.
    statusTimer = setInterval(reportStatus, 60000);
  }

  // Work is given only to agents who say so: the console starts "away" (or as the agent last chose in this tab).
  async function reportStatus() {
    sessionStorage.setItem(STATUS, $('my-status').value);
    try {
      const me = await api('PUT', '/v1/agent/status', { status: $('my-status').value });
      $('my-load').textContent = me.load + ' of ' + me.capacity + ' tickets · tier ' + me.tier;
    } catch (e) {
      if (key) $('my-load').textContent = 'Status not sent: ' + describe(e);
    }
  }

  // ---- queue and active lists ----
  async function refreshLists() {
    if (!key) return;
    try {
      const [queued, active, tickets] = await Promise.all([
        api('GET', '/v1/agent/chats?state=queued&limit=100'),
        api('GET', '/v1/agent/chats?state=active&limit=100'),
        api('GET', '/v1/agent/tickets?limit=50' + ({ mine: '&assignee=me', unassigned: '&assignee=none', due: '&sort=due', all: '' })[ticketView] + searchQuery()),
      ]);
      renderTickets(tickets.items);
      api('GET', '/v1/agent/me').then(me => { $('my-load').textContent = me.load + ' of ' + me.capacity + ' tickets · tier ' + me.tier; }).catch(() => {});
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
    closeTicket();
    $('empty').hidden = true;
    $('insights').hidden = true;
    $('reports').hidden = true;
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

  // ---- tickets ----
  // "#vip withdrawal 0xab…": #words are tags, the rest is searched in subjects, messages, names, transactions and ids.
  function searchQuery() {
    const words = $('ticket-search').value.trim().split(/\s+/).filter(Boolean);
    const tag = words.find(w => w.startsWith('#') && w.length > 1);
    const text = words.filter(w => !w.startsWith('#')).join(' ');
    const status = $('ticket-status-filter').value;
    return (tag ? '&tag=' + encodeURIComponent(tag.slice(1).toLowerCase()) : '') + (text ? '&q=' + encodeURIComponent(text) : '')
      + (status && ticketView !== 'due' ? '&status=' + encodeURIComponent(status) : '');
  }

  function slaText(t) {
    if (!t.sla) return '';
    if (t.sla.breached) return 'SLA breached';
    return t.sla.dueAt ? (t.sla.target === 'first_reply' ? 'first reply' : t.sla.target === 'next_reply' ? 'next reply' : 'resolve') + ' due ' + time(t.sla.dueAt) : '';
  }

  function renderTickets(items) {
    $('tickets').replaceChildren(...items.map(t => {
      const item = el('li', t.id === (ticket && ticket.id) ? 'selected' : '');
      item.dataset.ticketId = t.id;
      const sla = slaText(t);
      item.append(el('div', null, t.subject), el('div', 'meta', [t.customer.displayName, t.status, t.priority, 'tier ' + t.tier, t.locale, t.assignee || 'unassigned'].join(' · ')));
      if (sla) item.append(el('div', 'meta' + (t.sla.breached ? ' breached' : ''), sla));
      item.onclick = () => openTicket(t.id);
      return item;
    }));
    if (items.length === 0) $('tickets').append(el('li', 'hint', 'Nothing here.'));
  }

  // The assignee list: the team (GET /v1/agents), refreshed when a ticket opens.
  let team = [];
  function showAssignee(t) {
    const names = [...new Set([...team, ...(t.assignee ? [t.assignee] : [])])].sort();
    const none = el('option', null, 'unassigned');
    none.value = '';
    $('ticket-assignee').replaceChildren(none, ...names.map(name => { const o = el('option', null, name); o.value = name; return o; }));
    $('ticket-assignee').value = t.assignee || '';
    $('ticket-assignee').disabled = t.status === 'closed';
  }

  function closeTicket() {
    clearInterval(viewingTimer);
    ticket = null;
    $('ticket-view').hidden = true;
  }

  function showTicket(t) {
    ticket = t;
    $('ticket-subject').textContent = t.subject;
    $('ticket-status').textContent = t.status + ' · ' + t.priority;
    const sla = slaText(t);
    $('ticket-sla').textContent = sla;
    $('ticket-sla').hidden = !sla;
    $('ticket-sla').classList.toggle('breached', !!(t.sla && t.sla.breached));
    $('ticket-tags').replaceChildren(...(t.tags || []).map(tag => el('span', 'tag', '#' + tag)));
    $('ticket-priority').value = t.priority;
    $('ticket-priority').disabled = t.status === 'closed';
    showAssignee(t);
    $('ticket-meta').textContent = [t.customer.displayName + ' (' + t.customer.userId + ')', t.category, 'tier ' + t.tier, t.locale,
      t.assignee ? 'assigned to ' + t.assignee : 'unassigned', t.transaction ? t.transaction.asset + ' ' + t.transaction.network + ' ' + (t.transaction.txId || '') : ''].filter(Boolean).join(' · ');
    // The exchange's deposit lookup when the ticket was opened: the agent starts from what the chain said.
    const lookup = t.transaction && t.transaction.lookup;
    $('ticket-lookup').hidden = !lookup;
    $('ticket-lookup').textContent = lookup ? 'Deposit lookup: ' + lookup.status.replace('_', ' ') + (lookup.problem ? ' (' + lookup.problem.replace('_', ' ') + ')' : '')
      + (lookup.confirmations != null ? ' · ' + lookup.confirmations + '/' + lookup.requiredConfirmations + ' confirmations' : '')
      + ' · checked ' + time(lookup.checkedAt) + ' · ' + lookup.advice : '';
    $('ticket-lookup').dataset.status = lookup ? lookup.status : '';
    $('ticket-take').disabled = t.status === 'closed';
    $('ticket-escalate').disabled = t.status === 'closed' || t.tier >= 3;
    $('ticket-resolve').disabled = t.status === 'resolved' || t.status === 'closed';
    $('ticket-merge').disabled = t.status === 'closed';
    $('ticket-send').disabled = t.status === 'closed';
  }

  function messageItem(m) {
    const role = m.from ? m.from.role : 'system';
    const item = el('li', role);
    item.dataset.seq = m.seq;
    item.append(el('span', 'from', (m.from ? m.from.name + ' · ' + role : '') + ' · ' + time(m.createdAt)), document.createTextNode(m.body));
    for (const flag of m.flags || []) item.append(el('br'), el('span', 'flag', FLAGS[flag] || flag));
    return item;
  }

  function noteItem(n) {
    const item = el('li', 'note');
    item.append(el('span', 'from', 'Internal note · ' + n.author + ' · ' + time(n.createdAt) + ' · not shown to the customer'), document.createTextNode(n.body));
    return item;
  }

  // The whole conversation, page by page (bounded: 25 pages of 200), so the newest messages are on screen.
  async function allMessages(id) {
    const items = [];
    let cursor = null;
    for (let page = 0; page < 25; page++) {
      const batch = await api('GET', '/v1/agent/tickets/' + id + '/messages?limit=200' + (cursor ? '&cursor=' + encodeURIComponent(cursor) : ''));
      items.push(...batch.items);
      cursor = batch.nextCursor;
      if (!cursor) break;
    }
    return { items };
  }

  async function loadConversation(id) {
    const [messages, notes] = await Promise.all([allMessages(id), api('GET', '/v1/agent/tickets/' + id + '/notes')]);
    const entries = [...messages.items.map(m => ({ at: m.createdAt, node: messageItem(m) })), ...notes.notes.map(n => ({ at: n.createdAt, node: noteItem(n) }))];
    entries.sort((a, b) => a.at < b.at ? -1 : a.at > b.at ? 1 : 0);
    $('ticket-messages').replaceChildren(...entries.map(e => e.node));
    $('ticket-messages').scrollTop = $('ticket-messages').scrollHeight;
    seenSeq = messages.items.reduce((max, m) => Math.max(max, m.seq), 0);
    $('ticket-new').hidden = true;
  }

  async function openTicket(id) {
    poller?.abort();
    selected = null;
    closeTicket();
    $('empty').hidden = true;
    $('insights').hidden = true;
    $('reports').hidden = true;
    $('chat-view').hidden = true;
    $('ticket-view').hidden = false;
    $('ticket-error').textContent = '';
    $('ticket-reply').value = '';
    $('macro-q').value = '';
    $('macro-list').replaceChildren();
    macroStatus = null;
    macroTags = [];
    $('ticket-macro-status').textContent = '';
    document.querySelectorAll('#tickets li').forEach(li => li.classList.toggle('selected', li.dataset.ticketId === id));
    try {
      team = (await api('GET', '/v1/agents').catch(() => ({ agents: [] }))).agents.map(a => a.name);
      showTicket(await api('GET', '/v1/agent/tickets/' + id));
      await loadConversation(id);
    } catch (e) {
      $('ticket-error').textContent = describe(e);
      return;
    }
    await reportViewing();
    viewingTimer = setInterval(reportViewing, 3000);
  }

  // Every 3 s: tell the others this agent has the ticket open (typing when a key was pressed in the last 5 s), and see them.
  async function reportViewing() {
    if (!ticket) return;
    const id = ticket.id;
    try {
      const typing = $('ticket-reply').value.trim() !== '' && Date.now() - lastTyped < 5000;
      const seen = await api('PUT', '/v1/agent/tickets/' + id + '/viewing', { typing });
      if (!ticket || ticket.id !== id) return;
      $('ticket-viewers').textContent = seen.viewers.map(v => '● ' + v.name + (v.typing ? ' is typing a reply…' : ' is viewing')).join(' · ');
      if (seen.lastSeq > seenSeq) {
        if ($('ticket-reply').value.trim() === '') {
          showTicket(await api('GET', '/v1/agent/tickets/' + id));
          await loadConversation(id);
        } else {
          // Not while the agent writes: the draft stays, and sending it will show what came.
          $('ticket-new').textContent = (seen.lastSeq - seenSeq) + ' new message(s) since you opened this ticket.';
          $('ticket-new').hidden = false;
        }
      }
    } catch (e) {
      if (key && ticket) $('ticket-viewers').textContent = '';
    }
  }

  async function sendTicketReply(event) {
    event.preventDefault();
    const text = $('ticket-reply').value.trim();
    if (!text || !ticket) return;
    const id = ticket.id;
    $('ticket-send').disabled = true;
    $('ticket-error').textContent = '';
    try {
      await api('POST', '/v1/agent/tickets/' + id + '/messages', { body: text, seenSeq });
      if (macroStatus || macroTags.length) {
        const tags = [...new Set([...(ticket.tags || []), ...macroTags])];
        await api('PATCH', '/v1/agent/tickets/' + id, macroStatus ? { status: macroStatus, tags } : { tags });
      }
      $('ticket-reply').value = '';
      macroStatus = null;
      macroTags = [];
      $('ticket-macro-status').textContent = '';
      showTicket(await api('GET', '/v1/agent/tickets/' + id));
      await loadConversation(id);
      await refreshLists();
    } catch (e) {
      if (e instanceof ApiError && e.problem && e.problem.code === 'stale_view') {
        // Someone answered (or the customer wrote) meanwhile: show it, keep the draft, let the agent decide.
        for (const m of e.problem.messages || []) $('ticket-messages').append(messageItem(m));
        $('ticket-messages').scrollTop = $('ticket-messages').scrollHeight;
        seenSeq = Math.max(seenSeq, ...(e.problem.messages || []).map(m => m.seq));
        $('ticket-new').hidden = true;
        $('ticket-error').textContent = 'Not sent: new messages arrived while you were writing (shown above). Read them, then send again if your reply still fits.';
        api('GET', '/v1/agent/tickets/' + id).then(t => { if (ticket && ticket.id === id) showTicket(t); }).catch(() => {});
      } else {
        $('ticket-error').textContent = 'Not sent: ' + describe(e);
      }
    } finally {
      $('ticket-send').disabled = !ticket || ticket.status === 'closed';
    }
  }

  async function addNote() {
    const text = $('ticket-reply').value.trim();
    if (!text || !ticket) return;
    $('ticket-error').textContent = '';
    try {
      await api('POST', '/v1/agent/tickets/' + ticket.id + '/notes', { body: text });
      $('ticket-reply').value = '';
      await loadConversation(ticket.id);
    } catch (e) {
      $('ticket-error').textContent = 'Note not added: ' + describe(e);
    }
  }

  async function updateTicket(change) {
    if (!ticket) return;
    $('ticket-error').textContent = '';
    try {
      showTicket(await api('PATCH', '/v1/agent/tickets/' + ticket.id, change));
      await refreshLists();
    } catch (e) {
      $('ticket-error').textContent = describe(e);
    }
  }

  let macroSearch = null;
  async function searchMacros() {
    if (!ticket) return;
    const id = ticket.id;
    macroSearch?.abort();
    const control = new AbortController();
    macroSearch = control;
    try {
      const found = await api('GET', '/v1/agent/tickets/' + id + '/macros?q=' + encodeURIComponent($('macro-q').value.trim()), undefined, control.signal);
      $('macro-list').replaceChildren(...found.macros.map(m => {
        const item = el('li', null);
        item.append(el('strong', null, m.name), el('span', 'hint', ' · ' + m.locale + (m.setStatus ? ' · sets ' + m.setStatus : '')));
        item.onclick = () => {
          $('ticket-reply').value = m.body;
          macroStatus = m.setStatus || null;
          macroTags = m.addTags || [];
          $('ticket-macro-status').textContent = 'Macro "' + m.name + '"' + (m.setStatus ? ': the ticket becomes ' + m.setStatus + ' when sent' : '')
            + (macroTags.length ? (m.setStatus ? ' and' : ':') + ' gets ' + macroTags.map(t => '#' + t).join(' ') : '') + '.';
          $('macro-list').replaceChildren();
          $('ticket-reply').focus();
        };
        return item;
      }));
      if (found.macros.length === 0) $('macro-list').append(el('li', 'hint', 'No macro matches.'));
    } catch (e) {
      if (!control.signal.aborted) $('ticket-error').textContent = 'Macros: ' + describe(e);
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

  // ---- reports ----
  const percent = v => v === null || v === undefined ? '–' : Math.round(v * 100) + '%';
  const number = v => v === null || v === undefined ? '–' : String(v);

  async function showReports() {
    selected = null;
    current = null;
    poller?.abort();
    closeTicket();
    $('empty').hidden = true;
    $('chat-view').hidden = true;
    $('insights').hidden = true;
    $('reports').hidden = false;
    $('reports-error').textContent = '';
    if (!$('reports-to').value) {
      const today = new Date();
      $('reports-to').value = today.toISOString().slice(0, 10);
      $('reports-from').value = new Date(today.getTime() - 6 * 86400000).toISOString().slice(0, 10);
    }
    try {
      const report = await api('GET', '/v1/agent/reports?from=' + encodeURIComponent($('reports-from').value) + '&to=' + encodeURIComponent($('reports-to').value));
      const cells = r => [r.key, r.tickets, r.resolved, number(r.medianFirstReplyMinutes), number(r.medianResolutionMinutes), percent(r.slaAttainment), number(r.csat), r.ratings];
      rows($('reports-agents'), [...report.agents, report.total], cells, 'No tickets in this range.');
      rows($('reports-categories'), report.categories, cells, 'No tickets in this range.');
      $('reports-chart').replaceChildren(...report.agents.filter(r => r.slaAttainment !== null).flatMap(r => {
        const bar = el('div', 'bar');
        const fill = el('span', r.slaAttainment < 0.8 ? 'low' : '');
        fill.style.width = Math.round(r.slaAttainment * 100) + '%';
        bar.append(fill);
        return [el('span', null, r.key), bar, el('span', null, percent(r.slaAttainment))];
      }));
      if (report.truncated) $('reports-error').textContent = 'The range holds more tickets than one report reads: the figures are of the first ones. Choose a shorter range.';
    } catch (e) {
      $('reports-error').textContent = 'Could not load the report: ' + describe(e);
    }
  }

  async function showInsights() {
    selected = null;
    current = null;
    poller?.abort();
    closeTicket();
    $('reports').hidden = true;
    $('empty').hidden = true;
    $('chat-view').hidden = true;
    $('insights').hidden = false;
    $('insights-error').textContent = '';
    try {
      const data = await api('GET', '/v1/agent/faq/insights?days=' + encodeURIComponent($('insights-days').value) + '&limit=50');
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
    $('my-status').onchange = reportStatus;
    $('reports-open').onclick = showReports;
    $('reports-form').addEventListener('submit', e => { e.preventDefault(); showReports(); });
    document.querySelectorAll('#ticket-views button').forEach(button => button.onclick = () => {
      ticketView = button.dataset.view;
      document.querySelectorAll('#ticket-views button').forEach(b => b.classList.toggle('selected', b === button));
      refreshLists();
    });
    $('ticket-form').addEventListener('submit', sendTicketReply);
    $('ticket-reply').addEventListener('input', () => { lastTyped = Date.now(); });
    $('ticket-note').onclick = addNote;
    $('ticket-take').onclick = async () => {
      const me = await api('GET', '/v1/agent/me').catch(() => null);
      if (me) updateTicket({ assignee: me.name });
    };
    $('ticket-escalate').onclick = () => { if (ticket) updateTicket({ tier: Math.min(ticket.tier + 1, 3), status: 'escalated' }); };
    $('ticket-resolve').onclick = () => updateTicket({ status: 'resolved' });
    $('ticket-merge').onclick = async () => {
      if (!ticket) return;
      const into = (prompt('Merge this ticket into which ticket of the same customer? (tkt_…) This one is closed with a note pointing there.') || '').trim();
      if (!into) return;
      $('ticket-error').textContent = '';
      try {
        await api('POST', '/v1/agent/tickets/' + ticket.id + '/merge', { into });
        await refreshLists();
        await openTicket(into);
      } catch (e) {
        $('ticket-error').textContent = 'Not merged: ' + describe(e);
      }
    };
    $('ticket-priority').onchange = () => updateTicket({ priority: $('ticket-priority').value });
    $('ticket-assignee').onchange = () => updateTicket({ assignee: $('ticket-assignee').value });
    $('ticket-status-filter').onchange = refreshLists;
    $('ticket-tag').onclick = () => {
      if (!ticket) return;
      const answer = prompt('Tags, separated by spaces or commas (the customer never sees them):', (ticket.tags || []).join(' '));
      if (answer !== null) updateTicket({ tags: answer.split(/[\s,]+/).map(t => t.replace(/^#/, '').toLowerCase()).filter(Boolean) });
    };
    let searchTimer = null;
    $('ticket-search').addEventListener('input', () => { clearTimeout(searchTimer); searchTimer = setTimeout(refreshLists, 250); });
    $('macro-q').addEventListener('input', searchMacros);
    $('macro-q').addEventListener('focus', searchMacros);
    $('insights-days').onchange = showInsights;
    const chosen = sessionStorage.getItem(STATUS);
    if (chosen === 'online' || chosen === 'away' || chosen === 'offline') $('my-status').value = chosen;
    if (key) signIn(key); else signOut();
  });
})();
