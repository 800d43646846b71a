import { readFileSync } from 'node:fs';
import { descendantsOf } from './process-table.js';

/** Resident memory (MiB) of a process and all its descendants: the sum of VmRSS (shared pages count once per process, an upper bound). */
export function residentMemoryMbOfTree(rootPid: number): number {
  let kib = 0;
  for (const pid of [rootPid, ...descendantsOf(rootPid)]) {
    try {
      const match = /^VmRSS:\s+(\d+)\s+kB/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
      if (match) kib += Number(match[1]);
    } catch {
      // exited while we summed
    }
  }
  return kib / 1024;
}
