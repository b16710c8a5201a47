// Exact decimal arithmetic for amounts the API sends as strings ("12.30"): BigInt minor units,
// never a JavaScript float. The server does the pricing; the till only adds tenders and shows.

function parse(text) {
  const m = /^(-?)([0-9]+)(?:\.([0-9]+))?$/.exec(String(text).trim());
  if (!m) return null;
  const frac = m[3] || '';
  return { units: BigInt(m[1] + m[2] + frac), scale: frac.length };
}

function scaled(d, scale) {
  return d.units * 10n ** BigInt(scale - d.scale);
}

function render(units, scale) {
  const negative = units < 0n;
  let digits = (negative ? -units : units).toString().padStart(scale + 1, '0');
  const text = scale === 0 ? digits : `${digits.slice(0, -scale)}.${digits.slice(-scale)}`;
  return (negative ? '-' : '') + text;
}

/** Whether text is a decimal the API accepts ("12", "12.30"). */
export function isDecimal(text) {
  return /^[0-9]+(\.[0-9]+)?$/.test(String(text).trim());
}

/** a + b (or a - b with sign -1), both decimal strings, at the finer of the two scales. */
export function add(a, b, sign = 1) {
  const x = parse(a);
  const y = parse(b);
  const scale = Math.max(x.scale, y.scale);
  return render(scaled(x, scale) + BigInt(sign) * scaled(y, scale), scale);
}

export const subtract = (a, b) => add(a, b, -1);

/** -1, 0 or 1 as a is less than, equal to or greater than b. */
export function compare(a, b) {
  const d = parse(subtract(a, b));
  return d.units < 0n ? -1 : d.units > 0n ? 1 : 0;
}

/** "12.30 EUR" for {amount, currency}. */
export function format(money) {
  if (!money) return '';
  return `${money.amount} ${money.currency}`;
}

/** A quantity as shown: "2", "0.250 kg". */
export function quantity(q, unit) {
  if (q === null || q === undefined) return '1';
  return unit === 'KILOGRAM' ? `${q} kg` : unit === 'LITRE' ? `${q} l` : q;
}
