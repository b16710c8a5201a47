// The till: log in, open the register, scan, pay, print. Every rule is the engine's, reached
// through the REST API; this page only shows what the API answers, errors in its own words.
import * as api from './api.js';
import { $, $$, el, button, show, say, openDialog, showDemoHint } from './dom.js';
import { format, quantity, isDecimal } from './money.js';
import * as actions from './till-actions.js';

const REGISTER_KEY = 'vruksha.register';

/** What the till holds between calls; the server holds the truth. */
export const state = {
  store: null, // {id, name, currency}
  shift: null,
  cart: null,
  priced: null, // the cart priced by the server
  approver: null, // a supervisor's token that approved something in this cart
  products: [],
  selected: -1,
  errors: [], // [{index | null, code, message}]: refusals shown at the line they are about
  customer: null, // {id, points, value}
};

const views = ['login-view', 'shift-view', 'sale-view'];
function view(id) {
  for (const v of views) show($(`#${v}`), v === id);
  const focus = { 'login-view': '#login-staff', 'shift-view': '#shift-float', 'sale-view': '#scan' }[id];
  $(focus).focus();
}

// ---- log in, open the register -------------------------------------------------------------

async function onLogin(e) {
  e.preventDefault();
  say($('#login-msg'), '');
  const f = new FormData(e.target);
  try {
    await api.startSession(f.get('staffId').trim(), f.get('secret'));
    e.target.reset();
    await afterLogin();
  } catch (err) {
    say($('#login-msg'), err.message);
    $('#login-pin').select();
  }
}

async function afterLogin() {
  const s = api.session();
  $('#who').textContent = `${s.staffId} (${s.role.toLowerCase()}) · store ${s.storeId}`;
  show($('#logout'));
  const [store, products] = await Promise.all([api.get(api.storePath('')), api.get('/api/v1/products')]);
  state.store = store;
  state.products = products;
  const register = localStorage.getItem(REGISTER_KEY) || 'till-1';
  $('#shift-register').value = register;
  const open = await api.get(api.storePath(`/shifts?register=${encodeURIComponent(register)}&status=OPEN`));
  if (open.length) {
    state.shift = open[0];
    await startSale();
  } else {
    view('shift-view');
  }
}

async function onOpenShift(e) {
  e.preventDefault();
  say($('#shift-msg'), '');
  const f = new FormData(e.target);
  const amount = f.get('float').trim();
  if (!isDecimal(amount)) return say($('#shift-msg'), 'the opening float is an amount such as 100.00');
  try {
    state.shift = await api.post(api.storePath('/shifts'), {
      registerId: f.get('registerId').trim(),
      openingFloat: { amount, currency: state.store.currency },
    });
    localStorage.setItem(REGISTER_KEY, state.shift.registerId);
    await startSale();
  } catch (err) {
    say($('#shift-msg'), err.message);
  }
}

export function shiftClosed() {
  state.shift = null;
  state.cart = null;
  view('shift-view');
}

function logout() {
  api.endSession();
  Object.assign(state, { shift: null, cart: null, priced: null, approver: null, customer: null });
  $('#who').textContent = '';
  show($('#logout'), false);
  view('login-view');
}

// ---- the cart ------------------------------------------------------------------------------

/** A new, empty cart. */
export async function startSale() {
  state.cart = await api.post(api.storePath('/carts'));
  Object.assign(state, { priced: null, approver: null, customer: null, selected: -1, errors: [] });
  view('sale-view');
  render();
}

/** Continues with a cart (a resumed one). */
export async function useCart(cart) {
  state.cart = cart;
  Object.assign(state, { priced: null, approver: null, customer: null, selected: -1, errors: [] });
  if (cart.shopper?.customerId) state.customer = { id: cart.shopper.customerId };
  await reprice();
}

const cartPath = (rest = '') => api.storePath(`/carts/${state.cart.id}${rest}`);

/** The token for this cart's pricing and checkout: an approving supervisor's once one approved. */
export const cartToken = () => state.approver || api.session().token;

/**
 * Runs fn(token); when the API answers that a higher role is needed, asks a supervisor to approve
 * (staff id and PIN) and runs it once more with their token. Answers [result, token used].
 */
export async function withApproval(fn, token = api.session().token) {
  try {
    return [await fn(token), token];
  } catch (err) {
    if (!err.needsApproval) throw err;
    const approver = await actions.approve(err.message);
    if (!approver) throw err;
    return [await fn(approver), approver];
  }
}

/** Prices the cart on the server, asking for approval when the engine does (a keyed price). */
export async function reprice() {
  if (!state.cart.lines.length) {
    state.priced = null;
    render();
    return;
  }
  try {
    const [priced, token] = await withApproval((t) => api.post(cartPath('/price'), undefined, { token: t }), cartToken());
    if (token !== api.session().token) state.approver = token;
    state.priced = priced;
  } finally {
    render();
  }
}

