import { spawn } from 'node:child_process';

/**
 * A kill -9 of the worker runs none of its exit handlers, and puppeteer starts Chromium detached (its
 * own process group), so without this the browser would live on as an orphan holding hundreds of MB.
 * The watchdog is a tiny detached shell that checks once a second whether its parent is still the
 * worker (reading its own ppid from /proc survives pid reuse, unlike `kill -0 <pid>`) and then kills
 * the browser's process group and removes its directory. It exits by itself once the browser has gone.
 */
const WATCHDOG_SCRIPT = `
worker=$1; browser=$2; directory=$3
while :; do
  read -r _pid _comm _state ppid _rest < /proc/$$/stat
  [ "$ppid" = "$worker" ] || break
  kill -0 "$browser" 2>/dev/null || exit 0
  sleep 1
done
kill -KILL -"$browser" 2>/dev/null
kill -KILL "$browser" 2>/dev/null
sleep 1
rm -rf -- "$directory"
exit 0
`;

export interface ChromiumWatchdog {
  readonly pid: number | undefined;
  /** Stops watching (the browser was closed properly). */
  stop(): void;
}

/** Starts a watchdog that kills the browser's process group (and removes `directory`) as soon as this process is gone. */
export function startChromiumWatchdog(browserPid: number, directory: string, workerPid: number = process.pid): ChromiumWatchdog {
  const child = spawn('/bin/sh', ['-c', WATCHDOG_SCRIPT, 'hks-chromium-watchdog', String(workerPid), String(browserPid), directory], {
    detached: true,
    stdio: 'ignore',
  });
  child.on('error', () => undefined); // /bin/sh missing: the start-up reaper remains the safety net
  // The worker must not wait for its watchdog to exit.
  child.unref();
  return {
    pid: child.pid,
    stop: () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    },
  };
}
