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

  // A toggle is a list item's button (it submits the page's shared form with its own
  // formaction and value) or, on the article page, a form of its own.
  const toggleOf = (root, kind) => root?.querySelector(`[data-toggle="${kind}"]`);

  // Posts a toggle the plain way (a page load), e.g. when fetch() failed.
  function submitPlainly(control) {
    if (control instanceof HTMLFormElement) return control.submit();
    const form = control.form;
    const value = document.createElement('input');
    value.type = 'hidden';
    value.name = control.name;
    value.value = control.value;
    form.append(value);
    form.action = control.formAction;
    form.submit();
  }

  // fallback: on failure, post the plain way (a user's click); off for automatic marks.
  async function toggle(control, fallback = true) {
    const isForm = control instanceof HTMLFormElement;
    const body = new URLSearchParams(new FormData(isForm ? control : control.form));
    if (!isForm) body.set(control.name, control.value);
    const res = await fetch(isForm ? control.action : control.formAction, {
      method: 'POST',
      body,
      headers: { 'x-csrf-token': csrf, accept: 'application/json' },
      credentials: 'same-origin',
    });
    if (!res.ok) {
      if (fallback) submitPlainly(control);
      return;
    }
    const data = await res.json();
    const kind = control.dataset.toggle;
    const on = Boolean(data[kind]);
    const item = control.closest('.item, article.article');
    if (item) {
      item.dataset[kind] = on ? '1' : '0';
      if (kind === 'read') item.classList.toggle('read', on);
    }
    const button = isForm ? control.querySelector('button') : control;
    if (isForm) control.querySelector('input[name="value"]').value = on ? '0' : '1';
    else control.value = on ? '0' : '1';
    if (kind === 'starred') {
      button.textContent = on ? '★ Starred' : '☆ Star';
      button.setAttribute('aria-pressed', on ? 'true' : 'false');
    } else button.textContent = on ? 'Mark unread' : 'Mark read';
  }

  document.addEventListener('submit', (event) => {
    const form = event.target;
    const button = event.submitter;
    const control = button?.dataset.toggle ? button : form.classList.contains('js-toggle') ? form : null;
    if (control) {
      event.preventDefault();
      toggle(control).catch(() => submitPlainly(control));
    }
  });

  // Opening an article reads it: marked here with a POST, because the page's GET changes nothing
  // (prefetchers and crawlers must not mark articles read). Without JavaScript, "Mark read" does it.
  const opened = document.querySelector('article.article[data-read="0"]');
  const readToggle = toggleOf(opened, 'read');
  if (readToggle) toggle(readToggle, false).catch(() => undefined);

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
      case 'm':
      case 's': {
        const kind = event.key === 'm' ? 'read' : 'starred';
        const control = toggleOf(item, kind) || toggleOf(document.querySelector('article.article'), kind);
        if (control) toggle(control);
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
          const control = toggleOf(el, 'read');
          if (control) toggle(control);
          seen.unobserve(el);
        }
      }
    });
    list.querySelectorAll('.item').forEach((el) => {
      seen.observe(el);
    });
  }
})();
