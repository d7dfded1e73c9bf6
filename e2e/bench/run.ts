// `npm run bench`: the performance figures of issue 5, printed as tables and written to
// bench-results/latest.{json,md}; `npm run bench -- --readme` also puts them in README.md.
// `npm run bench -- --only inspect` runs part 7 alone (for working on it): its tables are printed,
// nothing is written.
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { copyFixture, ensureFixture, readQueueIds } from './fixture';
import { benchGateway } from './gateway';
import { benchHttp } from './http';
import { benchInspect } from './inspect';
import { currentLoad, describeMachine } from './machine';
import { benchPage, connectInBrowser, launchChromium } from './page';
import { benchRecorder } from './recorder';
import { type BenchResults, evaluateGoals, renderInspectText, renderMarkdown, renderText } from './report';
import { buildIfNeeded, type Server, snapshotBuild, startNext, startStandalone } from './servers';
import { benchStore } from './store';

const RESULTS_DIR = resolve('bench-results');
const WORK_DIR = join(RESULTS_DIR, 'work');
const README_START = '<!-- bench:start -->';
const README_END = '<!-- bench:end -->';
// A loopback-only token for the bench's own throwaway servers.
const TOKEN = 'bench-local-emulator-token-0123456789';

const started = performance.now();
const log = (line: string) => console.error(`[bench ${((performance.now() - started) / 1000).toFixed(0)}s] ${line}`);

const running = new Set<Server>();
async function serve<T>(server: Server, use: (server: Server) => Promise<T>): Promise<T> {
  running.add(server);
  try {
    return await use(server);
  } finally {
    await server.stop();
    running.delete(server);
  }
}
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    Promise.all([...running].map((server) => server.stop())).finally(() => process.exit(130));
  });
}

function updateReadme(markdown: string) {
  const readme = readFileSync('README.md', 'utf8');
  const from = readme.indexOf(README_START);
  const to = readme.indexOf(README_END);
  if (from < 0 || to < from) throw new Error(`README.md has no ${README_START} … ${README_END} block`);
  const block = `${README_START}\n\n${markdown.trim()}\n\n`;
  writeFileSync('README.md', readme.slice(0, from) + block + readme.slice(to));
  log('README.md: Performance figures updated');
}

rmSync(WORK_DIR, { recursive: true, force: true });
mkdirSync(RESULTS_DIR, { recursive: true });
const machine = describeMachine(RESULTS_DIR);
log(`${machine.cores} × ${machine.cpu}, Node ${machine.node}, load ${machine.loadAtStart.toFixed(1)}`);
if (machine.loadAtStart > machine.cores) {
  log(
    `warning: load average ${machine.loadAtStart.toFixed(1)} on ${machine.cores} cores: other work will skew the figures`,
  );
}
buildIfNeeded(log);
const appDir = snapshotBuild(log);
const buildId = readFileSync(join(appDir, '.next', 'BUILD_ID'), 'utf8').trim();
const fixture = ensureFixture(log);

const only = process.argv.includes('--only') ? process.argv[process.argv.indexOf('--only') + 1] : undefined;
if (only !== undefined && only !== 'inspect') throw new Error(`--only ${only}: only part 7, inspect, runs alone`);
if (only === 'inspect') {
  const db = copyFixture(fixture, WORK_DIR, 'next.sqlite');
  const ids = readQueueIds(db);
  const dataDir = join(WORK_DIR, 'next');
  const session = await serve(await startNext(appDir, db, dataDir, TOKEN), async (server) => {
    const browser = await launchChromium();
    return connectInBrowser(browser, server.origin, ids['page-2k']).finally(() => browser.close());
  });
  log('part 7: inspection at scale');
  const inspect = await benchInspect({
    withServer: async (use) => serve(await startNext(appDir, db, dataDir, TOKEN), use),
    appDir,
    token: TOKEN,
    ids,
    browserHeaders: session.actionHeaders,
    sessionCookie: session.sessionCookie,
    log,
  });
  rmSync(WORK_DIR, { recursive: true, force: true });
  console.log(renderInspectText(inspect));
  process.exit(0);
}

log('part 1: store in process');
const storeDbs = [copyFixture(fixture, WORK_DIR, 'store.sqlite'), copyFixture(fixture, WORK_DIR, 'store-2.sqlite')];
const store = await benchStore(
  storeDbs as [string, string],
  readQueueIds(storeDbs[0] as string),
  join(WORK_DIR, 'memory-storage'),
  log,
);
for (const file of storeDbs) rmSync(file, { force: true });

log('part 2: standalone emulator over HTTP');
const standaloneDb = copyFixture(fixture, WORK_DIR, 'standalone.sqlite');
const standaloneIds = readQueueIds(standaloneDb);
const standalone = await serve(await startStandalone(standaloneDb, join(WORK_DIR, 'standalone'), TOKEN), (server) =>
  benchHttp(server.origin, TOKEN, standaloneIds, 'standalone', log),
);

log('parts 2–6: next start');
const nextDb = copyFixture(fixture, WORK_DIR, 'next.sqlite');
const nextIds = readQueueIds(nextDb);
const { next, page, gateway, recorder } = await serve(
  await startNext(appDir, nextDb, join(WORK_DIR, 'next'), TOKEN),
  async (server) => {
    const nextHttp = await benchHttp(`${server.origin}/emulator`, TOKEN, nextIds, 'next start', log);
    log('part 4: queue page in Chromium');
    const pageResult = await benchPage(server.origin, nextIds['page-2k'], log);
    log('part 3: gateway overhead');
    const gatewayResult = await benchGateway({
      origin: server.origin,
      appDir,
      token: TOKEN,
      queueId: nextIds['gateway-100k'],
      browserHeaders: pageResult.actionHeaders,
      sessionCookie: pageResult.sessionCookie,
      log,
    });
    log('part 6: recorder');
    const recorderResult = benchRecorder({ origin: server.origin, token: TOKEN, queueId: nextIds['page-2k'] });
    return {
      next: nextHttp,
      page: pageResult,
      gateway: gatewayResult,
      recorder: recorderResult,
    };
  },
);
log('part 7: inspection at scale, each run on a fresh next start of the same database');
const inspect = await benchInspect({
  withServer: async (use) => serve(await startNext(appDir, nextDb, join(WORK_DIR, 'next'), TOKEN), use),
  appDir,
  token: TOKEN,
  ids: nextIds,
  browserHeaders: page.actionHeaders,
  sessionCookie: page.sessionCookie,
  log,
});
rmSync(WORK_DIR, { recursive: true, force: true });

machine.loadAtEnd = currentLoad();
const results: BenchResults = {
  startedAt: new Date(Date.now() - (performance.now() - started)).toISOString().replace(/\.\d+Z$/, 'Z'),
  durationSec: (performance.now() - started) / 1000,
  command: 'npm run bench',
  buildId,
  machine,
  store,
  http: { standalone, next },
  gateway,
  recorder,
  inspect,
  // The session cookie and the browser's headers stay out of the written results.
  page: { renderMs: page.renderMs, milestones: page.milestones, js: page.js },
};
const goals = evaluateGoals(results);
const markdown = renderMarkdown(results, goals);
writeFileSync(join(RESULTS_DIR, 'latest.json'), `${JSON.stringify({ ...results, goals }, null, 2)}\n`);
writeFileSync(join(RESULTS_DIR, 'latest.md'), `${markdown}\n`);
console.log(renderText(results, goals));
log(`written bench-results/latest.json and latest.md in ${results.durationSec.toFixed(0)} s`);
if (process.argv.includes('--readme')) updateReadme(markdown);
