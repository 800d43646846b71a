import { localPath } from './local-path.js';

describe('localPath (where to go after signing in)', () => {
  it('keeps a path of this site, with its query', () => {
    expect(localPath('/staff/companies?status=verified')).toBe('/staff/companies?status=verified');
    expect(localPath('/')).toBe('/');
  });

  it.each(['//evil.example/', '/\\evil.example', 'https://evil.example/', 'javascript:alert(1)', '/x\ny', '', undefined, ['/a']])(
    'refuses %p',
    (value) => {
      expect(localPath(value)).toBeUndefined();
    },
  );
});
