import { barChartSvg } from './bar-chart.js';

describe('barChartSvg', () => {
  const percent = (v: number) => `${Math.round(v * 100)}%`;

  it('draws one bar per value, scaled to the largest, with its figure as text', () => {
    const svg = barChartSvg(
      [
        { label: '起業・独立', value: 0.5, compare: 0.25 },
        { label: '副業・複業', value: 0.25, compare: null },
      ],
      { title: 'テーマ', valueLabel: percent, compareLegend: '市全体', valueLegend: 'この業種' },
    );
    expect(svg.startsWith('<svg')).toBe(true);
    expect(svg).toContain('<title id="chart-title">テーマ</title>');
    // Widths are shares of the chart's width: the largest fills the bar area (78 %), half is half.
    expect(svg).toMatch(/width="78%" height="18" class="chart-bar"/);
    expect(svg).toMatch(/width="39%" height="18" class="chart-bar"/);
    expect(svg).toContain('>50%<');
    expect(svg.match(/class="chart-compare"/g)).toHaveLength(2); // one marker + the legend
  });

  it('never scales its text: no viewBox, a height in pixels, the width of its container', () => {
    const svg = barChartSvg([{ label: 'a', value: 0.3 }], { title: 't', valueLabel: percent });
    expect(svg).not.toContain('viewBox');
    expect(svg).toMatch(/^<svg [^>]*width="100%" height="\d+"/);
  });

  it('keeps the city-wide marker inside the bar area and the figures in a column of their own', () => {
    const svg = barChartSvg(
      [
        { label: 'x', value: 0.2, compare: 0.6 },
        { label: 'y', value: 0.6, compare: 0.1 },
      ],
      { title: 't', valueLabel: percent, compareLegend: 'city', valueLegend: 'here' },
    );
    const markers = [...svg.matchAll(/<rect x="([\d.]+)%"[^>]*class="chart-compare"/g)].map((m) => Number(m[1]));
    expect(markers).toEqual([50, 78, 13]); // the legend's, then each row's
    expect(Math.max(...markers.slice(1))).toBeLessThanOrEqual(78);
    const values = [...svg.matchAll(/<text ([^>]*) class="chart-value">/g)].map((m) => m[1]);
    expect(values).toHaveLength(2);
    for (const v of values) expect(v).toMatch(/^x="78%" dx="10" /); // just past the bar area, never inside it
  });

  it('escapes labels and holds no script', () => {
    const svg = barChartSvg([{ label: '<script>x</script>', value: 1 }], { title: 't"', valueLabel: percent });
    expect(svg).not.toContain('<script>');
    expect(svg).toContain('&lt;script&gt;');
  });
});
