import { gzipSync } from 'node:zlib';
import { type Browser, type BrowserContext, chromium, type Request } from '@playwright/test';
import { CHROMIUM_LAUNCH } from '../support/env';

export const HEAD_ROWS = 1000;
const NAVIGATIONS = 5;

export interface PageResult {
  /** Navigation start → 1,000 head rows in the DOM and the next frame painted, per cold navigation (ms). */
  renderMs: number[];
  milestones: Milestones[];
  /**
   * Script responses of one cold navigation: the first load (the scripts the page's HTML names) and
   * everything loaded until the network is idle (parts loaded after the first paint included).
   */
  js: { firstLoad: ScriptSizes; all: ScriptSizes };
  /** The headers Chromium sent with a server-action call, replayed by the gateway part. */
  actionHeaders: Record<string, string>;
  /** The session cookie the browser got by connecting, used by the gateway part too. */
  sessionCookie: string;
}

/** Some scripts: bytes on the wire, bytes decoded, our own gzip -6 of them. */
export interface ScriptSizes {
  files: number;
  transferred: number;
  decoded: number;
  gzip6: number;
  encodings: string[];
}

export const launchChromium = () => chromium.launch(CHROMIUM_LAUNCH);

/** Connects through the /connect page and reads the queue's head once, as a user would. */
async function connectAndAcknowledge(context: BrowserContext, origin: string, queueId: string) {
  const page = await context.newPage();
  let actionCall: Request | undefined;
  page.on('request', (request) => {
    if (request.method() === 'POST' && request.headers()['next-action'] && request.url().includes('/queues/')) {
      // The last one: its cookie carries the acknowledgement, as every later poll's does.
      actionCall = request;
    }
  });
  await page.goto(`${origin}/connect`);
  await page.getByRole('button', { name: 'Use the embedded emulator' }).click();
  await page.waitForURL(`${origin}/`);
  await page.goto(`${origin}/queues/${queueId}`);
  await page.getByRole('button', { name: 'Read the head anyway' }).click();
  await page.getByTestId('head-row').first().waitFor();
  if (!actionCall) throw new Error('saw no server-action call from the queue page');
  // Every header Chromium sent, cookie and origin included (headers() shows only some of them).
  const actionHeaders = await actionCall.allHeaders();
  await page.close();
  return actionHeaders;
}

/** A session made in the browser: the headers of its server-action calls, its cookies, the session cookie. */
export async function connectInBrowser(browser: Browser, origin: string, queueId: string) {
  const setup = await browser.newContext();
  const actionHeaders = await connectAndAcknowledge(setup, origin, queueId);
  const cookies = await setup.cookies();
  await setup.close();
  const session = cookies.find((cookie) => cookie.name === 'headlock_session');
  if (!session) throw new Error('connecting set no session cookie');
  return { actionHeaders, cookies, sessionCookie: `${session.name}=${session.value}` };
}

async function scriptSizes(requests: Request[]): Promise<ScriptSizes> {
  let transferred = 0;
  let decoded = 0;
  let gzip6 = 0;
  const encodings = new Set<string>();
  for (const request of requests) {
    const response = await request.response();
    if (!response) continue;
    transferred += (await request.sizes()).responseBodySize;
    const body = await response.body();
    decoded += body.length;
    gzip6 += gzipSync(body, { level: 6 }).length;
    encodings.add(response.headers()['content-encoding'] ?? 'identity');
  }
  return { files: requests.length, transferred, decoded, gzip6, encodings: [...encodings] };
}

// Kept as source text: tsx would otherwise add helpers (`__name`) that do not exist in the page.
// Polls once per frame until the rows are in the DOM; the frame holding them has been painted
// once the next one starts. Returns milliseconds since the navigation started (the time origin).
const WAIT_FOR_ROWS = `(async () => {
  const deadline = performance.now() + 30000;
  while (document.querySelectorAll('[data-testid="head-row"]').length < ${HEAD_ROWS}) {
    if (performance.now() > deadline) throw new Error('the head rows did not all render in 30 s');
    await new Promise((next) => requestAnimationFrame(next));
  }
  await new Promise((next) => requestAnimationFrame(next));
  const rendered = performance.now();
  const navigation = performance.getEntriesByType('navigation')[0];
  const actions = performance
    .getEntriesByType('resource')
    .filter((entry) => entry.initiatorType === 'fetch' && entry.name === location.href && entry.responseEnd <= rendered);
  const last = actions[actions.length - 1];
  return {
    rendered,
    html: navigation ? navigation.responseEnd : NaN,
    domContentLoaded: navigation ? navigation.domContentLoadedEventEnd : NaN,
    actionSent: last ? last.startTime : NaN,
    actionReceived: last ? last.responseEnd : NaN,
    actions: actions.length,
  };
})()`;

/** Milestones of one navigation, in ms from its start (the page's time origin). */
export interface Milestones {
  html: number;
  domContentLoaded: number;
  /** The last server-action call before the rows appeared: the snapshot that carried them. */
  actionSent: number;
  actionReceived: number;
  rendered: number;
  /** Server-action calls (fetches of the page's own URL) made until then. */
  actions: number;
}

/** One navigation in a fresh context (empty cache), timed inside the page from its time origin. */
async function coldNavigation(
  browser: Browser,
  cookies: Awaited<ReturnType<BrowserContext['cookies']>>,
  url: string,
  measureJs: boolean,
) {
  const context = await browser.newContext();
  try {
    await context.addCookies(cookies);
    const page = await context.newPage();
    const scripts: Request[] = [];
    page.on('requestfinished', (request) => {
      if (request.resourceType() === 'script') scripts.push(request);
    });
    const response = await page.goto(url, { waitUntil: 'commit' });
    const milestones = (await page.evaluate(WAIT_FOR_ROWS)) as Milestones;
    await page.waitForLoadState('networkidle');
    if (!measureJs) return { milestones, js: undefined };
    const html = (await response?.text()) ?? '';
    const named = scripts.filter((request) => html.includes(new URL(request.url()).pathname));
    return { milestones, js: { firstLoad: await scriptSizes(named), all: await scriptSizes(scripts) } };
  } finally {
    await context.close();
  }
}

/** Part 4: the queue page of a queue whose head holds at least 1,000 requests, in Chromium. */
export async function benchPage(origin: string, queueId: string, log: (line: string) => void): Promise<PageResult> {
  const browser = await launchChromium();
  try {
    const { actionHeaders, cookies, sessionCookie } = await connectInBrowser(browser, origin, queueId);
    const url = `${origin}/queues/${queueId}?limit=${HEAD_ROWS}`;
    // One untimed visit warms the server's route code; each timed one starts from an empty cache.
    await coldNavigation(browser, cookies, url, false);
    const milestones: Milestones[] = [];
    let js: PageResult['js'] | undefined;
    for (let i = 0; i < NAVIGATIONS; i += 1) {
      const visit = await coldNavigation(browser, cookies, url, js === undefined);
      milestones.push(visit.milestones);
      js ??= visit.js;
    }
    const renderMs = milestones.map((entry) => entry.rendered);
    log(
      `page: ${renderMs.map((ms) => ms.toFixed(0)).join(', ')} ms; JS ${js?.firstLoad.transferred} B on the wire at first load`,
    );
    return {
      renderMs,
      milestones,
      js: js as PageResult['js'],
      actionHeaders,
      sessionCookie,
    };
  } finally {
    await browser.close();
  }
}
