import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { RenderRequestPolicy } from './render-request-policy.js';

describe('RenderRequestPolicy', () => {
  const root = mkdtempSync(join(tmpdir(), 'hks-policy-'));
  const fonts = join(root, 'fonts');
  const blank = pathToFileURL(join(root, 'blank.html')).href;
  mkdirSync(fonts);
  writeFileSync(join(fonts, 'noto.woff2'), 'font');
  writeFileSync(join(root, 'secret.txt'), 'secret');
  mkdirSync(join(root, 'fonts-evil'));
  writeFileSync(join(root, 'fonts-evil', 'x.woff2'), 'not a font dir');
  symlinkSync(join(root, 'secret.txt'), join(fonts, 'link.woff2'));
  symlinkSync('/etc', join(fonts, 'etc'));
  const policy = new RenderRequestPolicy(fonts, blank);
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it.each([blank, 'data:font/woff2;base64,AAAA', 'data:image/png;base64,iVBOR', pathToFileURL(join(fonts, 'noto.woff2')).href, `${pathToFileURL(join(fonts, 'noto.woff2')).href}#x`])('allows %s', async (url) => {
    expect(await policy.verdict(url)).toBe('allow');
  });

  it.each([
    'http://127.0.0.1:8080/x',
    'https://example.com/',
    'ws://127.0.0.1/',
    'wss://example.com/',
    'ftp://example.com/x',
    'blob:null/1234',
    'chrome://settings',
    'about:blank#x',
    'file:///etc/passwd',
    pathToFileURL(join(root, 'secret.txt')).href,
    `file://${fonts}/../secret.txt`,
    `file://${fonts}/%2e%2e/secret.txt`,
    pathToFileURL(join(fonts, 'link.woff2')).href, // a symlink out of the directory
    pathToFileURL(join(fonts, 'etc', 'passwd')).href,
    pathToFileURL(join(root, 'fonts-evil', 'x.woff2')).href, // a sibling sharing the prefix
    pathToFileURL(fonts).href, // the directory itself
    pathToFileURL(join(fonts, 'missing.woff2')).href,
    `file://otherhost${fonts}/noto.woff2`,
    `${pathToFileURL(join(fonts, 'noto.woff2')).href}?q=1`,
    `${blank}?x`,
  ])('refuses %s', async (url) => {
    expect(await policy.verdict(url)).toBe('refuse');
  });
});
