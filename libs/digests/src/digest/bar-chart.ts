export interface Bar {
  label: string;
  /** 0..1 */
  value: number;
  /** optional comparison value (e.g. the city-wide share), drawn as a thin marker */
  compare?: number | null;
}

export interface BarChartOptions {
  title: string;
  valueLabel: (v: number) => string;
  compareLegend?: string;
  valueLegend?: string;
}

function esc(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/**
 * A horizontal bar chart as inline SVG (pure, server-side): no script, no external resource, so it
 * renders the same in a page under a strict CSP and in a PDF. The bars carry their figures as text,
 * and the SVG has a title and description for screen readers.
 */
export function barChartSvg(bars: Bar[], o: BarChartOptions): string {
  const labelWidth = 260;
  const barWidth = 320;
  const rowHeight = 30;
  const top = o.compareLegend ? 34 : 10;
  const width = labelWidth + barWidth + 70;
  const height = top + bars.length * rowHeight + 10;
  const max = Math.max(0.0001, ...bars.map((b) => Math.max(b.value, b.compare ?? 0)));
  const scale = (v: number) => Math.round((v / max) * barWidth);
  const rows = bars
    .map((b, i) => {
      const y = top + i * rowHeight;
      const w = scale(b.value);
      const marker =
        b.compare === null || b.compare === undefined
          ? ''
          : `<rect x="${labelWidth + scale(b.compare) - 1}" y="${y + 2}" width="3" height="${rowHeight - 8}" class="chart-compare"/>`;
      return (
        `<text x="${labelWidth - 8}" y="${y + rowHeight / 2 + 4}" text-anchor="end" class="chart-label">${esc(b.label)}</text>` +
        `<rect x="${labelWidth}" y="${y + 5}" width="${w}" height="${rowHeight - 14}" class="chart-bar"/>` +
        marker +
        `<text x="${labelWidth + w + 6}" y="${y + rowHeight / 2 + 4}" class="chart-value">${esc(o.valueLabel(b.value))}</text>`
      );
    })
    .join('');
  const legend = o.compareLegend
    ? `<rect x="${labelWidth}" y="8" width="14" height="10" class="chart-bar"/><text x="${labelWidth + 20}" y="17" class="chart-legend">${esc(o.valueLegend ?? '')}</text>` +
      `<rect x="${labelWidth + 170}" y="6" width="3" height="14" class="chart-compare"/><text x="${labelWidth + 180}" y="17" class="chart-legend">${esc(o.compareLegend)}</text>`
    : '';
  const description = bars.map((b) => `${b.label}: ${o.valueLabel(b.value)}`).join('; ');
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-labelledby="chart-title chart-desc" viewBox="0 0 ${width} ${height}" width="100%" class="chart">` +
    `<title id="chart-title">${esc(o.title)}</title><desc id="chart-desc">${esc(description)}</desc>${legend}${rows}</svg>`
  );
}
