import AxeBuilder from "@axe-core/playwright";
import { expect, type Page } from "@playwright/test";

/** Records every request the page makes that is not to this machine. */
export function watchExternalRequests(page: Page): string[] {
  const external: string[] = [];
  page.on("request", (request) => {
    const url = new URL(request.url());
    if (url.protocol === "data:" || url.protocol === "blob:") return;
    if (!["localhost", "127.0.0.1", "[::1]"].includes(url.hostname)) external.push(request.url());
  });
  return external;
}

export async function expectNoSeriousAxeViolations(page: Page) {
  const results = await new AxeBuilder({ page }).analyze();
  const serious = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  const report = serious.map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.slice(0, 3).map((n) => n.target.join(" ")).join(" | ")}`);
  expect(report, "axe serious/critical violations").toEqual([]);
}
