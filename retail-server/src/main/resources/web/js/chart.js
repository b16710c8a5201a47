// A bar chart as inline SVG (no chart library): one bar per day, its height the day's net sales.
// Amounts stay exact strings for the labels; only the bar heights use Number, for drawing.

const SVG = 'http://www.w3.org/2000/svg';

function node(tag, attrs, text) {
  const n = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) n.setAttribute(k, v);
  if (text !== undefined) n.textContent = text;
  return n;
}

/** days: [{day: 'YYYY-MM-DD', net: '12.30', sales: 3}], every day of the range, oldest first. */
export function barChart(days, currency) {
  const width = 720;
  const height = 240;
  const left = 56;
  const bottom = 28;
  const top = 12;
  const max = Math.max(1, ...days.map((d) => Number(d.net)));
  const step = (width - left - 8) / days.length;
  const svg = node('svg', { viewBox: `0 0 ${width} ${height}`, role: 'img', 'aria-label': `net sales per day in ${currency}` });
  svg.append(node('line', { class: 'axis', x1: left, y1: height - bottom, x2: width - 4, y2: height - bottom }));
  svg.append(node('text', { x: 4, y: top + 8 }, `${max.toFixed(2)} ${currency}`));
  svg.append(node('text', { x: 4, y: height - bottom }, `0 ${currency}`));
  days.forEach((d, i) => {
    const value = Number(d.net);
    const h = value > 0 ? Math.max(2, ((height - bottom - top) * value) / max) : 2;
    const x = left + i * step + 1;
    const bar = node('rect', {
      class: value > 0 ? 'bar' : 'bar empty',
      x: x.toFixed(1), y: (height - bottom - h).toFixed(1), width: Math.max(1, step - 2).toFixed(1), height: h.toFixed(1),
      'data-day': d.day, 'data-net': d.net, 'data-sales': String(d.sales),
    });
    bar.append(node('title', {}, `${d.day}: ${d.sales} sale(s), net ${d.net} ${currency}`));
    svg.append(bar);
    if (i % 5 === 0 || i === days.length - 1) {
      svg.append(node('text', { x: x.toFixed(1), y: height - 10 }, d.day.slice(5)));
    }
  });
  return svg;
}
