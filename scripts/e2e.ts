/**
 * `npm run test:e2e`: makes sure Debian's Chromium is there (installing it with apt-get when missing, as
 * CI's fresh machine needs), builds the site for production, and runs Playwright against it.
 */
import { execSync } from "node:child_process";
import { existsSync } from "node:fs";

const chromium = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const run = (command: string) => execSync(command, { stdio: "inherit", env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1", PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD: "1" } });

if (!existsSync(chromium)) {
  console.log(`> ${chromium} missing: installing Debian's chromium with apt-get`);
  run("apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-noto-cjk");
}
if (!process.env.E2E_SKIP_BUILD) run("npm run build");
run(`npx playwright test ${process.argv.slice(2).join(" ")}`);
