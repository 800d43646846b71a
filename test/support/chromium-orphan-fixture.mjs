// A stand-in worker for the rendering e2e test: launches a BrowserPool from the built code, prints
// its browser's pid and directory as one JSON line, then waits to be killed with -9.
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(fileURLToPath(import.meta.url), '../../..');
const dist = process.env.HKS_DIST || join(root, 'dist');
const { BrowserPool } = await import(pathToFileURL(join(dist, 'libs/reports/src/rendering/browser-pool.js')).href);
const silent = { log() {}, warn() {}, error() {}, debug() {} };
const pool = new BrowserPool({
  executablePath: process.env.PUPPETEER_EXECUTABLE_PATH || '/usr/bin/chromium',
  concurrency: 1,
  maxRendersPerBrowser: 100,
  maxMemoryMb: 65536,
  logger: silent,
});
await pool.withPage(async () => undefined);
const { browserPid } = pool.stats();
console.log(JSON.stringify({ browserPid }));
setInterval(() => undefined, 60_000);
