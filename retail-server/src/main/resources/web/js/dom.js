// Small DOM helpers: no framework, no inline script or style (the pages' CSP allows neither).

export const $ = (selector, root = document) => root.querySelector(selector);
export const $$ = (selector, root = document) => [...root.querySelectorAll(selector)];

/** el('td', {class: 'num'}, '12.30'): an element with attributes and children (text or nodes). */
export function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === false || v === null || v === undefined) continue;
    if (k.startsWith('on')) node.addEventListener(k.slice(2), v);
    else if (k === 'text') node.textContent = v;
    else node.setAttribute(k, v === true ? '' : v);
  }
  for (const c of children.flat()) {
    if (c === null || c === undefined || c === false) continue;
    node.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return node;
}

/** A button with its shortcut shown: button('Pay', 'F2', handler). */
export function button(label, key, onclick, attrs = {}) {
  return el('button', { type: 'button', onclick, ...attrs }, label, key ? el('kbd', {}, key) : null);
}

export function show(node, visible = true) {
  node.hidden = !visible;
}

/** Shows the API's message in a message area (role=alert, so screen readers say it). */
export function say(area, message, kind = 'error') {
  area.replaceChildren(message ? el('p', { class: kind, role: 'alert' }, message) : '');
}

/** A modal dialog with a form; resolves with the form's values, or null when cancelled (Esc). */
export function openDialog(dialog) {
  return new Promise((resolve) => {
    const form = $('form', dialog);
    const done = (value) => {
      form.removeEventListener('submit', onSubmit);
      dialog.removeEventListener('close', onClose);
      resolve(value);
    };
    const onSubmit = (e) => {
      e.preventDefault();
      const values = Object.fromEntries(new FormData(form).entries());
      done(values);
      dialog.close('ok');
    };
    const onClose = () => done(null);
    form.addEventListener('submit', onSubmit);
    dialog.addEventListener('close', onClose);
    dialog.showModal();
    const first = $('[autofocus]', dialog) || $('input, select, button', dialog);
    if (first) first.focus();
  });
}

/**
 * Shows the login form's hint with the demo staff's PINs when the server is in demo mode: it serves
 * /demo.json then, and never otherwise, so a real store's login page advertises nothing.
 */
export async function showDemoHint() {
  const hint = $('#demo-hint');
  if (!hint) return;
  try {
    const r = await fetch('/demo.json', { cache: 'no-store' });
    show(hint, r.ok);
  } catch {
    show(hint, false);
  }
}
