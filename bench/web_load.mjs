// Page weight and time to interactive of the web console, beside a baseline: a one-line page
// served by the same kind of node (http.web_root) and loaded by the same browser, so the
// browser's and the node's fixed costs show up as the baseline and the console's own cost is
// the difference. Called by bench/run_web.sh, which starts both nodes; prints one JSON line
// per measurement.
//
// Env: CONSOLE (base URL of the console node), BLANK (base URL of the baseline node),
// LOGIN_USER, LOGIN_PASSWORD, ROUNDS, CHROMIUM.
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const require = createRequire(path.join(here, '../web/package.json'));
const { chromium } = require('playwright-core');

const rounds = Number(process.env.ROUNDS ?? 5);
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});

// A fresh context per load: nothing cached, as for a first visit.
async function measure(label, url, ready, after) {
  const context = await browser.newContext({ viewport: { width: 1366, height: 768 } });
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  let bytes = 0;
  let requests = 0;
  cdp.on('Network.loadingFinished', (event) => {
    bytes += event.encodedDataLength;
    requests += 1;
  });
  const started = performance.now();
  await page.goto(url);
  await ready(page);
  const interactive = performance.now() - started;
  const result = { label, ms: Math.round(interactive), bytes, requests };
  console.log(JSON.stringify(result));
  if (after) {
    bytes = 0;
    requests = 0;
    const again = performance.now();
    await after(page);
    console.log(JSON.stringify({ label: label + '+dashboard', ms: Math.round(performance.now() - again), bytes, requests }));
  }
  await context.close();
}

for (let round = 1; round <= rounds; round++) {
  await measure('baseline', process.env.BLANK + '/', (page) => page.locator('#ready').waitFor());
  await measure(
    'console-login',
    process.env.CONSOLE + '/login',
    async (page) => {
      const input = page.locator('#login-username');
      await input.waitFor();
      await input.focus(); // accepts input: the page is interactive
    },
    async (page) => {
      await page.fill('#login-username', process.env.LOGIN_USER);
      await page.fill('#login-password', process.env.LOGIN_PASSWORD);
      await page.getByRole('button', { name: /登\s*录/ }).click();
      await page.locator('canvas').first().waitFor(); // the dashboard's chart is drawn
    },
  );
}
await browser.close();
