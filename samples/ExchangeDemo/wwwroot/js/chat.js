// Live chat. The browser never talks to support: it streams events from the demo's backend (Server-Sent Events,
// one SDK ChatSession per connection, resumed after the last seq on reconnect) and posts sends, typing and read
// receipts back to it.
(() => {
  'use strict';
  const root = document.getElementById('chat');
  if (!root || document.getElementById('chat-unavailable')) return;
  const $ = id => document.getElementById(id);
  const text = JSON.parse($('chat-text').textContent);
  const csrf = root.dataset.csrf;
  const log = $('chat-log'), statusLine = $('chat-status'), typingLine = $('chat-typing'), blocked = $('chat-blocked');
  const quick = $('chat-quick-replies'), composer = $('chat-composer'), input = $('chat-input'), sendButton = $('chat-send');
  const startForm = $('chat-start'), toTicket = $('chat-to-ticket'), endButton = $('chat-end');
  const format = (s, ...args) => s.replace(/\{(\d+)\}/g, (_, i) => String(args[Number(i)] ?? ''));
  const el = (tag, className, content) => { const e = document.createElement(tag); e.className = className; if (content != null) e.textContent = content; return e; };

  let chatId = root.dataset.chatId || null;
  let source = null, typingTimer = 0, lastTypingSent = 0, readTimer = 0, readUpTo = 0, readSent = 0, agentReadUpTo = 0, ended = false;
  const receipts = new Map();
  input.placeholder = text.placeholder;

  const post = (path, body) => fetch('/chat/api/' + path, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'X-CSRF-TOKEN': csrf },
    body: JSON.stringify(body ?? {}),
  });
  const chatPath = suffix => encodeURIComponent(chatId) + '/' + suffix;

  function setStatus(message, kind) {
    statusLine.textContent = message || '';
    statusLine.className = 'chat-status' + (kind ? ' ' + kind : '');
    statusLine.hidden = !message;
  }

  function showStart() {
    startForm.hidden = false; composer.hidden = true; endButton.hidden = true; toTicket.hidden = true; quick.replaceChildren();
  }

  function showChat() {
    startForm.hidden = true; composer.hidden = false; toTicket.hidden = false; endButton.hidden = false;
  }

  function connect() {
    source?.close();
    source = new EventSource('/chat/api/' + encodeURIComponent(chatId) + '/events');
    source.onmessage = e => handle(JSON.parse(e.data));
    source.onopen = () => { if (statusLine.classList.contains('warn')) setStatus(null); };
    source.onerror = () => { if (!ended) setStatus(text.reconnecting, 'warn'); };
    source.addEventListener('failure', () => { source.close(); setStatus(text.failed, 'warn'); });
  }

  function handle(e) {
    switch (e.kind) {
      case 'message': addMessage(e); break;
      case 'typing': if (e.role !== 'customer') showTyping(e.name); break;
      case 'read': if (e.role !== 'customer') markRead(e.upToSeq); break;
      case 'queue':
        setStatus(e.waitSeconds != null
          ? format(text.queue, e.position, Math.max(1, Math.round(e.waitSeconds / 60)))
          : format(text.queueNoEstimate, e.position), 'queue');
        break;
      case 'handoff': addSystem(e.reason === 'transfer' ? text.transferred : text.handoff, 'handoff' + (e.reason === 'transfer' ? ' transfer' : '')); break;
      case 'agent_joined': addSystem(format(text.joined, e.name), 'joined'); setStatus(null); break;
      case 'closed': addSystem(text.closed, 'closed'); end(); break;
    }
  }

  function addSystem(message, kind) {
    const li = el('li', 'system-line ' + kind, message);
    log.append(li);
    li.scrollIntoView({ block: 'nearest' });
  }

  function addMessage(e) {
    const mine = e.role === 'customer';
    const li = el('li', 'message ' + (mine ? 'mine' : 'theirs') + ' role-' + e.role);
    if (e.seq != null) li.dataset.seq = e.seq;
    const who = mine ? text.you : e.role === 'bot' ? format(text.bot, e.name) : e.role === 'agent' ? format(text.agent, e.name) : text.system;
    const meta = el('div', 'meta');
    meta.append(el('span', 'author', who));
    if (e.at && window.demoTime) meta.append(window.demoTime.element(e.at, 'time'));
    li.append(meta);
    if (e.antiPhishingCode) {
      // Support's messages arrive with the user's own anti-phishing code: a fake "support" cannot know it.
      li.append(el('span', 'badge ok official-badge', format(text.official, e.antiPhishingCode)));
    }
    for (const flag of new Set(e.flags || [])) {
      li.classList.add('flagged');
      const warning = el('p', 'flag-warning', '⚠ ' + (text[flag] || flag));
      warning.setAttribute('role', 'alert');
      warning.dataset.flag = flag;
      li.append(warning);
    }
    li.append(el('div', 'text', e.text));
    if (e.deposit) {
      // The exchange's deposit lookup behind a bot answer: its status at a glance.
      const status = e.deposit.status;
      const badge = el('span', 'badge deposit-status ' + (status === 'credited' ? 'ok' : status === 'pending' ? 'wait' : 'danger'),
        (text['deposit_' + status] || status) + (status === 'pending' && e.deposit.requiredConfirmations ? ' · ' + e.deposit.confirmations + '/' + e.deposit.requiredConfirmations : ''));
      badge.dataset.status = status;
      li.append(badge);
    }
    if (e.article) {
      const a = el('a', 'article-link', format(text.article, e.article.title));
      a.href = e.article.url;
      li.append(a);
    }
    if (mine) {
      const receipt = el('div', 'receipt', e.seq <= agentReadUpTo ? text.read : text.sent);
      if (e.seq <= agentReadUpTo) receipt.classList.add('read');
      receipts.set(e.seq, receipt);
      li.append(receipt);
      quick.replaceChildren();
    } else {
      typingLine.hidden = true;
      quick.replaceChildren(...(e.quickReplies || []).map(reply => {
        const b = el('button', 'button small secondary quick-reply', reply);
        b.type = 'button';
        b.addEventListener('click', () => reply === text.createTicketReply ? convert() : send(reply));
        return b;
      }));
      if (e.seq != null) scheduleRead(e.seq);
    }
    log.append(li);
    li.scrollIntoView({ block: 'nearest' });
  }

  function showTyping(name) {
    typingLine.textContent = format(text.typing, name || '');
    typingLine.hidden = false;
    clearTimeout(typingTimer);
    typingTimer = setTimeout(() => { typingLine.hidden = true; }, 4000);
  }

  function markRead(upTo) {
    agentReadUpTo = Math.max(agentReadUpTo, upTo);
    for (const [seq, receipt] of receipts) {
      if (seq <= agentReadUpTo) { receipt.textContent = text.read; receipt.classList.add('read'); }
    }
  }

  function scheduleRead(seq) {
    readUpTo = Math.max(readUpTo, seq);
    clearTimeout(readTimer);
    readTimer = setTimeout(() => {
      if (document.visibilityState !== 'visible' || readUpTo <= readSent || ended) return;
      readSent = readUpTo;
      post(chatPath('read'), { upToSeq: readSent }).catch(() => {});
    }, 300);
  }
  document.addEventListener('visibilitychange', () => scheduleRead(readUpTo));

  async function send(value) {
    blocked.hidden = true;
    let response;
    try {
      response = await post(chatPath('messages'), { text: value });
    } catch {
      setStatus(text.failed, 'warn');
      return false;
    }
    if (response.ok) return true;
    const problem = await response.json().catch(() => null);
    if (response.status === 422) {
      blocked.textContent = (problem?.message || '');
      blocked.hidden = false;
      input.value = '';
    } else if (response.status === 409 || response.status === 404) {
      end();
    } else {
      setStatus(text.failed, 'warn');
    }
    return false;
  }

  async function convert() {
    const response = await post(chatPath('ticket'));
    if (response.ok) window.location.href = (await response.json()).url;
  }

  function end() {
    ended = true;
    source?.close();
    typingLine.hidden = true;
    setStatus(null);
    showStart();
  }

  composer.addEventListener('submit', async ev => {
    ev.preventDefault();
    const value = input.value.trim();
    if (!value) return;
    sendButton.disabled = true;
    try {
      if (await send(value)) input.value = '';
    } finally {
      sendButton.disabled = false;
      input.focus();
    }
  });
  input.addEventListener('keydown', ev => {
    if (ev.key === 'Enter' && !ev.shiftKey && !ev.isComposing) { ev.preventDefault(); composer.requestSubmit(); }
  });
  input.addEventListener('input', () => {
    const now = Date.now();
    if (now - lastTypingSent > 2500 && input.value.trim()) {
      lastTypingSent = now;
      post(chatPath('typing')).catch(() => {});
    }
  });

  startForm.addEventListener('submit', async ev => {
    ev.preventDefault();
    blocked.hidden = true;
    const response = await post('start', { topic: $('chat-topic').value });
    const body = await response.json().catch(() => null);
    if (response.status === 422) { blocked.textContent = (body?.message || ''); blocked.hidden = false; return; }
    if (!response.ok || !body) { setStatus(text.failed, 'warn'); return; }
    chatId = body.chatId;
    root.dataset.chatId = chatId;
    ended = false; readUpTo = 0; readSent = 0; agentReadUpTo = 0; receipts.clear();
    log.replaceChildren();
    $('chat-topic').value = '';
    showChat();
    connect();
    input.focus();
  });
  toTicket.addEventListener('click', convert);
  endButton.addEventListener('click', () => post(chatPath('close')).catch(() => {}));

  if (chatId) { showChat(); connect(); } else { showStart(); }
})();
