import { expect, test } from "@playwright/test";
import { expectNoSeriousAxeViolations, watchExternalRequests } from "./helpers";

test("a new reader finds chapter 1, navigates, switches theme and language, and searches in Chinese", async ({ page }) => {
  const external = watchExternalRequests(page);

  await page.goto("/");
  await expect(page.locator("html")).toHaveAttribute("lang", "zh-CN");
  await expect(page.getByRole("heading", { level: 1 })).toContainText("微服务架构中的服务间通信");
  // All sixteen chapters and four appendices are listed; unpublished ones are not links.
  await expect(page.getByTestId("chapter-card")).toHaveCount(20);
  const unpublished = page.locator('[data-testid="chapter-card"][data-published="false"]');
  expect(await unpublished.count()).toBeGreaterThan(0);
  await expect(unpublished.first().locator("a")).toHaveCount(0);
  await expectNoSeriousAxeViolations(page);

  // Into chapter 1, then section 2 through the sidebar.
  await page.getByRole("link", { name: "服务间通信简介" }).first().click();
  await expect(page).toHaveURL(/\/ch01-introduction$/);
  const nav = page.getByRole("navigation", { name: "全书目录" });
  await nav.getByRole("link", { name: "服务间通信的重要性与挑战" }).click();
  await expect(page).toHaveURL(/\/ch01-introduction\/importance-and-challenges$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("服务间通信的重要性与挑战");
  await expect(nav.locator('a[aria-current="page"]')).toHaveText("服务间通信的重要性与挑战");
  await expectNoSeriousAxeViolations(page);

  // A table-of-contents anchor scrolls its heading into view.
  const tocLink = page.getByRole("navigation", { name: "本页内容" }).getByTestId("toc-link").nth(2);
  const anchor = (await tocLink.getAttribute("href"))!;
  await tocLink.click();
  await expect(page).toHaveURL(new RegExp(`${anchor}$`));
  await expect(page.locator(`[id="${decodeURIComponent(anchor.slice(1))}"]`)).toBeInViewport();

  // Theme: system → light → dark, persisted across a reload with no flash.
  const html = page.locator("html");
  const toggle = page.getByTestId("theme-toggle");
  await toggle.click();
  await expect(html).toHaveAttribute("data-theme", "light");
  await toggle.click();
  await expect(html).toHaveAttribute("data-theme", "dark");
  await page.reload();
  await expect(html).toHaveAttribute("data-theme", "dark");
  await expectNoSeriousAxeViolations(page);

  // Language switch keeps the reader on the same page when the translation exists…
  const zhPath = new URL(page.url()).pathname;
  await page.getByTestId("lang-switch").click();
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
  await expect(page).toHaveURL(new RegExp(`/en${zhPath}$`));
  await expectNoSeriousAxeViolations(page);
  // …and back again.
  await page.getByTestId("lang-switch").click();
  await expect(page.locator("html")).toHaveAttribute("lang", "zh-CN");
  await expect(page).toHaveURL(new RegExp(`${zhPath}$`));

  // Search in Chinese with "/", a substring of a longer word, and open a result.
  // The language switch was a full navigation: retry until the page has hydrated and listens for "/".
  const input = page.getByTestId("search-input");
  await expect(async () => {
    await page.keyboard.press("/");
    await expect(input).toBeFocused({ timeout: 1_000 });
  }).toPass({ timeout: 15_000 });
  await input.fill("幂等");
  const results = page.getByTestId("search-result");
  await expect(results.first()).toBeVisible();
  await expect(results.first().locator("mark").first()).toHaveText("幂等");
  const href = (await results.first().getAttribute("href"))!;
  await results.first().click();
  await expect(page).toHaveURL(new RegExp(`${href.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}$`));

  // Ctrl+K opens it too (once the new page has hydrated: a full navigation just happened); Escape closes it.
  await expect(async () => {
    await page.keyboard.press("Control+k");
    await expect(page.getByTestId("search-input")).toBeVisible({ timeout: 1_000 });
  }).toPass({ timeout: 15_000 });
  await page.keyboard.press("Escape");
  await expect(page.getByTestId("search-input")).toBeHidden();

  expect(external, "requests that left localhost").toEqual([]);
});

test("English readers search the English edition, with Ctrl+K", async ({ page }) => {
  await page.goto("/en");
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
  await page.keyboard.press("Control+k");
  const input = page.getByTestId("search-input");
  await input.fill("IDEMPOTENT");
  const first = page.getByTestId("search-result").first();
  await expect(first).toBeVisible();
  await expect(first.locator("mark").first()).toHaveText(/idempotent/i);
  // Results come from the English index only, and Enter opens the highlighted one.
  const href = (await first.getAttribute("href"))!;
  expect(href).toMatch(/^\/en\/ch\d\d-/);
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(new RegExp(`${href.split("#")[0]!.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}(#|$)`));
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
});
