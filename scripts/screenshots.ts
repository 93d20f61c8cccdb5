/**
 * Screenshots of the running site for the README and for reviewing a change by eye:
 * `npx tsx scripts/screenshots.ts [baseUrl]` (start the server first). Writes docs/screenshots/*.png.
 */
import { mkdirSync } from "node:fs";
import { chromium } from "@playwright/test";

const base = process.argv[2] ?? "http://localhost:3000";
const shots: { name: string; path: string; width: number; height: number; theme: "light" | "dark"; fullPage?: boolean }[] = [
  { name: "landing-light", path: "/", width: 1366, height: 900, theme: "light" },
  { name: "section-light", path: "/ch01-introduction/importance-and-challenges", width: 1366, height: 900, theme: "light" },
  { name: "section-dark", path: "/ch01-introduction/key-elements", width: 1366, height: 900, theme: "dark" },
  { name: "section-phone", path: "/ch01-introduction/microservices-vs-monolith-communication", width: 390, height: 844, theme: "light" },
];

async function main() {
  mkdirSync("docs/screenshots", { recursive: true });
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium", args: ["--disable-dev-shm-usage", "--disable-background-networking"] });
  for (const shot of shots) {
    const page = await browser.newPage({ viewport: { width: shot.width, height: shot.height }, colorScheme: shot.theme });
    await page.goto(base + shot.path, { waitUntil: "networkidle" });
    await page.screenshot({ path: `docs/screenshots/${shot.name}.png`, fullPage: shot.fullPage ?? false });
    console.log(`docs/screenshots/${shot.name}.png`);
    await page.close();
  }
  await browser.close();
}

main().catch((e: unknown) => { console.error(e); process.exit(1); });
