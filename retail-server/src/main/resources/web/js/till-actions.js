// The till's dialogs: approval, payment and receipt, customer, park and resume, returns, cash in
// and out, X and Z reports. Each one calls the API and shows its answer or its refusal.
import * as api from './api.js';
import { $, el, button, say, openDialog } from './dom.js';
import { add, subtract, compare, format, isDecimal } from './money.js';
import { saleReceipt, shiftReport } from './receipt.js';
import { state, startSale, useCart, reprice, render, withApproval, cartToken, shiftClosed } from './till.js';

const money = (amount) => ({ amount: amount.trim(), currency: state.store.currency });

/** Asks a supervisor to approve what the API refused; answers their token, or null. */
export async function approve(reason) {
  const dialog = $('#approval-dialog');
  $('#approval-reason').textContent = reason;
  say($('#approval-msg'), '');
  $('#approval-staff').value = '';
  $('#approval-pin').value = '';
  for (;;) {
    const values = await openDialog(dialog);
    if (!values) return null;
    try {
      const who = await api.login(values.staffId.trim(), values.secret);
      return who.token;
    } catch (err) {
      say($('#approval-msg'), err.message);
    }
  }
}

/** A one-field question; answers the text, or null when cancelled. */
export async function prompt(title, label, value) {
  $('#prompt-title').textContent = title;
  $('#prompt-label').textContent = label;
  $('#prompt-value').value = value || '';
  const values = await openDialog($('#prompt-dialog'));
  $('#prompt-value').select();
  return values ? values.value : null;
}

// ---- payment ---------------------------------------------------------------------------------

let tenders = [];

function due() {
  const total = state.priced.total.amount;
  return tenders.filter((t) => t.amount).reduce((left, t) => subtract(left, t.amount.amount), total);
}

function renderTenders() {
  $('#pay-total').textContent = format(state.priced.total);
  const left = due();
  $('#pay-due').textContent = compare(left, '0') > 0 ? `${left} ${state.store.currency}` : `0.00 ${state.store.currency}`;
  $('#pay-tenders').replaceChildren(...tenders.map((t, i) => el('li', {},
    `${t.type}${t.amount ? ` ${format(t.amount)}` : ` ${t.points} points`}${t.reference ? ` (${t.reference})` : ''} `,
    button('Remove', '', () => { tenders.splice(i, 1); renderTenders(); }, { class: 'small' }))));
  const type = $('#pay-type').value;
  $('#pay-amount-label').textContent = type === 'POINTS' ? 'Points' : type === 'CASH' ? 'Amount handed over' : 'Amount';
  $('#pay-ref-field').hidden = type !== 'CARD';
  if (!$('#pay-amount').value && type !== 'POINTS' && compare(left, '0') > 0) $('#pay-amount').placeholder = left;
}

/** The tender the form holds, or null when it is empty; throws a sentence when it is wrong. */
function formTender() {
  const type = $('#pay-type').value;
  const value = $('#pay-amount').value.trim();
  if (!value) return null;
  if (!/^[0-9]+(\.[0-9]+)?$/.test(value)) throw new Error(type === 'POINTS' ? 'points are a whole number' : 'an amount such as 20.00');
  if (type === 'POINTS') return { type, points: Number.parseInt(value, 10) };
  const t = { type, amount: money(value) };
  if (type === 'CARD') t.reference = $('#pay-ref').value.trim() || `terminal-${Date.now()}`;
  return t;
}

function addTender() {
  try {
    const t = formTender();
    if (t) tenders.push(t);
    $('#pay-amount').value = '';
    $('#pay-ref').value = '';
    $('#pay-type').value = 'CASH'; // the rest is most often cash
    say($('#pay-msg'), '');
  } catch (err) {
    say($('#pay-msg'), err.message);
  }
  renderTenders();
  $('#pay-amount').focus();
}

export async function pay() {
  if (!state.priced || !state.cart.lines.length) return say($('#sale-msg'), 'scan something first');
  say($('#sale-msg'), '');
  tenders = [];
  $('#pay-type').value = 'CASH';
  $('#pay-amount').value = '';
  say($('#pay-msg'), '');
  renderTenders();
  const dialog = $('#pay-dialog');
  for (;;) {
    const values = await openDialog(dialog);
    if (!values) return $('#scan').focus();
    let body;
    try {
      const last = formTender();
      const all = last ? [...tenders, last] : [...tenders];
      const rest = due();
      const points = all.some((t) => t.type === 'POINTS'); // their worth is the server's to say
      if (!last && !points && compare(rest, '0') > 0) all.push({ type: 'CASH', amount: money(rest) }); // the rest, exact cash
      body = { tenders: all, shiftId: state.shift.id };
    } catch (err) {
      say($('#pay-msg'), err.message);
      continue;
    }
    try {
      const [sale] = await withApproval((t) => api.post(api.storePath(`/carts/${state.cart.id}/checkout`), body,
        { token: t, idempotencyKey: api.keyFor(state.cart.id, body) }), cartToken());
      return showReceipt(sale);
    } catch (err) {
      say($('#pay-msg'), err.message);
      markLine(err.message);
    }
  }
}

