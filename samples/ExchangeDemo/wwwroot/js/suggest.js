// Search-as-you-type: an <input data-suggest="LIST_ID"> shows help-center articles for what is typed so far
// (help center search box, ticket subject = deflection). The demo's backend asks support through the SDK.
// The list opens only while the visitor types in the box (never by itself when a page loads with a query in it) and
// closes on Escape, when focus leaves the box and its list, and on a click anywhere else.
(() => {
  'use strict';
  const cjk = /[\u3400-\u9fff]/;
  for (const input of document.querySelectorAll('input[data-suggest]')) {
    const list = document.getElementById(input.dataset.suggest);
    const box = list.closest('[data-suggest-box]') || list;
    const area = input.closest('.suggest-wrap') || input.parentElement;
    let timer = 0;
    let latest = 0;
    const hide = () => { clearTimeout(timer); latest++; box.hidden = true; list.replaceChildren(); };
    const links = () => [...list.querySelectorAll('a')];
    const update = async () => {
      const q = input.value.trim();
      const mine = ++latest;
      if (q.length < 2 && !(q.length === 1 && cjk.test(q))) { hide(); return; }
      let items = [];
      try {
        const response = await fetch('/help/suggest?q=' + encodeURIComponent(q), { headers: { Accept: 'application/json' } });
        if (response.ok) items = (await response.json()).items || [];
      } catch { /* offline: no suggestions */ }
      // Typed on, or left the box, while this was on its way: its answer is stale.
      if (mine !== latest || document.activeElement !== input) return;
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
    input.addEventListener('keydown', e => {
      if (e.key === 'Escape') { hide(); }
      else if (e.key === 'ArrowDown' && !box.hidden) { e.preventDefault(); links()[0]?.focus(); }
    });
    box.addEventListener('keydown', e => {
      const all = links();
      const at = all.indexOf(document.activeElement);
      if (e.key === 'Escape') { hide(); input.focus(); }
      else if (e.key === 'ArrowDown' && at >= 0) { e.preventDefault(); all[Math.min(at + 1, all.length - 1)].focus(); }
      else if (e.key === 'ArrowUp' && at >= 0) { e.preventDefault(); (at === 0 ? input : all[at - 1]).focus(); }
    });
    // A press on a suggestion keeps the focus in the box, so the click that follows is not lost to a blur.
    box.addEventListener('mousedown', e => e.preventDefault());
    // Blur: focus moved somewhere that is neither the box nor one of its suggestions.
    for (const element of [input, box]) {
      element.addEventListener('focusout', e => {
        if (!e.relatedTarget || (!area.contains(e.relatedTarget) && !box.contains(e.relatedTarget))) hide();
      });
    }
    document.addEventListener('pointerdown', e => {
      if (!box.hidden && !area.contains(e.target) && !box.contains(e.target)) hide();
    });
  }
})();
