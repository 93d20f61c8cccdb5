import { expect, test, type Page } from "@playwright/test";
import { expectNoSeriousAxeViolations, watchExternalRequests } from "./helpers";

const SECTION = "/ch01-introduction/microservices-vs-monolith-communication";

/** Runs with Ctrl+Enter from inside the editor, plays it to its end at 16× and waits for the verdict. */
async function runToEnd(page: Page) {
  await page.locator(".monaco-editor .view-lines").first().click();
  await page.keyboard.press("Control+Enter");
  await expect(page.getByTestId("lab-status")).toHaveAttribute("data-status", /running|ended/, { timeout: 30_000 });
  await page.locator(".lab-speed select").selectOption("16");
  await expect(page.getByTestId("lab-status")).toHaveAttribute("data-status", "ended", { timeout: 30_000 });
}

const terminalText = (page: Page) => page.getByTestId("lab-terminal").locator(".xterm-rows").innerText();

test("chapter 1's lab: lazy load, run the starter, watch it, use the terminal, seek back, run the solution", async ({ page }) => {
  test.setTimeout(120_000);
  const external = watchExternalRequests(page);
  const errors: string[] = [];
  page.on("console", (m) => { if (m.type() === "error") errors.push(m.text()); });
  page.on("pageerror", (e) => errors.push(e.message));
  const workers: string[] = [];
  page.on("worker", (w) => workers.push(w.url()));

  await page.goto(SECTION);
  const lab = page.locator('[data-lab="01-call-chain"]');
  // Server-rendered placeholder: title and goals, and no editor code loaded yet.
  await expect(lab.locator(".lab-title")).toContainText("调用链");
  await expect(lab.locator(".lab-host")).toHaveAttribute("data-lab-state", "placeholder");
  expect(await page.evaluate(() => "monaco" in window)).toBe(false);

  await lab.scrollIntoViewIfNeeded();
  await expect(page.getByTestId("lab-editor")).toBeVisible({ timeout: 30_000 });
  await expect(page.locator(".monaco-editor").first()).toBeVisible({ timeout: 30_000 });
  await expect.poll(() => page.evaluate(() => "monaco" in window), { timeout: 20_000 }).toBe(true);
  await expect.poll(() => workers.length, { timeout: 20_000 }).toBeGreaterThan(0);
  await expect(page.getByTestId("lab-flow")).toBeVisible();
  await expect(page.getByTestId("lab-timeline")).toBeVisible();
  await expect(page.getByTestId("lab-objectives")).toBeVisible();
  await expect(page.getByTestId("lab-reset")).toBeVisible();

  // The terminal answers help before any run.
  await page.getByTestId("lab-terminal").locator(".xterm").click();
  await page.keyboard.type("help");
  await page.keyboard.press("Enter");
  await expect.poll(() => terminalText(page)).toContain("kill");

  // The starter fails its objectives; meanwhile the flow view draws messages.
  await page.getByTestId("lab-run").click();
  await expect.poll(() => page.locator(".lab-flow-svg circle.flow-msg").count(), { timeout: 30_000 }).toBeGreaterThan(0);
  await page.locator(".lab-speed select").selectOption("16");
  await expect(page.getByTestId("lab-status")).toHaveAttribute("data-status", "ended", { timeout: 30_000 });
  const objectives = page.getByTestId("lab-objectives").locator("li[data-objective]");
  const total = await objectives.count();
  expect(total).toBeGreaterThan(0);
  await expect(page.getByTestId("lab-objectives").locator('li[data-state="failed"]').first()).toBeVisible();
  await expect.poll(() => terminalText(page)).toMatch(/\d+\.\d{3}s/);

  // Clicking a message opens the inspector (from the accessible event list).
  await page.getByTestId("lab-tab-events").click();
  await page.getByTestId("lab-event-list").locator("button").first().click();
  await expect(page.getByTestId("lab-inspector")).toContainText("traceparent");
  await page.getByTestId("lab-inspector").getByRole("button").first().click();
  await page.getByTestId("lab-tab-flow").click();

  // Seek backwards to the start: the log is replaced by the replay up to t = 0.
  const eventsAtEnd = Number((await page.locator(".lab-count").innerText()).replace(/\D/g, ""));
  await page.getByTestId("lab-scrubber").focus();
  await page.keyboard.press("Home");
  await expect(page.getByTestId("lab-clock")).toContainText(/^0\.0\d\ds/, { timeout: 10_000 });
  await expect.poll(async () => Number((await page.locator(".lab-count").innerText()).replace(/\D/g, ""))).toBeLessThan(eventsAtEnd);

  // The solution, through the show-solution flow: diff, then use it, then run — every objective passes.
  await page.getByTestId("lab-show-solution").click();
  await expect(page.locator(".monaco-diff-editor")).toBeVisible({ timeout: 20_000 });
  await page.getByTestId("lab-use-solution").click();
  await runToEnd(page);
  await expect(page.getByTestId("lab-objectives").locator('li[data-state="passed"]')).toHaveCount(total, { timeout: 20_000 });
  await expect(page.getByTestId("lab-complete")).toBeVisible();

  await expectNoSeriousAxeViolations(page);
  expect(errors, "console errors").toEqual([]);
  expect(external, "requests leaving localhost").toEqual([]);
});

test("the labs index lists every lab by chapter and opens one full screen", async ({ page }) => {
  await page.goto("/labs");
  await expect(page.locator('[data-chapter="ch01-introduction"] [data-lab="01-call-chain"]')).toBeVisible();
  await expect(page.locator('[data-lab="02-sync-vs-async"]')).toBeVisible();
  await page.locator('[data-lab="01-call-chain"] a').first().click();
  await expect(page).toHaveURL(/\/labs\/01-call-chain$/);
  await expect(page.getByTestId("lab-editor")).toBeVisible({ timeout: 30_000 });
  await page.goto("/en/labs");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("All labs");
});

for (const labId of ["03-rest-resource", "05-partitions"]) {
  test(`lab ${labId} (chapters 2–6): the starter fails, the solution passes, full screen`, async ({ page }) => {
    test.setTimeout(120_000);
    const external = watchExternalRequests(page);
    await page.goto(`/labs/${labId}`);
    await expect(page.locator(".monaco-editor").first()).toBeVisible({ timeout: 30_000 });
    await runToEnd(page);
    const objectives = page.getByTestId("lab-objectives").locator("li[data-objective]");
    const total = await objectives.count();
    expect(total).toBeGreaterThan(1);
    await expect(page.getByTestId("lab-objectives").locator('li[data-state="failed"]').first()).toBeVisible();
    await page.getByTestId("lab-show-solution").click();
    await page.getByTestId("lab-use-solution").click();
    await runToEnd(page);
    await expect(page.getByTestId("lab-objectives").locator('li[data-state="passed"]')).toHaveCount(total, { timeout: 20_000 });
    await expect(page.getByTestId("lab-complete")).toBeVisible();
    expect(external, "requests leaving localhost").toEqual([]);
  });
}
