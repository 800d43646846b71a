import { pairedBarChartSvg } from './report-chart.js';

const options = { id: 'themes', title: 'Top themes', valueLegend: 'Manufacturing', compareLegend: 'City-wide', valueLabel: (v: number) => `${Math.round(v * 100)}%` };

describe('pairedBarChartSvg', () => {
  const svg = pairedBarChartSvg(
    [
      { label: 'Starting a business', value: 0.4, compare: 0.2 },
      { label: 'Side jobs', value: 0.2, compare: null },
    ],
    options,
  );

  it('prints every figure as text beside its bar', () => {
    expect(svg.match(/class="report-chart__value">([^<]*)</g)).toEqual(['class="report-chart__value">40%<', 'class="report-chart__value">20%<']);
    expect(svg).toContain('class="report-chart__compare-value">20%<');
  });

  it('scales bars to the largest value and draws no city bar where its share is missing', () => {
    expect(svg).toContain('width="80%" height="13" class="report-chart__bar"');
    expect(svg).toContain('width="40%" height="13" class="report-chart__bar"');
    // the legend's hatched swatch plus one city bar
    expect(svg.match(/fill="url\(#themes-hatch\)"/g)).toHaveLength(2);
  });

  it('carries its figures in the title and description', () => {
    expect(svg).toContain('<title id="themes-title">Top themes</title>');
    expect(svg).toContain('<desc id="themes-desc">Starting a business: 40% (City-wide 20%); Side jobs: 20%</desc>');
    expect(svg).toContain('aria-labelledby="themes-title themes-desc"');
  });

  it('escapes labels and legends', () => {
    const hostile = pairedBarChartSvg([{ label: '<script>x</script>&', value: 0.1, compare: 0.1 }], { ...options, compareLegend: '"><img>' });
    expect(hostile).not.toMatch(/<script|<img/);
    expect(hostile).toContain('&lt;script&gt;x&lt;/script&gt;&amp;');
  });

  it('is deterministic', () => {
    expect(pairedBarChartSvg([{ label: 'a', value: 0.3, compare: 0.1 }], options)).toBe(pairedBarChartSvg([{ label: 'a', value: 0.3, compare: 0.1 }], options));
  });
});
