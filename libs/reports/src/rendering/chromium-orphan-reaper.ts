import { readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import type { LoggerService } from '@nestjs/common';
import { CHROMIUM_DIR_PREFIX } from './chromium-launcher.js';
import { isRunning, killProcessTree, readProcessTable } from './process-table.js';

export interface ReapedChromium {
  /** The worker that launched it, no longer running. */
  ownerPid: number;
  /** The `hks-chromium-<owner>-<random>` directory, removed. */
  directory: string;
  /** Processes killed (the browser and its helpers). */
  killedPids: number[];
}

export interface ReapOptions {
  /** Where browsers' directories live; default os.tmpdir(), as the launcher uses. */
  directory?: string;
  logger?: LoggerService;
}

const OWNED_DIR = new RegExp(`^${CHROMIUM_DIR_PREFIX}(\\d+)-[^/]+$`);

/** The `hks-chromium-<pid>-...` directory in a Chromium command line, with its owner's pid. */
function ownedDirectoryOf(argv: string[]): { directory: string; ownerPid: number } | undefined {
  const flag = argv.find((arg) => arg.startsWith('--user-data-dir='));
  if (!flag) return undefined;
  // The profile may be the directory itself or a folder inside it: walk up to the owned name.
  for (let path = flag.slice('--user-data-dir='.length); path !== dirname(path); path = dirname(path)) {
    const match = OWNED_DIR.exec(basename(path));
    if (match) return { directory: path, ownerPid: Number(match[1]) };
  }
  return undefined;
}

/**
 * Checks for orphans at start: kills every Chromium whose `hks-chromium-<pid>-` directory names a
 * worker that no longer runs (a worker killed with -9 runs no cleanup; the watchdog normally gets
 * there first, but not if it was killed too or the machine was under pressure) and removes those
 * directories, including ones no process uses any more. Browsers of live workers are left alone,
 * so several workers may share a machine.
 */
export function reapOrphanedChromium(options: ReapOptions = {}): ReapedChromium[] {
  const root = options.directory ?? tmpdir();
  const byDirectory = new Map<string, ReapedChromium>();
  for (const entry of readProcessTable()) {
    const owned = ownedDirectoryOf(entry.argv);
    if (!owned || owned.ownerPid === process.pid || isRunning(owned.ownerPid)) continue;
    const reaped = byDirectory.get(owned.directory) ?? { ...owned, killedPids: [] };
    reaped.killedPids.push(...killProcessTree(entry.pid).filter((pid) => !reaped.killedPids.includes(pid)));
    byDirectory.set(owned.directory, reaped);
  }
  let names: string[] = [];
  try {
    names = readdirSync(root);
  } catch {
    // no temporary directory: nothing left behind either
  }
  for (const name of names) {
    const match = OWNED_DIR.exec(name);
    const directory = join(root, name);
    if (!match || byDirectory.has(directory)) continue;
    const ownerPid = Number(match[1]);
    if (ownerPid !== process.pid && !isRunning(ownerPid)) byDirectory.set(directory, { ownerPid, directory, killedPids: [] });
  }
  for (const reaped of byDirectory.values()) {
    // Only directories in the temporary directory are ours to remove, whatever a command line says.
    if (dirname(reaped.directory) === root) rmSync(reaped.directory, { recursive: true, force: true, maxRetries: 3 });
    const logger = options.logger;
    if (logger) {
      logger.warn?.(`reaped orphaned Chromium of worker ${reaped.ownerPid}: killed ${reaped.killedPids.length ? reaped.killedPids.join(', ') : 'no process'}, removed ${reaped.directory}`);
    }
  }
  return [...byDirectory.values()];
}
