import { escapeMarkup } from '@hokenshitsu/core';

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

/** The bars' (and markers') share of the chart's width; the rest, on the right, holds the figures. */
const BAR_AREA_PERCENT = 78;
/** Vertical layout, in CSS pixels (the SVG has no viewBox, so nothing scales: text stays its CSS size). */
const LEGEND_HEIGHT = 32;
const LABEL_LINE = 22;
const BAR_HEIGHT = 18;
const ROW_GAP = 14;
const ROW_HEIGHT = LABEL_LINE + BAR_HEIGHT + ROW_GAP;

/** A percentage of the chart's width, rounded so the markup stays short and stable. */
function pct(v: number): string {
  return `${Math.round(v * 10) / 10}%`;
}

/**
 * A horizontal bar chart as inline SVG (pure, server-side): no script, no external resource, so it
 * renders the same in a page under a strict CSP and in a PDF. The bars carry their figures as text,
 * and the SVG has a title and description for screen readers.
 *
 * Responsive without scaling: the SVG is as wide as its container and has no viewBox, so widths are
 * percentages and text keeps its CSS size (a scaled 650-unit drawing shrank labels to 7 px on a
 * phone). Each row is the theme's label on its own line, then the bar with the city-wide marker;
 * the figure sits in a column just right of the bar area, which bars and markers never reach, so
 * the marker cannot cover it (22 % of a 358 px phone column leaves room for "100%").
 */
export function barChartSvg(bars: Bar[], o: BarChartOptions): string {
  const top = o.compareLegend ? LEGEND_HEIGHT : 4;
  const height = top + bars.length * ROW_HEIGHT;
  const max = Math.max(0.0001, ...bars.map((b) => Math.max(b.value, b.compare ?? 0)));
  const scale = (v: number) => (v / max) * BAR_AREA_PERCENT;
  const rows = bars
    .map((b, i) => {
      const y = top + i * ROW_HEIGHT;
      const barY = y + LABEL_LINE;
      const marker =
        b.compare === null || b.compare === undefined
          ? ''
          : // 4 px wide, centred on the city-wide share and taller than the bar, so it reads on and off the bar.
            `<rect x="${pct(scale(b.compare))}" y="${barY - 3}" width="4" height="${BAR_HEIGHT + 6}" transform="translate(-2 0)" class="chart-compare"/>`;
      return (
        `<text x="0" y="${y + LABEL_LINE - 6}" class="chart-label">${escapeMarkup(b.label)}</text>` +
        `<rect x="0" y="${barY}" width="${BAR_AREA_PERCENT}%" height="${BAR_HEIGHT}" class="chart-track"/>` +
        `<rect x="0" y="${barY}" width="${pct(scale(b.value))}" height="${BAR_HEIGHT}" class="chart-bar"/>` +
        marker +
        `<text x="${BAR_AREA_PERCENT}%" dx="10" y="${barY + BAR_HEIGHT - 3}" class="chart-value">${escapeMarkup(o.valueLabel(b.value))}</text>`
      );
    })
    .join('');
  const legend = o.compareLegend
    ? `<rect x="0" y="8" width="16" height="12" class="chart-bar"/><text x="22" y="19" class="chart-legend">${escapeMarkup(o.valueLegend ?? '')}</text>` +
      `<rect x="50%" y="5" width="4" height="18" class="chart-compare"/><text x="50%" dx="10" y="19" class="chart-legend">${escapeMarkup(o.compareLegend)}</text>`
    : '';
  const description = bars.map((b) => `${b.label}: ${o.valueLabel(b.value)}`).join('; ');
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-labelledby="chart-title chart-desc" width="100%" height="${height}" class="chart">` +
    `<title id="chart-title">${escapeMarkup(o.title)}</title><desc id="chart-desc">${escapeMarkup(description)}</desc>${legend}${rows}</svg>`
  );
}
