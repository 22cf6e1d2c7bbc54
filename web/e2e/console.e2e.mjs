// End-to-end test of the web console: a real mams-node (SQLite, in a temp dir) serving
// web/dist, driven by Debian's Chromium through playwright-core. Run by ctest
// (web_console_e2e) and by `npm run e2e`; screenshots of every step go to the folder it prints.
//
// Environment: MAMS_NODE_BIN (default ../build/node/mams-node), CHROMIUM (default
// /usr/bin/chromium), E2E_OUTPUT (default a new temp dir).
import { spawn, execFileSync } from 'node:child_process';
import { createHmac } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync, rmSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { check, launchChromium, logIn, newPage, pickOption, screenshots, submitLogIn, submitNewCustomer, withCheckCharacter } from './support.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const webRoot = path.resolve(here, '..');
const nodeBin = process.env.MAMS_NODE_BIN ?? path.resolve(webRoot, '../build/node/mams-node');
const work = mkdtempSync(path.join(os.tmpdir(), 'mams-web-e2e-'));
const shots = process.env.E2E_OUTPUT ?? path.join(work, 'screenshots');
const PASSWORD = 'E2e-Lantern-Orchid-42';
const shot = screenshots(shots);

function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

// RFC 6238 code of a base32 secret, as an authenticator app shows it.
function totp(secret, at = Date.now()) {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  let bits = '';
  for (const c of secret.replace(/=+$/, '').toUpperCase()) bits += alphabet.indexOf(c).toString(2).padStart(5, '0');
  const key = Buffer.from(bits.match(/.{8}/g).map((byte) => parseInt(byte, 2)));
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(Math.floor(at / 1000 / 30)));
  const mac = createHmac('sha1', key).update(counter).digest();
  const offset = mac[mac.length - 1] & 0xf;
  return String((mac.readUInt32BE(offset) & 0x7fffffff) % 1000000).padStart(6, '0');
}

async function startNode() {
  const port = await freePort();
  writeFileSync(
    path.join(work, 'node.yaml'),
    `node: {id: e2e-group, level: group, org: CN}
http: {bind: 127.0.0.1, port: ${port}, web_root: ${path.join(webRoot, 'dist')}}
storage: {sqlite: {path: e2e.db}}
log: {level: information, console: false, file: node.log}
`,
  );
  const users = [
    ['gd.manager', 'province_manager', '440000'],
    ['gz.staff', 'local_staff', '440100'],
    ['sec.auditor', 'security_auditor', 'CN'],
    ['sys.admin', 'system_admin', 'CN'],
    ['hq.analyst', 'group_analyst', 'CN'],
  ];
  for (const [name, role, org] of users) {
    execFileSync(nodeBin, ['--config', path.join(work, 'node.yaml'), '--create-user', name, '--role', role, '--org', org], {
      env: { ...process.env, MAMS_NEW_USER_PASSWORD: PASSWORD },
      stdio: 'ignore',
    });
  }
  const child = spawn(nodeBin, ['--config', path.join(work, 'node.yaml')], { stdio: 'ignore' });
  const base = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 100; i++) {
    try {
      if ((await fetch(base + '/readyz')).ok) return { child, base };
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  child.kill('SIGKILL');
  throw new Error('mams-node did not become ready; see ' + path.join(work, 'node.log'));
}

// A customer created over the API (as a user of the province), for the scope check.
async function apiCreate(base, username, customer) {
  const login = await fetch(base + '/api/v1/auth/login', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ username, password: PASSWORD }),
  });
  const cookie = login.headers.get('set-cookie').split(';')[0];
  const { csrfToken } = await login.json();
  const created = await fetch(base + '/api/v1/customers', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Cookie: cookie, 'X-CSRF-Token': csrfToken },
    body: JSON.stringify(customer),
  });
  if (created.status !== 201) throw new Error('API create failed: ' + (await created.text()));
  return created.json();
}

