// Search-as-you-type: an <input data-suggest="LIST_ID"> shows help-center articles for what is typed so far
// (help center search box, ticket subject = deflection). The demo's backend asks support through the SDK.
(() => {
  'use strict';
  const cjk = /[\u3400-\u9fff]/;
  for (const input of document.querySelectorAll('input[data-suggest]')) {
    const list = document.getElementById(input.dataset.suggest);
    const box = list.closest('[data-suggest-box]') || list;
    let timer = 0;
    let latest = 0;
    const hide = () => { box.hidden = true; list.replaceChildren(); };
    const update = async () => {
      const q = input.value.trim();
      const mine = ++latest;
      if (q.length < 2 && !(q.length === 1 && cjk.test(q))) { hide(); return; }
      let items = [];
      try {
        const response = await fetch('/help/suggest?q=' + encodeURIComponent(q), { headers: { Accept: 'application/json' } });
        if (response.ok) items = (await response.json()).items || [];
      } catch { /* offline: no suggestions */ }
      if (mine !== latest) return;
      if (items.length === 0) { hide(); return; }
      list.replaceChildren(...items.map(item => {
        const li = document.createElement('li');
        const a = document.createElement('a');
        a.href = item.url;
        a.textContent = item.title;
        li.append(a);
        return li;
      }));
      box.hidden = false;
    };
    input.addEventListener('input', () => { clearTimeout(timer); timer = setTimeout(update, 150); });
    input.addEventListener('keydown', e => { if (e.key === 'Escape') hide(); });
    if (input.value.trim()) update();
  }
})();
