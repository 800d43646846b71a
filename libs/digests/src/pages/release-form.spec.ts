import { domainReasons, readReleaseForm, releaseFormValues } from './release-form.js';

describe('the release build form', () => {
  it('reads a valid form into the service input; full-width k is read as digits, an empty k means the default', async () => {
    const values = releaseFormValues({ label: ' 2035年度 ', period_start: '2035-04-01', period_end: '2035-06-30', k: '１０' });
    expect(await readReleaseForm(values)).toEqual({ input: { label: '2035年度', periodStart: '2035-04-01', periodEnd: '2035-06-30', policy: { k: 10 } } });
    expect(await readReleaseForm({ ...values, k: '' })).toEqual({ input: { label: '2035年度', periodStart: '2035-04-01', periodEnd: '2035-06-30' } });
  });

  it('reads the optional differential-privacy choice; epsilon may be typed full-width', async () => {
    const values = releaseFormValues({ label: 'DP', period_start: '2035-04-01', period_end: '2035-06-30', mode: 'differential_privacy', epsilon: '０．５' });
    expect(await readReleaseForm(values)).toEqual({
      input: { label: 'DP', periodStart: '2035-04-01', periodEnd: '2035-06-30', policy: { mode: 'differential_privacy', epsilon: 0.5 } },
    });
    const bad = await readReleaseForm({ ...values, mode: 'noise', epsilon: 'a lot' });
    expect(bad).toEqual({ invalid: [['mode', ['isIn']], ['epsilon', ['max', 'min', 'isNumber']]] });
  });

  it('refuses every field at once with the API DTO\'s rules and the period order', async () => {
    const read = await readReleaseForm(releaseFormValues({ label: ' ', period_start: '2035-06-30', period_end: '2035-04-01', k: '1' }));
    expect(read).toEqual({ invalid: [['label', ['required']], ['k', ['min']], ['period_end', ['before']]] });
    const dates = await readReleaseForm(releaseFormValues({ label: 'x', period_start: '2035-02-30', period_end: ['2035-03-01'] }));
    expect(dates).toEqual({ invalid: [['period_start', ['isDateString']], ['period_end', ['required']]] });
  });

  it('places a refusal from the service by its field', () => {
    expect(domainReasons([{ field: 'period_end', message: 'before period_start' }, { field: 'policy.k', message: 'x' }])).toEqual([
      ['period_end', ['before']],
      ['k', ['rule']],
    ]);
  });

  it('takes the dates (and, when no name is typed, the name) from a fiscal-period preset', async () => {
    const q1 = await readReleaseForm(releaseFormValues({ label: '', preset: '2035-q1', period_start: '', period_end: '' }));
    expect(q1).toEqual({ input: { label: '2035年度 第1四半期', periodStart: '2035-04-01', periodEnd: '2035-06-30' } });
    const q4 = await readReleaseForm(releaseFormValues({ label: '第4四半期', preset: '2035-q4', period_start: '2000-01-01', period_end: '2000-01-02' }), 'en');
    expect(q4).toEqual({ input: { label: '第4四半期', periodStart: '2036-01-01', periodEnd: '2036-03-31' } });
    const fy = await readReleaseForm(releaseFormValues({ preset: '2035-fy' }), 'en');
    expect(fy).toEqual({ input: { label: 'FY2035', periodStart: '2035-04-01', periodEnd: '2036-03-31' } });
    expect(await readReleaseForm(releaseFormValues({ preset: '2035-q9' }))).toEqual({ invalid: [['preset', ['invalid']]] });
  });
});