// First log-in of a role that needs TOTP: enrol from the QR code's key, keep the recovery codes.
async function logInEnrolling(page, base, username) {
  await submitLogIn(page, base, username, PASSWORD);
  const secret = (await page.getByTestId('totp-secret').innerText()).trim();
  check(await page.locator('canvas, svg').first().isVisible(), `${username}: a QR code to enrol the second factor`);
  await page.fill('#login-code', totp(secret));
  await page.getByRole('button', { name: /启用并登录/ }).click();
  await page.getByText('恢复码').first().waitFor();
  check((await page.locator('.ant-list-item').count()) === 10, `${username}: ten recovery codes, shown once`);
  await page.getByRole('button', { name: /进入系统/ }).click();
  await page.waitForURL(/\/dashboard/);
}

async function main() {
  const { child, base } = await startNode();
  const browser = await launchChromium();
  const consoleErrors = [];
  let current;
  // A page that the screenshot on failure follows and whose console errors fail the run.
  const watched = (page) => {
    current = page;
    page.on('console', (message) => {
      if (message.type() === 'error') consoleErrors.push(message.text());
    });
    return page;
  };
  try {
    const context = await browser.newContext({ viewport: { width: 1366, height: 768 }, acceptDownloads: true, locale: 'zh-CN' });
    const page = watched(await context.newPage());

    console.log('log-in page and a wrong password');
    await page.goto(base + '/customers');
    await page.waitForURL(/\/login/);
    await page.fill('#login-username', 'gd.manager');
    await page.fill('#login-password', 'wrong-password-1');
    await page.getByRole('button', { name: /登\s*录/ }).click();
    await page.getByText('用户名或密码错误').waitFor();
    check(true, 'a wrong password says so in Chinese');
    await shot(page, 'login-refused');

    console.log('log in as a provincial manager, by keyboard alone');
    await page.focus('#login-username');
    await page.keyboard.press('Tab');
    check(await page.evaluate(() => document.activeElement?.id === 'login-password'), 'Tab moves from the username to the password');
    await page.keyboard.press('Control+A');
    await page.keyboard.type(PASSWORD);
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/customers/);
    await page.getByTestId('customer-create').waitFor();
    check(await page.getByTestId('current-org').innerText().then((text) => text.includes('广东')), 'the header shows the user\'s org');
    await shot(page, 'customers-list');

    console.log('filter the list, then add a customer with a bad credit code, then a good one');
    await page.fill('input#name', '测试');
    await page.getByRole('button', { name: /查\s*询/ }).click();
    await submitNewCustomer(page, '广州测试科技有限公司', '91440101MA59XK7T0X');
    await page.getByText('统一社会信用代码无效').waitFor();
    check(true, 'an invalid credit code is shown on its field');
    await shot(page, 'create-invalid-credit-code');
    await page.fill('#customer-creditCode', withCheckCharacter('91440101MA59XK7T0'));
    await page.getByRole('button', { name: /保\s*存/ }).click();
    await page.getByText('新增成功!').waitFor();
    check(true, '"新增成功!" after a valid add');
    check(await page.locator('#customer-name').isVisible(), 'the form stays open for the next customer');
    await shot(page, 'create-success');
    await page.keyboard.press('Escape');
    await page.locator('.ant-modal:visible').waitFor({ state: 'hidden' });
    check((await page.inputValue('input#name')) === '测试', 'the list keeps the user\'s filter');
    await page.getByRole('link', { name: '广州测试科技有限公司' }).waitFor();
    check(true, 'the refreshed list shows the new customer');
    check(await page.getByText('20 条/页').isVisible(), 'the pager speaks Chinese too (Ant Design\'s own locale)');

    console.log('closing a form with unsaved input asks first');
    await page.getByTestId('customer-create').click();
    await page.fill('#customer-name', '未保存的客户');
    await page.getByRole('button', { name: /取\s*消/ }).last().click();
    await page.locator('.ant-modal-confirm-title', { hasText: '有未保存的修改，确定离开吗？' }).waitFor();
    check(true, 'the unsaved-changes question appears');
    // The question zooms in; a click during the animation can miss its button (seen once in CI
    // on a busy machine): click again while it is still up.
    const confirm = page.locator('.ant-modal-confirm').getByRole('button', { name: /确\s*定|OK/ });
    for (let attempt = 0; attempt < 3 && (await confirm.count()) > 0; attempt++) {
      await confirm.click().catch(() => {});
      await page.locator('.ant-modal-confirm').waitFor({ state: 'detached', timeout: 3000 }).catch(() => {});
    }
    await page.locator('#customer-name').waitFor({ state: 'detached' });
    check(true, 'confirming closes the form');

    console.log('search and edit');
    await page.fill('input#name', '不存在的客户名');
    await page.getByRole('button', { name: /查\s*询/ }).click();
    await page.locator('.ant-empty').first().waitFor();
    await page.fill('input#name', '广州测试');
    await page.getByRole('button', { name: /查\s*询/ }).click();
    const row = page.locator('tr', { hasText: '广州测试科技有限公司' });
    await row.waitFor();
    await row.getByText('编辑').click();
    await page.locator('.ant-modal:visible input#address, .ant-modal:visible [id$=address]').first().fill('广州市天河区珠江新城');
    await page.getByRole('button', { name: /保\s*存/ }).click();
    await page.getByText('保存成功!').waitFor();
    check(true, '"保存成功!" after an edit');
    await shot(page, 'edit-saved');

    console.log('the 360° page');
    await page.getByRole('link', { name: '广州测试科技有限公司' }).click();
    await page.waitForURL(/\/customers\/[^/]+$/);
    await page.getByText('基本资料').waitFor();
    await page.getByText('广州市天河区珠江新城').waitFor();
    check(true, 'the profile shows the edited address');
    const owningOrg = page.locator('.ant-descriptions-item', { hasText: '归属机构' }).first();
    await owningOrg.getByText('广州市').waitFor();
    check(!(await owningOrg.innerText()).includes('440100'), 'the profile names the owning org, as the list does, not its code');
    await page.getByRole('tab', { name: '收入趋势' }).click();
    await page.locator('canvas').first().waitFor();
    check(true, 'the revenue chart renders');
    // Facets come from the modules a node runs; this node has no tickets module, so no tab.
    check((await page.getByRole('tab', { name: '服务工单' }).count()) === 0,
          'a facet of a module the node does not run is not shown');
    await shot(page, 'customer-360');

    console.log('a state change with its reason');
    await page.getByTestId('state-change').click();
    await page.fill('#state-reason', '签订年度框架协议');
    await page.getByRole('button', { name: /保\s*存/ }).last().click();
    await page.getByText('保存成功!').last().waitFor();
    await page.locator('.ant-page-header-heading-tags, .ant-pro-page-container').getByText('在网').first().waitFor();
    check(true, 'potential → active, shown as 在网');
    await page.getByRole('tab', { name: '变更历史' }).click();
    await page.getByText(/状态变更 · 潜在 → 在网|状态变更/).first().waitFor();
    check(true, 'the timeline titles the line with its kind (状态变更)');

    console.log('contacts and visits from the 360° page');
    await page.getByRole('tab', { name: /联系人/ }).click();
    await page.getByTestId('contact-add').click();
    await page.fill('#contact-name', '陈静');
    await page.fill('#contact-mobile', '13800138000');
    await page.getByRole('button', { name: /保\s*存/ }).last().click();
    await page.getByRole('cell', { name: '陈静' }).waitFor();
    check(await page.getByRole('tab', { name: '联系人 (1)' }).isVisible(), 'a contact is added and counted');
    await page.getByRole('tab', { name: '走访记录' }).click();
    await page.getByTestId('visit-add').click();
    await page.fill('#visit-content', '年度续约沟通，客户关注5G专网报价');
    await page.getByRole('button', { name: /保\s*存/ }).last().click();
    await page.getByRole('cell', { name: '年度续约沟通，客户关注5G专网报价' }).waitFor();
    check(true, 'a visit is logged with today\'s date');
    await shot(page, 'visit-logged');

    console.log('the strip of open pages');
    const tabs = page.getByTestId('page-tabs');
    check((await tabs.innerText()).includes('客户列表') && (await tabs.innerText()).includes('客户360视图'), 'the list and the 360° page stay open as tabs');
    await tabs.getByText('客户列表').click();
    await page.waitForURL(/\/customers(\?|$)/);
    check(true, 'a tab takes the user back to its page');

    console.log('the contact directory and the visits log');
    await page.goto(base + '/contacts');
    await page.getByRole('cell', { name: '陈静' }).waitFor();
    check(await page.getByRole('cell', { name: '138****8000' }).isVisible(), 'the contact directory masks the mobile number');
    await page.goto(base + '/visits');
    await page.getByRole('cell', { name: /年度续约沟通/ }).waitFor();
    check(await page.getByRole('link', { name: '广州测试科技有限公司' }).isVisible(), 'the visits log names the customer');
    await shot(page, 'visits-log');

    console.log('the header search box: pinyin initials, Chinese words, contacts');
    const search = page.getByTestId('global-search');
    await search.fill('gzcskj');
    await page.getByTestId('search-hit').filter({ hasText: '广州测试科技有限公司' }).first().waitFor();
    check(true, 'pinyin initials find the customer');
    await search.fill('测试科技');
    const marked = page.locator('[data-testid="search-hit"] mark', { hasText: '测试科技' }).first();
    await marked.waitFor();
    check(true, 'the Chinese words are marked in the hit');
    await search.fill('陈静');
    await page.getByTestId('search-hit').filter({ hasText: '陈静' }).first().click();
    await page.waitForURL(/\/customers\/[^/]+$/);
    check(true, 'choosing a contact opens its customer');
    await shot(page, 'header-search');

    console.log('export the filtered list as XLSX');
    await page.goto(base + '/customers');
    await page.getByTestId('customer-export').hover();
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByText('导出 Excel').click()]);
    const file = path.join(work, download.suggestedFilename());
    await download.saveAs(file);
    const bytes = readFileSync(file);
    check(download.suggestedFilename().endsWith('.xlsx') && bytes.subarray(0, 2).toString() === 'PK', 'the export is an XLSX file (zip)');
    check(bytes.includes(Buffer.from('xl/worksheets/sheet1.xml')), 'the XLSX has a worksheet');

    console.log('switch to English and keep it');
    await page.getByTestId('language-switch').hover();
    await page.getByText('English').click();
    await page.getByText('Customers').first().waitFor();
    await page.reload();
    await page.getByText('Customers').first().waitFor();
    check(true, 'English after a reload');
    await shot(page, 'english');
    await page.getByTestId('language-switch').hover();
    await page.getByText('简体中文').click();
    await page.getByText('客户管理').first().waitFor();

    console.log('local staff cannot see another local network\'s customer');
    const shenzhen = await apiCreate(base, 'gd.manager', {
      name: '深圳前海测试物流有限公司',
      creditCode: withCheckCharacter('91440300MA5F0T8Q1'),
      industry: 'G',
      level: 'local',
      org: '440300',
    });
    const staffPage = await newPage(browser);
    await logIn(staffPage, base, 'gz.staff', PASSWORD);
    await staffPage.goto(base + '/customers');
    await staffPage.getByRole('link', { name: '广州测试科技有限公司' }).waitFor();
    check((await staffPage.getByText('深圳前海测试物流有限公司').count()) === 0, 'the Shenzhen customer is not in the Guangzhou list');
    await staffPage.goto(base + '/customers/' + shenzhen.id);
    await staffPage.locator('.ant-alert-error').waitFor();
    check(true, 'opening it by id is refused');
    await shot(staffPage, 'local-staff-scope');
    const staffMenu = await staffPage.locator('.ant-menu').first().innerText();
    check(staffMenu.includes('客户列表') && !staffMenu.includes('操作日志') && !staffMenu.includes('系统管理'), 'the menu of local staff holds no audit log (nor the system group)');
    await staffPage.goto(base + '/system/audit');
    await staffPage.getByTestId('forbidden').waitFor();
    check((await staffPage.locator('main').innerText()).includes('您没有访问此页面的权限'), 'the audit log opened by its address says 403');

    console.log('messages: the province writes to a local user, whose bell counts it until it is read');
    await page.goto(base + '/messages');
    await page.getByTestId('compose').click();
    await page.getByTestId('compose-recipient').click();
    await page.keyboard.type('gz.staff');
    await page.locator('.ant-select-item-option', { hasText: 'gz.staff' }).first().click();
    await page.getByTestId('compose-subject').fill('请更新广州客户的拜访计划');
    await page.getByTestId('compose-body').fill('本周五前提交。\n谢谢！');
    await page.getByRole('button', { name: /发\s*送/ }).click();
    await page.getByText('消息已发送').waitFor();
    await page.getByRole('tab', { name: '已发送' }).click();
    await page.getByTestId('message-subject').filter({ hasText: '请更新广州客户的拜访计划' }).waitFor();
    check(true, 'the message is in the sender\'s sent box');
    await staffPage.goto(base + '/dashboard');
    await staffPage.getByTestId('todo-messages').getByText('请更新广州客户的拜访计划').waitFor();
    check(true, 'the 工作台 lists the unread message as a to-do');
    const staffBell = staffPage.getByTestId('unread-count');
    await staffBell.locator('.ant-badge-count').waitFor();
    check((await staffBell.locator('.ant-badge-count').innerText()).trim() === '1', 'the recipient\'s bell shows 1 unread');
    await staffBell.locator('button').click();
    await staffPage.waitForURL(/\/messages/);
    await staffPage.getByTestId('message-subject').filter({ hasText: '请更新广州客户的拜访计划' }).click();
    await staffPage.getByTestId('message-body').waitFor();
    check((await staffPage.getByTestId('message-body').innerText()).includes('本周五前提交'), 'the recipient reads the text');
    await staffBell.locator('.ant-badge-count').waitFor({ state: 'detached' });
    check(true, 'reading it clears the bell');
    await shot(staffPage, 'message-read');

    console.log('CSV import: dry run reports the bad row, apply writes the good one');
    const csv = [
      '客户编号,客户名称,统一社会信用代码,行业,管理级别,归属机构,状态',
      `,广州导入测试贸易有限公司,${withCheckCharacter('91440101MA59XK7T1')},F,本地网级,440100,在网`,
      ',广州导入错误有限公司,91440101MA59XK7T1Z,F,本地网级,440100,在网',
    ].join('\n');
    const csvFile = path.join(work, 'customers.csv');
    writeFileSync(csvFile, csv + '\n');
    await page.goto(base + '/imports');
    await page.locator('input[type=file]').setInputFiles(csvFile);
    await page.getByTestId('import-dry-run').click();
    await page.getByText('1 行不合格').waitFor();
    check((await page.locator('.ant-table-row').count()) === 1, 'the dry run lists the one bad row');
    check(await page.locator('.ant-table-row').first().innerText().then((text) => text.includes('3')), 'with its line number');
    await shot(page, 'import-dry-run');
    await page.getByTestId('import-apply').click();
    await page.getByText('已导入 1 行，1 行未导入').first().waitFor();
    const [rejected] = await Promise.all([page.waitForEvent('download'), page.getByText('下载不合格行').click()]);
    const rejectedFile = path.join(work, 'rejected.csv');
    await rejected.saveAs(rejectedFile);
    const rejectedText = readFileSync(rejectedFile, 'utf8');
    check(rejectedText.includes('广州导入错误有限公司') && rejectedText.includes('错误原因'), 'the rejected rows download with their reasons');
    await shot(page, 'import-applied');

    console.log('the dashboard of the province');
    await page.goto(base + '/dashboard');
    await page.getByText('收入前20客户').waitFor();
    await page.locator('canvas').nth(3).waitFor();
    check(await page.getByRole('link', { name: '广州导入测试贸易有限公司' }).isVisible(), 'the top customers list the imported one');
    await page.waitForTimeout(1500); // ECharts animates in; the screenshot waits for it
    await shot(page, 'dashboard');

    console.log('security auditor: the audit log and its chain check');
    const auditorPage = await newPage(browser);
    await logInEnrolling(auditorPage, base, 'sec.auditor');
    await auditorPage.goto(base + '/system/audit');
    await auditorPage.getByText('customer.create').first().waitFor();
    check(true, 'the audit log lists the customer creations');
    await auditorPage.getByTestId('audit-verify').click();
    await auditorPage.getByText('日志链完整').waitFor();
    check(true, 'the hash chain verifies as intact');
    const auditorMenu = await auditorPage.locator('.ant-menu').first().innerText();
    check(!auditorMenu.includes('客户管理') && auditorMenu.includes('操作日志'), 'the menu holds what an auditor may use, not customers');
    await shot(auditorPage, 'audit-log');

    console.log('system administrator: users and sync status');
    const sysPage = watched(await newPage(browser));
    await logInEnrolling(sysPage, base, 'sys.admin');
    await sysPage.goto(base + '/system/users');
    await sysPage.getByRole('cell', { name: 'gz.staff' }).first().waitFor();
    check(true, 'the users page lists the users');
    await shot(sysPage, 'users');

    console.log('system administrator: add a user in an org of their choice, then rename them');
    await sysPage.getByTestId('user-create').click();
    await sysPage.fill('#user-username', 'gz.newcomer');
    await sysPage.fill('#user-displayName', '新同事');
    await sysPage.fill('#user-password', PASSWORD);
    await pickOption(sysPage, 'user-org', '广州市 (440100)', '440100');
    check(true, 'the org field offers the orgs (industries, which a system administrator may not read, do not take them away)');
    await pickOption(sysPage, 'user-roles', '本地网服务人员');
    await sysPage.locator('.ant-modal:visible .ant-modal-title').click(); // a multiple select stays open after a pick
    await sysPage.getByRole('button', { name: /保\s*存/ }).click();
    await sysPage.getByText('新增成功!').waitFor();
    const newcomer = sysPage.locator('tr', { hasText: 'gz.newcomer' });
    await newcomer.waitFor();
    check((await newcomer.innerText()).includes('440100'), 'the new user belongs to the org picked');
    await newcomer.getByText('编辑').click();
    check(await sysPage.locator('#user-username').isDisabled(), 'the username is shown, not editable');
    await sysPage.fill('#user-displayName', '新同事（广州）');
    await sysPage.getByRole('button', { name: /保\s*存/ }).click();
    await sysPage.getByText('保存成功!').waitFor();
    await sysPage.locator('tr', { hasText: '新同事（广州）' }).waitFor();
    check(true, 'renaming the user saves ("保存成功!"): the unchanged username is not sent');
    await shot(sysPage, 'user-renamed');
    await sysPage.goto(base + '/system/sync');
    await sysPage.getByText('本节点没有同步链路').waitFor();
    check(true, 'the sync page says this node has no links');
    await sysPage.getByRole('menuitem', { name: '系统监控' }).click();
    await sysPage.getByText('下辖节点（含本节点）').waitFor();
    await sysPage.getByRole('cell', { name: '上报正常' }).first().waitFor();
    const monitorText = await sysPage.locator('main').innerText();
    check(monitorText.includes('单进程') && monitorText.includes('sqlite'), 'the monitor page shows this node: single process on SQLite');
    await shot(sysPage, 'system-monitor');

    console.log('system administrator: a holiday on the working calendar');
    await sysPage.goto(base + '/system/calendar');
    const workingDays = async () => Number((await sysPage.getByTestId('working-days').innerText()).match(/共 (\d+) 个工作日/)[1]);
    await sysPage.getByTestId('working-days').waitFor();
    const before = await workingDays();
    const today = new Date();
    let holiday = new Date(today.getFullYear(), today.getMonth(), 15);
    while (holiday.getDay() === 0 || holiday.getDay() === 6) holiday = new Date(holiday.getTime() + 86400000);
    const holidayText = `${holiday.getFullYear()}-${String(holiday.getMonth() + 1).padStart(2, '0')}-${String(holiday.getDate()).padStart(2, '0')}`;
    await sysPage.locator(`td[title="${holidayText}"]`).click();
    await sysPage.getByTestId('day-name').fill('测试休息日');
    await sysPage.locator('.ant-modal:visible').getByRole('button', { name: /确\s*定|OK/ }).click();
    await sysPage.getByTestId(`day-${holidayText}`).waitFor();
    check((await workingDays()) === before - 1, 'a weekday made a holiday: one working day fewer this year');
    await shot(sysPage, 'work-calendar');

    console.log('group analyst: the group dashboard with the province map');
    const hqPage = watched(await newPage(browser));
    await logIn(hqPage, base, 'hq.analyst', PASSWORD);
    await hqPage.getByText('各省客户分布').waitFor();
    await hqPage.locator('canvas').nth(5).waitFor();
    check(true, 'the group dashboard draws the province map');
    await hqPage.getByTestId('org-picker').click();
    await hqPage.keyboard.type('深圳');
    await hqPage.locator('.ant-select-tree-title', { hasText: '深圳市' }).click();
    await hqPage.waitForFunction(() => document.body.innerText.includes('客户总数\n1'));
    check(true, 'narrowing the view to 深圳市 narrows the dashboard');
    await hqPage.getByTestId('org-picker').locator('.ant-select-clear').click({ force: true });
    await hqPage.waitForTimeout(1500);
    await shot(hqPage, 'group-dashboard');

    console.log('group analyst: a report by org, filtered, and its CSV');
    await hqPage.goto(base + '/reports');
    await hqPage.getByTestId('report-dataset').getByText('客户分布（按机构）').waitFor();
    const reportTable = hqPage.getByTestId('report-table');
    await reportTable.getByRole('cell', { name: '深圳市' }).waitFor();
    check(await reportTable.getByRole('cell', { name: '广州市' }).isVisible(), 'the report has a row per org the analyst sees');
    await hqPage.getByTestId('report-filter-state').click();
    await hqPage.locator('.ant-select-item-option', { hasText: '潜在' }).click();
    await hqPage.getByTestId('report-run').click();
    await hqPage.waitForFunction(() => {
      const rows = [...document.querySelectorAll('[data-testid="report-table"] tbody tr.ant-table-row')];
      // Filtered to potential customers, every org's count is its count of potential ones.
      return rows.length > 0 && rows.every((row) => row.cells[2].innerText === row.cells[4].innerText);
    });
    check(await reportTable.getByRole('cell', { name: '深圳市' }).isVisible(), 'filtered to 潜在, each org counts only its potential customers');
    await hqPage.getByTestId('report-export').hover();
    const [reportDownload] = await Promise.all([hqPage.waitForEvent('download'), hqPage.getByText('导出 CSV').click()]);
    const reportFile = path.join(work, reportDownload.suggestedFilename());
    await reportDownload.saveAs(reportFile);
    const reportCsv = readFileSync(reportFile, 'utf8');
    check(reportDownload.suggestedFilename() === 'customers.by_org.csv' && reportCsv.includes('机构编码,机构,客户数') && reportCsv.includes('\r\n440300,深圳市,'),
          'the CSV has Chinese headers and the filtered row');
    await shot(hqPage, 'report');

    console.log('a tablet');
    await hqPage.setViewportSize({ width: 820, height: 1180 });
    await hqPage.goto(base + '/customers');
    await hqPage.getByRole('link', { name: '广州测试科技有限公司' }).waitFor();
    const overflow = await hqPage.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    check(overflow <= 0, 'the customer list fits a tablet\'s width (the table scrolls inside)');
    await shot(hqPage, 'tablet-customers');

    const unexpected = consoleErrors.filter((text) => !text.includes('status of 401') && !text.includes('status of 404'));
    check(unexpected.length === 0, 'no console errors' + (unexpected.length ? ': ' + unexpected.join(' | ') : ''));
  } catch (error) {
    if (current) await shot(current, 'failure').catch(() => {});
    console.error('console errors seen: ' + consoleErrors.join(' | '));
    throw error;
  } finally {
    await browser.close();
    child.kill('SIGTERM');
    console.log('screenshots: ' + shots);
  }
  rmSync(path.join(work, 'e2e.db'), { force: true });
  console.log('web console e2e: all checks passed');
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