/** A checkout refusal that names a SKU (out of stock) is shown at its line too. */
function markLine(message) {
  const line = (state.priced?.lines || []).find((l) => message.includes(l.sku));
  if (line) {
    state.errors = [{ index: line.index, message }];
    render();
  }
}

async function showReceipt(sale) {
  $('#receipt').replaceChildren(saleReceipt(sale, state.store));
  await openDialog($('#receipt-dialog'));
  await startSale();
}

// ---- customer ----------------------------------------------------------------------------------

export async function customer() {
  const id = await prompt('Loyalty customer', 'Customer id (card number)', state.customer?.id || '');
  if (!id || !id.trim()) return $('#scan').focus();
  const customerId = id.trim();
  try {
    await api.get(api.storePath(`/customers/${encodeURIComponent(customerId)}`)).catch(async (err) => {
      if (err.status !== 404) throw err;
      const name = await prompt(`New customer ${customerId}`, 'Name', '');
      if (!name) throw err;
      await api.post(api.storePath('/customers'), { customerId, name: name.trim(), marketingConsent: false });
    });
    state.cart = await api.post(api.storePath(`/carts/${state.cart.id}/customer`), { customerId });
    state.customer = { id: customerId };
    try {
      const l = await api.get(api.storePath(`/customers/${encodeURIComponent(customerId)}/loyalty`));
      state.customer.points = l.balance;
      state.customer.value = l.value;
    } catch (err) {
      // no loyalty programme: the customer is attached all the same
    }
    await reprice();
    say($('#sale-msg'), '');
  } catch (err) {
    say($('#sale-msg'), err.message);
  }
  render();
  $('#scan').focus();
}

// ---- park and resume ---------------------------------------------------------------------------

export async function park() {
  if (!state.cart.lines.length) return say($('#sale-msg'), 'an empty cart need not be parked');
  try {
    await api.post(api.storePath(`/carts/${state.cart.id}/park`));
    await startSale();
    say($('#sale-msg'), 'cart parked: Resume (F6) brings it back', 'ok');
  } catch (err) {
    say($('#sale-msg'), err.message);
  }
}

export async function parked() {
  const dialog = $('#parked-dialog');
  say($('#parked-msg'), '');
  try {
    const carts = await api.get(api.storePath('/carts'));
    $('#parked-list').replaceChildren(...(carts.length ? carts.map((c) => el('li', {},
      button(`${c.lines.length} line(s), parked ${new Date(c.updatedAt).toLocaleTimeString()}`, '', async () => {
        try {
          if (!state.cart.lines.length) await api.call('DELETE', api.storePath(`/carts/${state.cart.id}`));
          const cart = await api.post(api.storePath(`/carts/${c.id}/resume`));
          dialog.close();
          await useCart(cart);
        } catch (err) {
          say($('#parked-msg'), err.message);
        }
      }, { class: 'result' }))) : [el('li', {}, 'No parked carts')]));
  } catch (err) {
    say($('#parked-msg'), err.message);
  }
  await openDialog(dialog);
  $('#scan').focus();
}

// ---- returns ---------------------------------------------------------------------------------

let returning = null;

async function findSale() {
  say($('#return-msg'), '');
  const number = $('#return-number').value.trim();
  try {
    const found = await api.get(api.storePath(`/sales?number=${encodeURIComponent(number)}`));
    if (!found.length) throw new Error(`no sale has the receipt number ${number}`);
    returning = found[0];
    $('#return-lines').replaceChildren(el('table', { class: 'lines' },
      el('thead', {}, el('tr', {}, el('th', {}, 'Item'), el('th', { class: 'num' }, 'Sold'), el('th', { class: 'num' }, 'Total'), el('th', {}, 'Return'))),
      el('tbody', {}, returning.basket.lines.map((l) => el('tr', {},
        el('td', {}, l.name), el('td', { class: 'num' }, l.quantity), el('td', { class: 'num' }, l.total.amount),
        el('td', {}, el('input', { class: 'return-qty', 'data-line': l.index, value: '0', inputmode: 'decimal', size: 6, 'aria-label': `return quantity of ${l.name}` })))))));
    $('.return-qty', $('#return-lines'))?.select();
  } catch (err) {
    say($('#return-msg'), err.message);
  }
}

