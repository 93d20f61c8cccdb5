/**
 * Screenshots of the lab workbench in both themes at 1366×768 (docs/screenshots/lab-{light,dark}.png):
 * `npx tsx scripts/screenshots-lab.ts [baseUrl]` against a running server. Runs the starter of
 * 01-call-chain and pauses while the payments stall is in progress, so the picture has traffic in it.
 */
import { mkdirSync } from "node:fs";
import { chromium } from "@playwright/test";

const base = process.argv[2] ?? "http://localhost:3000";

async function main() {
  mkdirSync("docs/screenshots", { recursive: true });
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium", args: ["--disable-dev-shm-usage", "--disable-background-networking"] });
  for (const theme of ["light", "dark"] as const) {
    const page = await browser.newPage({ viewport: { width: 1366, height: 768 }, colorScheme: theme });
    await page.addInitScript((t) => localStorage.setItem("s2s-theme", t), theme);
    await page.goto(`${base}/labs/01-call-chain`);
    await page.locator(".monaco-editor").first().waitFor({ timeout: 30_000 });
    await page.getByTestId("lab-run").click();
    await page.waitForFunction(() => /^[4-9]\.\d/.test(document.querySelector("[data-testid=lab-clock]")?.textContent ?? ""), undefined, { timeout: 30_000 });
    await page.keyboard.press("k"); // pause (focus is still on the Run button, inside the lab)
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.waitForTimeout(400);
    await page.screenshot({ path: `docs/screenshots/lab-${theme}.png` });
    console.log(`docs/screenshots/lab-${theme}.png`);
    await page.close();
  }
  await browser.close();
}

main().catch((e: unknown) => { console.error(e); process.exit(1); });
