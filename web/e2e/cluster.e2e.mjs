// The demo cluster in a real browser, as the README promises: ./deploy/quickstart.sh brings up
// the seven nodes; an account manager of 广州 adds a customer in the console at the local
// network, and a manager of 广东 at the province and an analyst at the group find it in
// theirs; the group's monitoring page lists all seven nodes. Then --stop.
//
//   node e2e/cluster.e2e.mjs        (needs the build: MAMS_BUILD_DIR, default ../build)
//
// State in a temporary directory, random loopback ports; prints its screenshots folder.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { check, launchChromium, logIn, screenshots, submitNewCustomer, withCheckCharacter } from './support.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const repo = path.resolve(here, '../..');
const quickstart = path.join(repo, 'deploy/quickstart.sh');
const state = mkdtempSync(path.join(os.tmpdir(), 'mams-cluster-e2e-'));
const shotsDir = process.env.E2E_OUTPUT ?? mkdtempSync(path.join(os.tmpdir(), 'mams-cluster-e2e-shots-'));
const shot = screenshots(shotsDir);
const env = { ...process.env, MAMS_STATE_DIR: state, MAMS_QUICKSTART_NO_BUILD: '1', MAMS_QUICKSTART_PORTS: 'random' };

function runQuickstart(...args) {
  return execFileSync(quickstart, args, { env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], timeout: 240000 });
}

/** Searches the customer list by name until the customer shows (sync takes a moment). */
async function findCustomer(page, base, name) {
  await page.goto(base + '/customers');
  for (let attempt = 0; attempt < 30; attempt++) {
    await page.fill('input#name', name);
    await page.getByRole('button', { name: /查\s*询/ }).click();
    try {
      await page.getByRole('link', { name }).waitFor({ timeout: 1000 });
      return true;
    } catch {
      // not here yet
    }
  }
  return false;
}

let output;
try {
  output = runQuickstart('--customers', '30');
} catch (error) {
  runQuickstart('--stop');
  throw error;
}
const nodes = {};
for (const [, base, level, org] of output.matchAll(/^URL: (http:\/\/127\.0\.0\.1:\d+)\/ level=(\w+) org=(\w+)/gm)) {
  nodes[org] = { base, level };
}
const logins = {};
for (const [, user, password, org] of output.matchAll(/^LOGIN: (\S+) (\S+) (\S+)$/gm)) logins[user] = { password, org };
check(Object.keys(nodes).length === 7, 'the quickstart prints seven URL lines');
const at = (user) => nodes[logins[user].org].base;

const browser = await launchChromium();
const consoleErrors = [];
const pages = []; // every page opened, for screenshots when a check fails
const open = async () => {
  const context = await browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'zh-CN' });
  const page = await context.newPage();
  pages.push(page);
  page.on('console', (message) => message.type() === 'error' && consoleErrors.push(message.text()));
  return page;
};
let failed = false;
try {
  console.log('广州 (local network): gz.manager adds a customer');
  const local = await open();
  await logIn(local, at('gz.manager'), 'gz.manager', logins['gz.manager'].password);
  check((await local.getByTestId('current-org').innerText()).includes('广州'), 'the header shows 广州');
  await local.goto(at('gz.manager') + '/customers');
  const name = `广州集群验证有限公司${Date.now() % 100000}`;
  await submitNewCustomer(local, name, withCheckCharacter('91440106MA5CQ7K2X'));
  await local.getByText('新增成功!').waitFor();
  check(true, 'the customer is saved at the local network');
  await shot(local, 'local-created');

  console.log('广东 (province): gd.manager finds it');
  const province = await open();
  await logIn(province, at('gd.manager'), 'gd.manager', logins['gd.manager'].password);
  check(await findCustomer(province, at('gd.manager'), name), 'the province has the customer');
  await shot(province, 'province-sees-it');

  console.log('集团 (group): hq.analyst finds it and sees every node');
  const group = await open();
  await logIn(group, at('hq.analyst'), 'hq.analyst', logins['hq.analyst'].password);
  check(await findCustomer(group, at('hq.analyst'), name), 'the group has the customer');
  await shot(group, 'group-sees-it');
  await group.goto(at('hq.analyst') + '/system/monitor');
  await group.getByText('下辖节点（含本节点）').waitFor();
  await group.waitForFunction(() => document.querySelectorAll('.ant-pro-table tbody tr.ant-table-row').length === 7);
  check((await group.getByRole('cell', { name: '上报正常' }).count()) === 7, 'the group lists all seven nodes, each reporting');
  await shot(group, 'group-monitor');

  console.log('江苏 (the other province) does not see it');
  const jiangsu = await open();
  await logIn(jiangsu, at('js.manager'), 'js.manager', logins['js.manager'].password);
  await jiangsu.goto(at('js.manager') + '/customers');
  await jiangsu.fill('input#name', name);
  await jiangsu.getByRole('button', { name: /查\s*询/ }).click();
  await jiangsu.locator('.ant-empty').first().waitFor();
  check(true, '江苏 finds nothing');
  check(consoleErrors.length === 0, 'no console errors' + (consoleErrors.length ? ': ' + consoleErrors.join(' | ') : ''));
} catch (error) {
  failed = true;
  console.error(error);
  for (const [index, page] of pages.entries()) await shot(page, `failure-${index + 1}`, 5000).catch(() => {});
} finally {
  await browser.close();
  runQuickstart('--stop');
}
console.log('screenshots: ' + shotsDir);
if (failed) {
  console.error('cluster e2e: FAILED; state kept in ' + state);
  process.exit(1);
}
rmSync(state, { recursive: true, force: true, maxRetries: 3 });
console.log('cluster e2e: all checks passed');
