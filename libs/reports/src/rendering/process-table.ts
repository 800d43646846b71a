import { readdirSync, readFileSync } from 'node:fs';

/** One line of the process table, read from /proc (Linux only: the worker runs on Linux). */
export interface ProcessEntry {
  pid: number;
  ppid: number;
  pgid: number;
  /** R, S, D, Z ...: a zombie has exited and only waits for its parent to reap it. */
  state: string;
  /** argv, split on NUL; empty for kernel threads and processes we may not read. */
  argv: string[];
}

function readEntry(pid: number): ProcessEntry | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name sits in parentheses and may itself hold spaces or ')': split after the last ')'.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    let argv: string[] = [];
    try {
      argv = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').filter((arg) => arg !== '');
    } catch {
      // exited between the two reads, or not ours to read
    }
    return { pid, state: fields[0], ppid: Number(fields[1]), pgid: Number(fields[2]), argv };
  } catch {
    return undefined; // exited while we looked
  }
}

/** A snapshot of every process we can see. */
export function readProcessTable(): ProcessEntry[] {
  const entries: ProcessEntry[] = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    const entry = readEntry(Number(name));
    if (entry) entries.push(entry);
  }
  return entries;
}

/** The pids below `rootPid` (children, grandchildren ...), from one snapshot. */
export function descendantsOf(rootPid: number, table: ProcessEntry[] = readProcessTable()): number[] {
  const children = new Map<number, number[]>();
  for (const entry of table) {
    const siblings = children.get(entry.ppid) ?? [];
    siblings.push(entry.pid);
    children.set(entry.ppid, siblings);
  }
  const found: number[] = [];
  const queue = [...(children.get(rootPid) ?? [])];
  while (queue.length > 0) {
    const pid = queue.shift() as number;
    found.push(pid);
    queue.push(...(children.get(pid) ?? []));
  }
  return found;
}

/**
 * Whether a process still runs. A zombie counts as gone: a Chromium killed after its parent died is
 * reparented to PID 1, and in a container PID 1 may never reap it, so `kill -0` alone would lie.
 */
export function isRunning(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  const entry = readEntry(pid);
  return entry !== undefined && entry.state !== 'Z' && entry.state !== 'X';
}

/** SIGKILL a process and everything below it; children first are listed before the kill so none escapes by reparenting. */
export function killProcessTree(rootPid: number): number[] {
  const table = readProcessTable();
  const root = table.find((entry) => entry.pid === rootPid);
  const pids = [rootPid, ...descendantsOf(rootPid, table)];
  const killed: number[] = [];
  for (const pid of pids) {
    try {
      process.kill(pid, 'SIGKILL');
      killed.push(pid);
    } catch {
      // already gone
    }
  }
  // Puppeteer starts Chromium as a process-group leader: the group also holds helpers that were already reparented.
  if (root && root.pgid === rootPid) {
    try {
      process.kill(-rootPid, 'SIGKILL');
    } catch {
      // group already empty
    }
  }
  return killed;
}
