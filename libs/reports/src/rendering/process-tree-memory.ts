import { readFileSync } from 'node:fs';
import { descendantsOf } from './process-table.js';

/**
 * Memory (MiB) of a process and all its descendants as their proportional set size (PSS, from
 * /proc/<pid>/smaps_rollup): a shared page counts once across the tree, split between the
 * processes that share it. Summing RSS instead counted Chromium's shared code once per process
 * (a fresh browser already "used" over 1 GiB) and recycled the browser after every render.
 * Falls back to RSS where smaps_rollup cannot be read.
 */
export function residentMemoryMbOfTree(rootPid: number): number {
  let kib = 0;
  for (const pid of [rootPid, ...descendantsOf(rootPid)]) kib += processKib(pid);
  return kib / 1024;
}

function processKib(pid: number): number {
  try {
    const pss = /^Pss:\s+(\d+)\s+kB/m.exec(readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8'));
    if (pss) return Number(pss[1]);
  } catch {
    // no smaps_rollup (older kernel, or exited while we summed): try RSS
  }
  try {
    const rss = /^VmRSS:\s+(\d+)\s+kB/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return rss ? Number(rss[1]) : 0;
  } catch {
    return 0; // exited while we summed
  }
}
