// Shared by the end-to-end scripts: checks, screenshots, credit codes, Debian's Chromium, log-in.
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { chromium } from 'playwright-core';

export function check(condition, what) {
  if (!condition) throw new Error('check failed: ' + what);
  console.log('  ok  ' + what);
}

/** A function that saves numbered full-page screenshots into `dir`. */
export function screenshots(dir) {
  mkdirSync(dir, { recursive: true });
  let step = 0;
  return async (page, name, timeout = 30000) => {
    step += 1;
    await page.screenshot({ path: path.join(dir, `${String(step).padStart(2, '0')}-${name}.png`), fullPage: true, timeout });
  };
}

// GB 32100-2015: the 18th character of a unified social credit code.
export function withCheckCharacter(first17) {
  const alphabet = '0123456789ABCDEFGHJKLMNPQRTUWXY';
  const weights = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += alphabet.indexOf(first17[i]) * weights[i];
  return first17 + alphabet[(31 - (sum % 31)) % 31];
}

/**
 * Picks the option showing `text` in the Ant Design select whose input has id `id`, then
 * waits until the select shows it. A pick was lost now and then on a loaded machine (the
 * field stayed empty and the form refused to save); the select is opened and picked once more
 * before the check fails. `search`, when given, is typed first: a long list (every org of the
 * group) renders only the options that fit.
 */
export async function pickOption(page, id, text, search) {
  const shown = page.locator(`.ant-select:has(#${id}) .ant-select-selection-item`).filter({ hasText: text });
  for (let attempt = 1; ; attempt += 1) {
    await page.click(`#${id}`);
    if (search) await page.fill(`#${id}`, search);
    await page.locator('.ant-select-dropdown:visible').getByText(text).click();
    try {
      await shown.waitFor({ timeout: 3000 });
      return;
    } catch (error) {
      if (attempt === 2) throw error;
      await page.keyboard.press('Escape');
    }
  }
}

/** Debian's Chromium, headless, never a downloaded browser. */
export function launchChromium() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

/** A new browser context in Chinese at 1366×768 and its first page. */
export async function newPage(browser) {
  const context = await browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'zh-CN' });
  return context.newPage();
}

/** Fills in the console's log-in form at `base` and sends it. */
export async function submitLogIn(page, base, username, password) {
  await page.goto(base + '/login');
  await page.fill('#login-username', username);
  await page.fill('#login-password', password);
  await page.getByRole('button', { name: /登\s*录/ }).click();
}

/** Logs in at `base` and waits for the dashboard. */
export async function logIn(page, base, username, password) {
  await submitLogIn(page, base, username, password);
  await page.waitForURL(/\/dashboard/);
}

/** On the customer list: opens the create form and saves a 广州 customer of industry I. */
export async function submitNewCustomer(page, name, creditCode) {
  await page.getByTestId('customer-create').click();
  await page.fill('#customer-name', name);
  await page.fill('#customer-creditCode', creditCode);
  await pickOption(page, 'customer-industry', 'I 信息传输、软件和信息技术服务业');
  await pickOption(page, 'customer-org', '(440100)');
  await page.getByRole('button', { name: /保\s*存/ }).click();
}
