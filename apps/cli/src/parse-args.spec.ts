import { parseArgs } from './parse-args.js';

describe('parseArgs', () => {
  it('reads --name value and --name=value pairs after the command', () => {
    expect(parseArgs(['users:create', '--email', 'a@example.jp', '--role=admin'])).toEqual({ command: 'users:create', options: { email: 'a@example.jp', role: 'admin' } });
  });

  it('takes --password alone (last, or before another option) as "ask for it"', () => {
    expect(parseArgs(['users:create', '--email', 'e', '--password']).options).toEqual({ email: 'e', password: '' });
    expect(parseArgs(['users:create', '--password', '--email', 'e']).options).toEqual({ email: 'e', password: '' });
  });

  it('never repeats a value in its errors: a stray word may be a password', () => {
    expect(() => parseArgs(['users:create', '--password', 'correct horse', 'battery-staple'])).toThrow('unexpected argument at position 4: options are --name value');
    expect(() => parseArgs(['users:create', '--email', 'e', 'hunter2-hunter2'])).toThrow(/^unexpected argument at position 4: options are --name value$/);
    expect(() => parseArgs(['users:create', '--email'])).toThrow('--email needs a value');
  });
});