/** Scans (or keys) a code; a code the engine refuses is taken out again and shown with its reason. */
export async function scan(code, qty, priceOverride) {
  const body = { code };
  if (qty) body.quantity = qty;
  if (priceOverride) body.priceOverride = priceOverride;
  state.errors = [];
  try {
    state.cart = await api.post(cartPath('/lines'), body);
  } catch (err) {
    state.errors = [{ index: null, code, message: err.message }];
    render();
    return false;
  }
  try {
    await reprice();
    return true;
  } catch (err) {
    const index = state.cart.lines.length - 1;
    state.cart = await api.call('DELETE', cartPath(`/lines/${index}`));
    state.errors = [{ index: null, code, message: err.message }];
    await reprice().catch(() => {});
    return false;
  }
}

async function onScan(e) {
  e.preventDefault();
  const input = $('#scan');
  const code = input.value.trim();
  if (!code) return;
  input.value = '';
  const product = state.products.find((p) => p.sku === code);
  if (product?.unit === 'KILOGRAM') return pick(product);
  await scan(code);
  input.focus();
}

/** A product picked from the search: weighed ones ask for the weight. */
async function pick(product) {
  $('#search').value = '';
  $('#search-results').replaceChildren();
  if (product.unit === 'KILOGRAM') {
    const weight = await actions.prompt(`Weigh ${product.name}`, 'Weight in kg', '');
    if (weight === null) return $('#scan').focus();
    await scan(product.sku, weight.trim());
  } else {
    await scan(product.sku);
  }
  $('#scan').focus();
}

function onSearch() {
  const q = $('#search').value.trim().toLowerCase();
  const hits = q ? state.products.filter((p) => p.name.toLowerCase().includes(q) || p.sku.toLowerCase().includes(q)).slice(0, 8) : [];
  $('#search-results').replaceChildren(...hits.map((p) =>
    el('li', {}, el('button', { type: 'button', class: 'result', onclick: () => pick(p) }, `${p.name} (${p.sku})`))));
}

function onSearchKey(e) {
  if (e.key === 'Enter') {
    e.preventDefault();
    const first = $('#search-results button');
    if (first) first.click();
  } else if (e.key === 'ArrowDown') {
    e.preventDefault();
    $('#search-results button')?.focus();
  }
}

/** Line operations; a refusal is shown under the line it is about. */
async function lineAction(index, fn) {
  state.errors = [];
  try {
    await fn();
  } catch (err) {
    state.errors = [{ index, message: err.message }];
    render();
  }
  $('#scan').focus();
}

export function changeQuantity(index) {
  const line = state.cart.lines[index];
  const pricedLine = state.priced?.lines.find((l) => l.index === index);
  const weighed = pricedLine?.unit === 'KILOGRAM';
  return lineAction(index, async () => {
    const q = await actions.prompt(weighed ? 'Change the weight' : 'Change the quantity', weighed ? 'Weight in kg' : 'Quantity', pricedLine?.quantity || line.quantity || '1');
    if (q === null) return;
    state.cart = await api.call('PATCH', cartPath(`/lines/${index}`), { quantity: q.trim() });
    await reprice();
  });
}

export function changePrice(index) {
  const line = state.cart.lines[index];
  const pricedLine = state.priced?.lines.find((l) => l.index === index);
  return lineAction(index, async () => {
    const price = await actions.prompt('Key a price (a discount needs a supervisor)', `New unit price (${state.store.currency})`, pricedLine?.unitPrice.amount || '');
    if (price === null) return;
    if (!isDecimal(price)) throw new Error('a price is an amount such as 3.50');
    const qty = line.quantity || (pricedLine?.unit === 'KILOGRAM' ? pricedLine.quantity : null);
    state.cart = await api.call('DELETE', cartPath(`/lines/${index}`));
    const ok = await scan(line.code, qty, { amount: price.trim(), currency: state.store.currency });
    if (!ok) {
      const reason = state.errors[0]?.message;
      await scan(line.code, qty); // put the line back as it was
      state.errors = [{ index: state.cart.lines.length - 1, message: reason }];
      render();
    }
  });
}

export function voidLine(index) {
  return lineAction(index, async () => {
    state.cart = await api.call('DELETE', cartPath(`/lines/${index}`));
    state.selected = Math.min(state.selected, state.cart.lines.length - 1);
    await reprice();
  });
}

// ---- showing it ----------------------------------------------------------------------------

