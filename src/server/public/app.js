// NewsBite progressive enhancement: keyboard shortcuts, read/star without a page load,
// OPML file picker and mark-on-scroll. Every page works without this file.
(() => {
  const csrf = document.querySelector('meta[name="csrf-token"]')?.getAttribute('content') || '';
  const items = () => Array.from(document.querySelectorAll('#list .item, article.article'));
  let current = -1;

  function select(index) {
    const list = items();
    if (!list.length) return;
    current = Math.max(0, Math.min(list.length - 1, index));
    list.forEach((el, i) => {
      el.classList.toggle('selected', i === current);
    });
    list[current].scrollIntoView({ block: 'nearest' });
    list[current].querySelector('a.open')?.focus({ preventScroll: true });
  }

  function selected() {
    const list = items();
    if (current < 0 && list.length === 1) current = 0;
    return list[current];
  }

  // fallback: on failure, post the form the plain way (a user's click); off for automatic marks.
  async function toggle(form, fallback = true) {
    const body = new URLSearchParams(new FormData(form));
    const res = await fetch(form.action, {
      method: 'POST',
      body,
      headers: { 'x-csrf-token': csrf, accept: 'application/json' },
      credentials: 'same-origin',
    });
    if (!res.ok) {
      if (fallback) form.submit();
      return;
    }
    const data = await res.json();
    const kind = form.dataset.toggle;
    const on = Boolean(data[kind]);
    const item = form.closest('.item, article.article');
    if (item) {
      item.dataset[kind] = on ? '1' : '0';
      if (kind === 'read') item.classList.toggle('read', on);
    }
    form.querySelector('input[name="value"]').value = on ? '0' : '1';
    const button = form.querySelector('button');
    if (kind === 'starred') {
      button.textContent = on ? '★ Starred' : '☆ Star';
      button.setAttribute('aria-pressed', on ? 'true' : 'false');
    } else button.textContent = on ? 'Mark unread' : 'Mark read';
  }

  document.addEventListener('submit', (event) => {
    const form = event.target;
    if (form instanceof HTMLFormElement && form.classList.contains('js-toggle')) {
      event.preventDefault();
      toggle(form).catch(() => form.submit());
    }
  });

  // Opening an article reads it: marked here with a POST, because the page's GET changes nothing
  // (prefetchers and crawlers must not mark articles read). Without JavaScript, "Mark read" does it.
  const opened = document.querySelector('article.article[data-read="0"]');
  const readForm = opened?.querySelector('form[data-toggle="read"]');
  if (readForm) toggle(readForm, false).catch(() => undefined);

  const help = document.getElementById('help');
  function showHelp(show) {
    if (!help) return;
    help.hidden = !show;
    if (show) help.querySelector('button')?.focus();
  }
  help?.querySelector('.close-help')?.addEventListener('click', () => showHelp(false));

  document.addEventListener('keydown', (event) => {
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    const target = event.target;
    if (
      target instanceof HTMLInputElement ||
      target instanceof HTMLTextAreaElement ||
      target instanceof HTMLSelectElement
    ) {
      if (event.key === 'Escape') target.blur();
      return;
    }
    const item = selected();
    switch (event.key) {
      case 'j':
        select(current + 1);
        break;
      case 'k':
        select(current - 1);
        break;
      case 'o':
      case 'Enter': {
        const link = item?.querySelector('a.open');
        if (link) window.location.href = link.href;
        else return;
        break;
      }
      case 'v': {
        const url = item?.dataset.url;
        if (url && url !== '#') window.open(url, '_blank', 'noopener,noreferrer');
        break;
      }
      case 'm': {
        const form =
          item?.querySelector('form[data-toggle="read"]') ||
          document.querySelector('article.article form[data-toggle="read"]');
        if (form) toggle(form);
        break;
      }
      case 's': {
        const form =
          item?.querySelector('form[data-toggle="starred"]') ||
          document.querySelector('article.article form[data-toggle="starred"]');
        if (form) toggle(form);
        break;
      }
      case '/':
        document.getElementById('q')?.focus();
        break;
      case '?':
        showHelp(help?.hidden ?? false);
        break;
      case 'Escape':
        showHelp(false);
        break;
      default:
        return;
    }
    event.preventDefault();
  });

  // OPML: read the picked file into the textarea (the form posts text, no multipart needed).
  document.querySelector('.js-opml-file')?.addEventListener('change', async (event) => {
    const file = event.target.files?.[0];
    const area = document.getElementById('opml');
    if (file && area) area.value = await file.text();
  });

  // Mark-on-scroll in the unread list: an item scrolled past the top counts as read.
  const list = document.querySelector('#list[data-mark-on-scroll]');
  if (list && 'IntersectionObserver' in window) {
    const seen = new IntersectionObserver((entries) => {
      for (const entry of entries) {
        const el = entry.target;
        if (!entry.isIntersecting && entry.boundingClientRect.bottom < 0 && el.dataset.read === '0') {
          const form = el.querySelector('form[data-toggle="read"]');
          if (form) toggle(form);
          seen.unobserve(el);
        }
      }
    });
    list.querySelectorAll('.item').forEach((el) => {
      seen.observe(el);
    });
  }
})();
