import { expect, test } from "@playwright/test";
import { expectNoSeriousAxeViolations } from "./helpers";

const SECTION = "/ch01-introduction/microservices-architecture-overview";

test("the stored theme is applied before first paint", async ({ page }) => {
  await page.addInitScript(() => localStorage.setItem("s2s-theme", "dark"));
  // Read the attribute from the first script that runs after the <head> one: no React involved yet.
  await page.addInitScript(() => {
    document.addEventListener("DOMContentLoaded", () => {
      (window as unknown as { themeAtLoad: string | undefined }).themeAtLoad = document.documentElement.dataset.theme;
    });
  });
  await page.goto(SECTION);
  expect(await page.evaluate(() => (window as unknown as { themeAtLoad?: string }).themeAtLoad)).toBe("dark");
});

test("follows the system colour scheme when nothing is stored", async ({ page }) => {
  await page.emulateMedia({ colorScheme: "dark" });
  await page.goto(SECTION);
  await expect(page.locator("html")).toHaveAttribute("data-theme", "dark");
  await page.emulateMedia({ colorScheme: "light" });
  await page.goto(SECTION);
  await expect(page.locator("html")).toHaveAttribute("data-theme", "light");
});

test("a phone gets a collapsed menu and no horizontal scrolling", async ({ page }) => {
  await page.setViewportSize({ width: 375, height: 740 });
  await page.goto(SECTION);
  const details = page.locator("#book-nav-details");
  await expect(details).not.toHaveAttribute("open", "");
  await details.locator("summary").click();
  await expect(details.getByRole("link", { name: "服务间通信的关键要素" })).toBeVisible();
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(0);
  await expectNoSeriousAxeViolations(page);
});

test("the skip link is the first stop and moves focus to the content", async ({ page }) => {
  await page.goto(SECTION);
  await page.keyboard.press("Tab");
  const skip = page.getByRole("link", { name: "跳到正文" });
  await expect(skip).toBeFocused();
  await skip.press("Enter");
  await expect(page).toHaveURL(/#main$/);
});

test("print hides navigation and keeps the article", async ({ page }) => {
  await page.goto(SECTION);
  await page.emulateMedia({ media: "print" });
  await expect(page.locator(".book-nav")).toBeHidden();
  await expect(page.locator(".site-header")).toBeHidden();
  await expect(page.getByTestId("article")).toBeVisible();
});

test("static pictures need no client JavaScript: diagrams are SVG in the HTML", async ({ request }) => {
  const html = await (await request.get(SECTION)).text();
  expect(html).toMatch(/<svg[^>]+role="img"/);
  expect(html).toContain("<figure");
  expect(html).not.toMatch(/monaco|xterm|d3-selection/);
});

test("code blocks are highlighted at build time and can be copied", async ({ page, context }) => {
  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
  await page.goto("/ch01-introduction/key-elements");
  const block = page.locator(".code-block").first();
  await expect(block.locator("pre.shiki span[style]").first()).toBeVisible();
  await block.getByRole("button", { name: "复制代码" }).click();
  await expect(block.getByRole("button", { name: "复制代码" })).toHaveText("已复制");
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  expect(copied.length).toBeGreaterThan(20);
});

test("unknown pages are 404", async ({ request }) => {
  expect((await request.get("/ch99-nothing")).status()).toBe(404);
  expect((await request.get("/ch07-service-mesh")).status()).toBe(404); // planned, not yet published
  expect((await request.get("/en/ch01-introduction/nope")).status()).toBe(404);
});
