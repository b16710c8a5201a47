// The receipt and the shift reports as printable blocks (css/receipt.css lays them out for 80 mm
// paper when printed). Every figure is the server's; nothing is computed here.
import { el } from './dom.js';
import { format, quantity } from './money.js';

const row = (label, value, attrs = {}) =>
  el('div', { class: 'row', ...attrs }, el('span', {}, label), el('span', { class: 'num' }, value));

const when = (instant) => new Date(instant).toLocaleString();

/** A sale's receipt. */
export function saleReceipt(sale, store) {
  const b = sale.basket;
  return el('div', { class: 'paper', id: 'receipt-sale' },
    el('h3', {}, store?.name || sale.store),
    el('p', { class: 'center' }, 'Receipt ', el('strong', { id: 'receipt-number' }, sale.number)),
    el('p', { class: 'center small' }, when(sale.at), ' · cashier ', sale.cashierId),
    el('div', { class: 'rule' }),
    b.lines.map((l) => el('div', { class: 'item' },
      row(l.name, format(l.total)),
      el('div', { class: 'small' }, `${quantity(l.quantity, l.unit)} × ${l.unitPrice.amount}`,
        l.discount.amount !== '0.00' ? ` · discount -${l.discount.amount}` : ''))),
    el('div', { class: 'rule' }),
    row('Subtotal', format(b.subtotal)),
    b.discountTotal.amount !== '0.00' ? row('Discounts', `-${format(b.discountTotal)}`) : null,
    b.promotions.length ? el('div', { class: 'small' }, b.promotions.join(', ')) : null,
    row('TOTAL', format(b.total), { class: 'row total', id: 'receipt-total' }),
    b.taxBreakdown.map((t) => row(`incl. ${t.name} on ${t.taxableBase.amount}`, t.tax.amount, { class: 'row small' })),
    el('div', { class: 'rule' }),
    sale.tenders.map((t) => row(tenderName(t), format(t.amount))),
    row('Tendered', format(sale.tendered)),
    row('Change', format(sale.change), { class: 'row total', id: 'receipt-change' }),
    sale.customerId ? row(`Customer ${sale.customerId}: points earned`, String(sale.pointsEarned)) : null,
    el('div', { class: 'rule' }),
    el('p', { class: 'small mono' }, `journal ${sale.journalHash.slice(0, 16)}…`),
    el('p', { class: 'center' }, 'Thank you!'));
}

function tenderName(t) {
  const names = { CASH: 'Cash', CARD: 'Card', POINTS: 'Points', STORE_CREDIT: 'Store credit', GIFT_CARD: 'Gift card' };
  return (names[t.type] || t.type) + (t.reference ? ` ${t.reference}` : '');
}

/** An X report (number null) or a Z report (numbered, chained, with the count). */
export function shiftReport(r, shift) {
  const z = Boolean(r.number);
  return el('div', { class: 'paper', id: z ? 'z-report' : 'x-report' },
    el('h3', {}, z ? `Z report ${r.number}` : 'X report (shift so far)'),
    el('p', { class: 'center small' }, when(r.at), shift ? ` · ${shift.registerId}` : ''),
    el('div', { class: 'rule' }),
    row('Sales', String(r.salesCount), { class: 'row', id: 'report-sales' }),
    row('Gross sales', format(r.grossSales), { class: 'row', id: 'report-gross' }),
    row('Returns', format(r.returns)),
    row('Discounts', format(r.discounts)),
    r.taxByRate.map((t) => row(`${t.name} on ${t.taxableBase.amount}`, t.tax.amount, { class: 'row small' })),
    el('div', { class: 'rule' }),
    Object.entries(r.tenders).map(([k, v]) => row(`Taken ${k}`, format(v))),
    row('Expected cash', format(r.expectedCash), { class: 'row', id: 'report-expected' }),
    r.countedCash ? row('Counted cash', format(r.countedCash)) : null,
    r.overShort ? row('Over / short', format(r.overShort), { class: 'row total', id: 'report-over-short' }) : null,
    r.journalHash ? el('p', { class: 'small mono' }, `journal ${r.journalHash.slice(0, 16)}…`) : null);
}