export function render() {
  const body = $('#lines');
  body.replaceChildren();
  const priced = new Map((state.priced?.lines || []).map((l) => [l.index, l]));
  state.cart.lines.forEach((line, i) => {
    const p = priced.get(i);
    body.append(el('tr', { class: i === state.selected ? 'line selected' : 'line', 'data-index': i, 'data-sku': p?.sku || line.code },
      el('td', {}, p ? p.name : line.code, line.priceOverride ? el('span', { class: 'tag' }, 'keyed price') : null),
      el('td', { class: 'num' }, p ? quantity(p.quantity, p.unit) : quantity(line.quantity, line.unit)),
      el('td', { class: 'num' }, p ? p.unitPrice.amount : ''),
      el('td', { class: 'num' }, p && p.discount.amount !== '0.00' ? `-${p.discount.amount}` : ''),
      el('td', { class: 'num' }, p ? p.total.amount : ''),
      el('td', { class: 'line-actions' },
        button('Qty', '', () => changeQuantity(i), { title: 'Quantity or weight (*)', class: 'small qty' }),
        button('Price', '', () => changePrice(i), { title: 'Key a price or discount (%)', class: 'small price' }),
        button('Void', '', () => voidLine(i), { title: 'Void the line (Del)', class: 'small void' }))));
    for (const e of state.errors.filter((x) => x.index === i)) {
      body.append(el('tr', { class: 'line-error' }, el('td', { colspan: 6, role: 'alert' }, e.message)));
    }
  });
  for (const e of state.errors.filter((x) => x.index === null)) {
    body.append(el('tr', { class: 'line-error refused' }, el('td', { colspan: 6, role: 'alert' }, `${e.code}: ${e.message}`)));
  }
  const t = state.priced;
  $('#subtotal').textContent = t ? format(t.subtotal) : '0.00';
  $('#discounts').textContent = t ? format(t.discountTotal) : '0.00';
  $('#tax').textContent = t ? format(t.tax) : '0.00';
  $('#total').textContent = t ? format(t.total) : '0.00';
  $('#promotions').replaceChildren(...(t?.promotions || []).map((p) => el('span', { class: 'tag' }, p)));
  const c = state.customer;
  $('#customer-info').replaceChildren(c
    ? el('span', {}, 'Customer ', el('strong', {}, c.id), c.points !== undefined ? ` · ${c.points} points (${format(c.value)})` : '')
    : 'No customer');
}

function selectLine(delta) {
  const n = state.cart.lines.length;
  if (!n) return;
  state.selected = state.selected < 0 ? (delta > 0 ? 0 : n - 1) : (state.selected + delta + n) % n;
  render();
}

const shortcuts = {
  F2: () => actions.pay(),
  F3: () => $('#search').focus(),
  F4: () => actions.park(),
  F6: () => actions.parked(),
  F7: () => actions.customer(),
  F8: () => actions.returns(),
  F9: () => actions.cash(),
  F10: () => actions.reports(),
};

function onKey(e) {
  if ($('#sale-view').hidden || document.querySelector('dialog[open]')) return;
  if (shortcuts[e.key]) {
    e.preventDefault();
    shortcuts[e.key]();
    return;
  }
  const inScan = document.activeElement === $('#scan') && !$('#scan').value;
  const onLine = document.activeElement?.closest?.('#lines');
  if (!inScan && !onLine) return;
  const i = state.selected >= 0 ? state.selected : state.cart.lines.length - 1;
  if (e.key === 'ArrowUp' || e.key === 'ArrowDown') {
    e.preventDefault();
    selectLine(e.key === 'ArrowUp' ? -1 : 1);
  } else if (i >= 0 && e.key === '*') {
    e.preventDefault();
    changeQuantity(i);
  } else if (i >= 0 && e.key === '%') {
    e.preventDefault();
    changePrice(i);
  } else if (i >= 0 && e.key === 'Delete') {
    e.preventDefault();
    voidLine(i);
  }
}

function actionButtons() {
  $('#actions').replaceChildren(
    button('Pay', 'F2', () => actions.pay(), { id: 'pay', class: 'primary' }),
    button('Customer', 'F7', () => actions.customer(), { id: 'customer' }),
    button('Park', 'F4', () => actions.park(), { id: 'park' }),
    button('Resume', 'F6', () => actions.parked(), { id: 'resume' }),
    button('Return', 'F8', () => actions.returns(), { id: 'return' }),
    button('Cash in/out', 'F9', () => actions.cash(), { id: 'cash' }),
    button('X / Z report', 'F10', () => actions.reports(), { id: 'reports' }));
}

function init() {
  $('#login-form').addEventListener('submit', onLogin);
  $('#shift-form').addEventListener('submit', onOpenShift);
  $('#scan-form').addEventListener('submit', onScan);
  $('#search').addEventListener('input', onSearch);
  $('#search').addEventListener('keydown', onSearchKey);
  $('#logout').addEventListener('click', logout);
  document.addEventListener('keydown', onKey);
  for (const b of $$('dialog .cancel')) b.addEventListener('click', () => b.closest('dialog').close());
  actionButtons();
  actions.init();
  if (api.session()) {
    afterLogin().catch(() => logout());
  } else {
    view('login-view');
  }
}

init();
showDemoHint();
