// Every page: the phone menu, and times shown in the visitor's own time zone.
(() => {
  'use strict';
  const lang = document.documentElement.lang || 'en';

  // Times: the server writes <time datetime="ISO (UTC)" data-local="datetime|time">… UTC</time>; here they become the
  // visitor's local time with the zone named (e.g. "2026-12-06 11:57 GMT+8"), so nobody has to guess which clock it is.
  const formats = {
    datetime: new Intl.DateTimeFormat(lang, { year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZoneName: 'short' }),
    time: new Intl.DateTimeFormat(lang, { hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZoneName: 'short' }),
  };
  const full = new Intl.DateTimeFormat(lang, { dateStyle: 'full', timeStyle: 'long' });
  function localTime(element) {
    const at = new Date(element.getAttribute('datetime'));
    if (Number.isNaN(at.getTime())) return;
    element.textContent = (formats[element.dataset.local] || formats.datetime).format(at);
    element.title = full.format(at);
  }
  window.demoTime = {
    // Every <time> inside an element that arrived after the page loaded (the bell, fetched again when it changes).
    localize(root) {
      root.querySelectorAll('time[data-local]').forEach(localTime);
    },
    // A <time> element for a moment, as the chat script needs for messages that arrive live.
    element(iso, style) {
      const element = document.createElement('time');
      element.setAttribute('datetime', iso);
      element.dataset.local = style || 'datetime';
      localTime(element);
      return element;
    },
  };
  document.querySelectorAll('time[data-local]').forEach(localTime);

  // The phone menu: the button opens and closes the panel; Escape, a click outside or choosing a link closes it.
  const bar = document.getElementById('topbar');
  const toggle = document.getElementById('menu-toggle');
  const menu = document.getElementById('site-menu');
  if (!bar || !toggle || !menu) return;
  const setOpen = open => {
    bar.classList.toggle('menu-open', open);
    toggle.setAttribute('aria-expanded', String(open));
  };
  toggle.addEventListener('click', () => {
    const open = !bar.classList.contains('menu-open');
    setOpen(open);
    if (open) menu.querySelector('a')?.focus();
  });
  document.addEventListener('keydown', e => {
    if (e.key === 'Escape' && bar.classList.contains('menu-open')) { setOpen(false); toggle.focus(); }
  });
  document.addEventListener('click', e => {
    if (bar.classList.contains('menu-open') && !bar.contains(e.target)) setOpen(false);
  });
})();
