// The back office: the store's day, its sales, products, stock, documents and orders, each read
// from the REST API with the manager's token; approving a purchase order is its one write.
import * as api from './api.js';
import { $, $$, el, button, show, say, openDialog, showDemoHint } from './dom.js';
import { format, quantity, compare, isDecimal } from './money.js';
import { barChart } from './chart.js';
import { saleReceipt } from './receipt.js';

let store = null;

/** Today in the store's time zone, and n days before it, as YYYY-MM-DD. */
function storeDay(offsetDays = 0) {
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: store.zone }).format(new Date());
  const [y, m, d] = today.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d + offsetDays)).toISOString().slice(0, 10);
}

function table(headers, rows, empty = 'Nothing yet') {
  if (!rows.length) return el('p', { class: 'hint' }, empty);
  return el('table', {},
    el('thead', {}, el('tr', {}, headers.map((h) => el('th', { class: h.num ? 'num' : '' }, h.label || h)))),
    el('tbody', {}, rows));
}

const td = (v, num) => el('td', { class: num ? 'num' : '' }, v);

/** Runs one panel; a refusal is shown in the panel it is about, the others still load. */
async function panel(target, fn) {
  try {
    await fn();
  } catch (err) {
    $(target).replaceChildren(el('p', { class: 'error', role: 'alert' }, err.message));
  }
}

async function today() {
  const [sales, open, journal] = await Promise.all([
    api.get(api.storePath('/reports/daily-sales')),
    api.get(api.storePath('/shifts?status=OPEN')),
    api.get(api.storePath('/journal/verification')),
  ]);
  const t = sales.total;
  const tile = (label, value, id) => el('div', { class: 'tile', id }, label, el('strong', {}, value));
  $('#today-tiles').replaceChildren(
    tile('Sales', String(t.sales), 'today-sales'),
    tile('Gross', format(t.gross), 'today-gross'),
    tile('Returns', `${t.returns} · ${format(t.refunds)}`, 'today-returns'),
    tile('Net', format(t.net), 'today-net'),
    tile('Average sale', format(t.averageSale), 'today-average'),
    tile('Open registers', String(open.length), 'today-open'),
    tile('Fiscal journal', journal.verified ? 'verified' : 'BROKEN', 'today-journal'));
}

async function daily() {
  const from = storeDay(-29);
  const to = storeDay(0);
  const report = await api.get(api.storePath(`/reports/daily-sales?from=${from}&to=${to}`));
  const byDay = new Map(report.days.map((d) => [d.day, d]));
  const days = [];
  for (let i = -29; i <= 0; i++) {
    const day = storeDay(i);
    const d = byDay.get(day);
    days.push({ day, net: d ? d.net.amount : '0', sales: d ? d.sales : 0 });
  }
  $('#daily-chart').replaceChildren(barChart(days, store.currency),
    el('p', { class: 'hint', id: 'daily-total' }, `30 days: ${report.total.sales} sale(s), net ${format(report.total.net)}`));
}

async function products() {
  const report = await api.get(api.storePath(`/reports/product-performance?from=${storeDay(-29)}&to=${storeDay(0)}`));
  const rows = (list) => list.map((p) => el('tr', {}, td(p.sku), td(String(p.sales), true), td(p.units, true), td(format(p.revenue), true)));
  const headers = ['SKU', { label: 'Sales', num: true }, { label: 'Units', num: true }, { label: 'Revenue', num: true }];
  $('#products-top').replaceChildren(table(headers, rows(report.products.slice(0, 20)), 'No sales in 30 days'));
  $('#products-bottom').replaceChildren(table(headers, rows(report.products.slice(-20).reverse()), 'No sales in 30 days'));
}

async function stock() {
  const levels = await api.get(api.storePath('/stock'));
  const threshold = isDecimal($('#low-threshold').value) ? $('#low-threshold').value.trim() : '10';
  $('#stock-table').replaceChildren(table(
    ['SKU', 'Location', { label: 'On hand', num: true }, { label: 'Reserved', num: true }, { label: 'Available', num: true }],
    levels.map((l) => {
      const low = compare(l.available, threshold) <= 0;
      return el('tr', { class: low ? 'low' : '', 'data-sku': l.sku },
        td(l.sku, false), td(l.location), td(l.onHand, true), td(l.reserved, true), td(`${l.available}${low ? ' (low)' : ''}`, true));
    })));
  const orders = await api.get(api.storePath('/purchase-orders'));
  $('#po-table').replaceChildren(table(['Order', 'Supplier', 'Status', 'Lines', ''],
    orders.map((o) => {
      const msg = el('div', { class: 'msg' });
      return el('tr', { 'data-order': o.id }, td(o.id), td(o.supplierId), td(o.status),
        td(o.lines.map((l) => `${l.sku} × ${l.ordered}`).join(', ')),
        el('td', {}, o.status === 'DRAFTED' ? button('Approve', '', async () => {
          try {
            await api.post(api.storePath(`/purchase-orders/${encodeURIComponent(o.id)}/approve`));
            await stock();
          } catch (err) {
            say(msg, err.message);
          }
        }, { class: 'small approve' }) : '', msg));
    }), 'No purchase orders: the engine drafts one when a SKU falls to its reorder point'));
}

