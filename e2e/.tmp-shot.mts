import { chromium } from 'playwright-core';
const base = process.argv[2] ?? 'http://localhost:7100';
const paths = process.argv.slice(3);
const ctx = await chromium.launchPersistentContext('', {
  executablePath: '/usr/bin/chromium',
  headless: true,
  viewport: { width: 1400, height: 1000 },
  args: [
    '--headless',
    '--no-sandbox',
    '--disable-gpu',
    '--disable-quic',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
  ],
});
const page = ctx.pages()[0] ?? (await ctx.newPage());
page.on('console', m => {
  if (m.type() === 'error') console.log('console:', m.text().slice(0, 300));
});
await page.goto(base);
await page.getByRole('button', { name: 'Enter' }).click();
await page.waitForURL(/catalog/);
for (const [i, p] of paths.entries()) {
  await page.goto(base + p);
  await page.waitForTimeout(6000);
  await page.screenshot({ path: `/tmp/shots/${i}.png`, fullPage: true });
  console.log('shot', i, p);
}
await ctx.close();