export async function returns() {
  returning = null;
  $('#return-lines').replaceChildren();
  $('#return-number').value = '';
  say($('#return-msg'), '');
  for (;;) {
    const values = await openDialog($('#return-dialog'));
    if (!values) return $('#scan').focus();
    if (!returning) {
      await findSale();
      continue;
    }
    const lines = [...document.querySelectorAll('#return-lines .return-qty')]
      .filter((i) => i.value.trim() && compare(isDecimal(i.value) ? i.value : '0', '0') > 0)
      .map((i) => ({ line: Number(i.dataset.line), quantity: i.value.trim(), restock: true }));
    if (!lines.length) {
      say($('#return-msg'), 'give the quantity to return on at least one line');
      continue;
    }
    const body = { saleId: returning.id, lines, refundTo: values.refundTo, shiftId: state.shift.id };
    try {
      const [r] = await withApproval((t) => api.post(api.storePath('/returns'), body, { token: t, idempotencyKey: api.keyFor(`return-${returning.id}`, body) }));
      say($('#return-msg'), `Credit note ${r.creditNoteNumber}: ${format(r.refund)} refunded to ${r.refundTender}`, 'ok');
      returning = null;
      $('#return-lines').replaceChildren();
    } catch (err) {
      say($('#return-msg'), err.message);
    }
  }
}

// ---- cash in and out -----------------------------------------------------------------------

export async function cash() {
  say($('#cash-msg'), '');
  for (;;) {
    const values = await openDialog($('#cash-dialog'));
    if (!values) return $('#scan').focus();
    if (!isDecimal(values.amount)) {
      say($('#cash-msg'), 'an amount such as 20.00');
      continue;
    }
    const amount = values.direction === 'out' ? `-${values.amount.trim()}` : values.amount.trim();
    try {
      await withApproval((t) => api.post(api.storePath(`/shifts/${state.shift.id}/cash-movements`), { amount: money(amount), reason: values.reason.trim() }, { token: t }));
      say($('#sale-msg'), `cash ${values.direction}: ${values.amount} ${state.store.currency} booked`, 'ok');
      $('#cash-amount').value = '';
      $('#cash-reason').value = '';
      return $('#scan').focus();
    } catch (err) {
      say($('#cash-msg'), err.message);
    }
  }
}

// ---- X and Z reports -----------------------------------------------------------------------

export async function reports() {
  say($('#report-msg'), '');
  $('#close-fields').hidden = false;
  $('#close-counted').value = '';
  let closed = false;
  try {
    $('#report').replaceChildren(shiftReport(await api.get(api.storePath(`/shifts/${state.shift.id}/x-report`)), state.shift));
  } catch (err) {
    say($('#report-msg'), err.message);
  }
  for (;;) {
    const values = await openDialog($('#report-dialog'));
    if (!values) break;
    if (!isDecimal(values.counted || '')) {
      say($('#report-msg'), 'count the cash in the drawer and key the amount, such as 123.45');
      continue;
    }
    try {
      const z = await api.post(api.storePath(`/shifts/${state.shift.id}/close`), { counted: { CASH: money(values.counted) } });
      $('#report').replaceChildren(shiftReport(z, state.shift));
      $('#close-fields').hidden = true;
      closed = true;
      say($('#report-msg'), 'shift closed', 'ok');
    } catch (err) {
      say($('#report-msg'), err.message);
    }
  }
  if (closed) shiftClosed();
  else $('#scan').focus();
}

export function init() {
  $('#pay-add').addEventListener('click', addTender);
  $('#pay-type').addEventListener('change', renderTenders);
  $('#pay-dialog').addEventListener('keydown', (e) => {
    if (e.key === 'Insert') {
      e.preventDefault();
      addTender();
    }
  });
  $('#return-number').addEventListener('keydown', (e) => {
    if (e.key === 'Enter') {
      e.preventDefault();
      findSale();
    }
  });
  $('#return-find').addEventListener('click', findSale);
  $('#return-dialog').addEventListener('keydown', (e) => {
    if (e.key === 'Enter' && e.ctrlKey) {
      e.preventDefault();
      $('#return-submit').click();
    }
  });
  const printOnP = (dialog) => $(dialog).addEventListener('keydown', (e) => {
    if ((e.key === 'p' || e.key === 'P') && e.target.tagName !== 'INPUT') {
      e.preventDefault();
      window.print();
    }
  });
  printOnP('#receipt-dialog');
  printOnP('#report-dialog');
  $('#receipt-print').addEventListener('click', () => window.print());
  $('#report-print').addEventListener('click', () => window.print());
}