async function sales() {
  const list = await api.get(api.storePath('/sales?limit=20'));
  $('#sales-table').replaceChildren(table(['Receipt', 'When', 'Cashier', { label: 'Total', num: true }, 'Status', ''],
    list.map((s) => el('tr', { 'data-number': s.number }, td(s.number), td(new Date(s.at).toLocaleString()), td(s.cashierId),
      td(format(s.basket.total), true), td(s.status),
      el('td', {}, button('Receipt', '', () => receipt(s), { class: 'small view-receipt' })))),
    'No sales yet: sell something at the till'));
  const invoices = await api.get(api.storePath('/invoices'));
  $('#invoices-table').replaceChildren(table(['Number', 'Issued', { label: 'Total', num: true }, 'Status', { label: 'Credited', num: true }],
    invoices.slice(0, 20).map((i) => el('tr', {}, td(i.number), td(new Date(i.issuedAt).toLocaleDateString()),
      td(format(i.total), true), td(i.status), td(i.credited ? format(i.credited) : '', true)))));
}

async function receipt(sale) {
  $('#receipt').replaceChildren(saleReceipt(sale, store));
  await openDialog($('#receipt-dialog'));
}

async function journal() {
  const j = await api.get(api.storePath('/journal/verification'));
  $('#journal-status').replaceChildren(
    el('p', { id: 'journal-verified', class: j.verified ? 'status-ok' : 'status-bad' },
      j.verified ? `Verified: ${j.entries} entries, every hash recomputed and chained` : `NOT verified: ${j.problems.length} problem(s)`),
    j.lastNumber ? el('p', { class: 'hint' }, `Newest entry ${j.lastNumber}, hash `, el('code', {}, j.lastHash)) : null,
    j.problems.length ? el('ul', {}, j.problems.map((p) => el('li', { class: 'error' }, p))) : null);
}

async function curbside() {
  const slots = await api.get(api.storePath('/curbside/slots'));
  $('#slots-table').replaceChildren(table(['Slot', 'From', 'To', { label: 'Booked', num: true }],
    slots.map((s) => el('tr', {}, td(s.id), td(new Date(s.start).toLocaleString()), td(new Date(s.end).toLocaleTimeString()),
      td(`${s.booked} / ${s.capacity}`, true))), 'No collection slots in the next 7 days'));
  const orders = (await api.get(api.storePath('/orders'))).filter((o) => o.status !== 'COLLECTED' && o.status !== 'CANCELLED');
  $('#orders-table').replaceChildren(table(['Order', 'Channel', 'Status', { label: 'Total', num: true }, 'Reserved until'],
    orders.map((o) => el('tr', {}, td(o.id), td(o.channel), td(o.status), td(format(o.total), true),
      td(new Date(o.reservedUntil).toLocaleString()))), 'No open orders'));
}

async function load() {
  say($('#office-msg'), '');
  store = await api.get(api.storePath(''));
  await Promise.all([
    panel('#today-tiles', today), panel('#daily-chart', daily), panel('#products-top', products),
    panel('#stock-table', stock), panel('#sales-table', sales), panel('#journal-status', journal),
    panel('#slots-table', curbside),
  ]);
  document.body.dataset.loaded = 'true';
}

async function onLogin(e) {
  e.preventDefault();
  say($('#login-msg'), '');
  const f = new FormData(e.target);
  try {
    await api.startSession(f.get('staffId').trim(), f.get('secret'));
    e.target.reset();
    await enter();
  } catch (err) {
    say($('#login-msg'), err.message);
  }
}

async function enter() {
  const s = api.session();
  $('#who').textContent = `${s.staffId} (${s.role.toLowerCase()}) · store ${s.storeId}`;
  show($('#logout'));
  show($('#login-view'), false);
  show($('#office-view'));
  await load();
}

function logout() {
  api.endSession();
  show($('#office-view'), false);
  show($('#logout'), false);
  $('#who').textContent = '';
  show($('#login-view'));
  $('#login-staff').focus();
}

function init() {
  $('#login-form').addEventListener('submit', onLogin);
  $('#logout').addEventListener('click', logout);
  $('#refresh').addEventListener('click', () => load().catch((err) => say($('#office-msg'), err.message)));
  $('#low-threshold').addEventListener('change', () => panel('#stock-table', stock));
  $('#receipt-print').addEventListener('click', () => window.print());
  document.addEventListener('keydown', (e) => {
    if ((e.key === 'r' || e.key === 'R') && !['INPUT', 'SELECT'].includes(e.target.tagName) && !document.querySelector('dialog[open]') && !$('#office-view').hidden) {
      e.preventDefault();
      $('#refresh').click();
    }
  });
  for (const b of $$('dialog .cancel')) b.addEventListener('click', () => b.closest('dialog').close());
  if (api.session()) {
    enter().catch(() => logout());
  } else {
    show($('#login-view'));
    $('#login-staff').focus();
  }
}

init();
showDemoHint();
