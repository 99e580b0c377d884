// The notification bell (signed-in pages): opens and closes its list, and stays current without a reload. The demo's
// backend sends the user's inbox version over Server-Sent Events (/notifications/stream) whenever a webhook from
// support adds a notification or one is read; the bell is then fetched again (/notifications/bell) and swapped in.
(() => {
  'use strict';
  let bell = document.getElementById('bell');
  if (!bell) return;
  const bar = document.getElementById('topbar');
  const menuToggle = document.getElementById('menu-toggle');
  const button = () => bell.querySelector('#bell-button');
  const isOpen = () => button().getAttribute('aria-expanded') === 'true';
  const setOpen = open => {
    button().setAttribute('aria-expanded', String(open));
    bell.querySelector('#bell-panel').hidden = !open;
    bell.classList.toggle('open', open);
    if (open && bar?.classList.contains('menu-open')) {
      // One panel at a time under the bar: the phone menu closes.
      bar.classList.remove('menu-open');
      menuToggle?.setAttribute('aria-expanded', 'false');
    }
  };

  const swap = html => {
    const template = document.createElement('template');
    template.innerHTML = html.trim();
    const fresh = template.content.firstElementChild;
    if (!fresh || fresh.id !== 'bell') return;
    const open = isOpen();
    bell.replaceWith(fresh);
    bell = fresh;
    window.demoTime?.localize(bell);
    setOpen(open);
  };

  // One fetch at a time; a change that arrives during one is fetched after it.
  let busy = false;
  let again = false;
  const refresh = async () => {
    if (busy) { again = true; return; }
    busy = true;
    try {
      const response = await fetch('/notifications/bell', { credentials: 'same-origin', headers: { Accept: 'text/html' }, cache: 'no-store' });
      if (response.ok) swap(await response.text());
    } catch {
      // Offline for a moment: the stream reconnects and sends the version again.
    } finally {
      busy = false;
      if (again) { again = false; refresh(); }
    }
  };

  document.addEventListener('click', e => {
    if (e.target.closest('#bell-button')) {
      setOpen(!isOpen());
    } else if (isOpen() && !bell.contains(e.target)) {
      setOpen(false);
    }
  });
  document.addEventListener('keydown', e => {
    if (e.key === 'Escape' && isOpen()) { setOpen(false); button().focus(); }
  });
  document.addEventListener('submit', async e => {
    if (e.target.id !== 'bell-read-all-form') return;
    e.preventDefault();
    try {
      const response = await fetch(e.target.action, { method: 'POST', body: new FormData(e.target), credentials: 'same-origin' });
      if (response.ok) swap(await response.text());
    } catch {
      // Nothing changed; the user can try again.
    }
  });

  const stream = new EventSource('/notifications/stream');
  stream.onmessage = e => {
    if (e.data !== bell.dataset.version) refresh();
  };
})();
