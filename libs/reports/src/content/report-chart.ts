import { escapeMarkup } from '@hokenshitsu/core';

/**
 * The report's theme chart: paired horizontal bars, this group's share (solid) above the city-wide
 * share (white, outlined and hatched), for a page printed in black and white. Unlike the portal's
 * chart (libs/digests bar-chart.ts: a coloured bar with a coloured marker) nothing depends on
 * colour, and both figures are printed as text beside their bars.
 */
export interface PairedBar {
  label: string;
  /** 0..1 */
  value: number;
  /** 0..1, or null when the city-wide share is not published (no second bar). */
  compare: number | null;
}

export interface PairedBarChartOptions {
  /** Unique within the document: the hatch pattern and the title/desc ids derive from it. */
  id: string;
  title: string;
  valueLegend: string;
  compareLegend: string;
  /** The figure printed beside a bar ("32%"). */
  valueLabel: (v: number) => string;
}

/** Bars take this share of the width; the figures sit in the column to their right. */
const BAR_AREA = 80;
const LEGEND = 26;
const LABEL = 17;
const BAR = 13;
const COMPARE = 9;
const GAP = 2;
const ROW_GAP = 9;
const ROW = LABEL + BAR + GAP + COMPARE + ROW_GAP;

const pct = (v: number) => `${Math.round(v * 10) / 10}%`;

/** Pure: the same bars give the same markup (the template version and tests rely on it). */
export function pairedBarChartSvg(bars: readonly PairedBar[], o: PairedBarChartOptions): string {
  const id = escapeMarkup(o.id);
  const max = Math.max(0.0001, ...bars.map((b) => Math.max(b.value, b.compare ?? 0)));
  const x = (v: number) => pct((v / max) * BAR_AREA);
  const hatch = `url(#${id}-hatch)`;
  const figure = (v: number, y: number, cls: string) =>
    `<text x="${x(v)}" dx="6" y="${y}" class="${cls}">${escapeMarkup(o.valueLabel(v))}</text>`;
  const rows = bars
    .map((b, i) => {
      const y = LEGEND + i * ROW;
      const barY = y + LABEL;
      const compareY = barY + BAR + GAP;
      const compare =
        b.compare === null
          ? ''
          : `<rect x="0" y="${compareY}" width="${x(b.compare)}" height="${COMPARE}" fill="${hatch}" class="report-chart__compare"/>` +
            figure(b.compare, compareY + COMPARE - 1, 'report-chart__compare-value');
      return (
        `<text x="0" y="${y + LABEL - 4}" class="report-chart__label">${escapeMarkup(b.label)}</text>` +
        `<rect x="0" y="${barY}" width="${x(b.value)}" height="${BAR}" class="report-chart__bar"/>` +
        figure(b.value, barY + BAR - 2, 'report-chart__value') +
        compare
      );
    })
    .join('');
  const legend =
    `<rect x="0" y="6" width="18" height="12" class="report-chart__bar"/>` +
    `<text x="24" y="16" class="report-chart__legend">${escapeMarkup(o.valueLegend)}</text>` +
    `<rect x="55%" y="7" width="18" height="10" fill="${hatch}" class="report-chart__compare"/>` +
    `<text x="55%" dx="24" y="16" class="report-chart__legend">${escapeMarkup(o.compareLegend)}</text>`;
  const description = bars
    .map((b) => `${b.label}: ${o.valueLabel(b.value)}` + (b.compare === null ? '' : ` (${o.compareLegend} ${o.valueLabel(b.compare)})`))
    .join('; ');
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-labelledby="${id}-title ${id}-desc" width="100%" height="${LEGEND + bars.length * ROW}" class="report-chart">` +
    `<title id="${id}-title">${escapeMarkup(o.title)}</title><desc id="${id}-desc">${escapeMarkup(description)}</desc>` +
    `<defs><pattern id="${id}-hatch" patternUnits="userSpaceOnUse" width="5" height="5" patternTransform="rotate(45)">` +
    `<rect width="5" height="5" fill="#fff"/><line x1="0" y1="0" x2="0" y2="5" stroke="#000" stroke-width="1.5"/></pattern></defs>` +
    `${legend}${rows}</svg>`
  );
}
