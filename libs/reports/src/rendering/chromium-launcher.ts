import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import puppeteer, { type Browser } from 'puppeteer';
import { startChromiumWatchdog } from './chromium-watchdog.js';
import { killProcessTree } from './process-table.js';

/** Every browser's directory starts with this and the worker's pid: how the start-up reaper finds orphans. */
export const CHROMIUM_DIR_PREFIX = 'hks-chromium-';

/** Chromium's flags: headless rendering of local HTML, nothing in the background that reaches the network. */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-dev-shm-usage',
  // A second wall behind request interception: Chromium preconnects (opens TCP connections without
  // a request) to a navigation's host before interception sees it. Every connection goes to a
  // proxy on the discard port, loopback included, so none reaches a real host.
  '--proxy-server=http://127.0.0.1:9',
  '--proxy-bypass-list=<-loopback>',
] as const;

/** The page every pooled tab starts from: a file:// origin, so that @font-face file:// URLs load. */
const BLANK_PAGE = '<!doctype html><html><head><meta charset="utf-8"><title></title></head><body></body></html>';

/**
 * Debian's /usr/bin/chromium is a shell wrapper that prints warnings and adds a process layer
 * (the pid puppeteer sees would not be the browser's): use the binary behind it when it is there.
 */
export function resolveChromiumExecutable(configured: string): string {
  const binary = '/usr/lib/chromium/chromium';
  return configured === '/usr/bin/chromium' && existsSync(binary) ? binary : configured;
}

export interface LaunchOptions {
  executablePath: string;
  /** Owner recorded in the directory name; the tests pass another pid to fake an orphan. */
  workerPid?: number;
  launchTimeoutMs?: number;
}

/** One running Chromium with its own directory and watchdog. */
export interface LaunchedChromium {
  readonly browser: Browser;
  readonly pid: number;
  /** `${tmpdir}/hks-chromium-<workerPid>-<random>`: the profile and the blank page live in it. */
  readonly directory: string;
  readonly blankPageUrl: string;
  /** Closes politely for up to `graceMs`, then SIGKILLs whatever is left and removes the directory. */
  close(graceMs: number): Promise<void>;
}

export async function launchChromium(options: LaunchOptions): Promise<LaunchedChromium> {
  const workerPid = options.workerPid ?? process.pid;
  const directory = await mkdtemp(join(tmpdir(), `${CHROMIUM_DIR_PREFIX}${workerPid}-`));
  const blankPath = join(directory, 'blank.html');
  await writeFile(blankPath, BLANK_PAGE);
  let browser: Browser;
  try {
    browser = await puppeteer.launch({
      executablePath: resolveChromiumExecutable(options.executablePath),
      headless: true,
      // A pipe instead of a DevTools port: nothing else on the machine can connect to this browser.
      pipe: true,
      userDataDir: join(directory, 'profile'),
      args: [...CHROMIUM_ARGS],
      timeout: options.launchTimeoutMs ?? 30_000,
      // The pool drains and closes on Nest's shutdown; puppeteer's own handlers would kill the
      // browser under in-flight renders the moment SIGTERM arrives.
      handleSIGINT: false,
      handleSIGTERM: false,
      handleSIGHUP: false,
    });
  } catch (error) {
    await rm(directory, { recursive: true, force: true });
    throw error;
  }
  const pid = browser.process()?.pid;
  if (pid === undefined) {
    await browser.close();
    await rm(directory, { recursive: true, force: true });
    throw new Error('Chromium started without a process id');
  }
  const watchdog = startChromiumWatchdog(pid, directory, process.pid);
  let closing: Promise<void> | undefined;
  return {
    browser,
    pid,
    directory,
    blankPageUrl: pathToFileURL(blankPath).href,
    close(graceMs: number) {
      closing ??= (async () => {
        await Promise.race([browser.close().catch(() => undefined), new Promise((resolve) => setTimeout(resolve, graceMs).unref())]);
        // A hung or crashed browser may leave helpers behind: nothing of this generation may outlive close().
        try {
          process.kill(-pid, 'SIGKILL');
        } catch {
          // the group is already empty
        }
        killProcessTree(pid);
        watchdog.stop();
        await rm(directory, { recursive: true, force: true, maxRetries: 3 });
      })();
      return closing;
    },
  };
}
