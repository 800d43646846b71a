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
    expect(svg).toMatch(/width="320" height="16" class="chart-bar"/);
    expect(svg).toMatch(/width="160" height="16" class="chart-bar"/);
    expect(svg).toContain('>50%<');
    expect(svg.match(/class="chart-compare"/g)).toHaveLength(2); // one marker + the legend
  });

  it('escapes labels and holds no script', () => {
    const svg = barChartSvg([{ label: '<script>x</script>', value: 1 }], { title: 't"', valueLabel: percent });
    expect(svg).not.toContain('<script>');
    expect(svg).toContain('&lt;script&gt;');
  });
});
