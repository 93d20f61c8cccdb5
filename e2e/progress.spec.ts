import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { expect, test, type Locator, type Page } from "@playwright/test";
import { expectNoSeriousAxeViolations } from "./helpers";
import { startServer, type RunningServer } from "./progress-server";

const PORT = Number(process.env.E2E_PORT ?? 3100) + 1;
const QUIZ_PAGE = "/ch01-introduction/microservices-vs-monolith-communication";

let dataDir: string;
let server: RunningServer;

test.beforeAll(async () => {
  dataDir = mkdtempSync(path.join(tmpdir(), "s2s-e2e-progress-"));
  server = await startServer(dataDir, PORT);
});
test.afterAll(async () => {
  await server?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

/** Sorts an ordering question with its Move up buttons, keyboard only (focus follows the moved item). */
async function sortByKeyboard(page: Page, question: Locator, correct: string[]) {
  for (let target = 0; target < correct.length; target++) {
    const id = correct[target] as string;
    const ids = await question.locator("li[data-item]").evaluateAll((lis) => lis.map((li) => li.getAttribute("data-item")));
    const at = ids.indexOf(id);
    if (at === target) continue;
    await question.locator(`li[data-item="${id}"] button[data-dir="up"]`).focus();
    for (let i = at; i > target; i--) await page.keyboard.press("Enter");
  }
  expect(await question.locator("li[data-item]").evaluateAll((lis) => lis.map((li) => li.getAttribute("data-item")))).toEqual(correct);
}

test("answer the chapter 1 quiz; the attempt survives a reload and a server restart on the same data", async ({ page }) => {
  test.setTimeout(150_000);
  await page.goto(`${server.baseURL}${QUIZ_PAGE}#quiz`);
  const quiz = page.getByTestId("quiz");
  await expect(quiz).toBeVisible();
  await expect(quiz.getByRole("group")).toHaveCount(9);

  // Keyboard only: a radio chosen with the arrow keys, an ordering sorted with the move buttons, a fill typed.
  const first = quiz.getByRole("group").nth(0);
  await first.getByRole("radio").first().focus();
  await page.keyboard.press("ArrowDown");
  await expect(first.locator('input[value="distributed-monolith"]')).toBeChecked();
  for (const id of ["no-transactions", "operations", "network"]) await quiz.locator(`input[name="ch01-quiz-costs-of-splitting"][value="${id}"]`).check();
  await quiz.locator('input[name="ch01-quiz-chain-availability"][value="false"]').check();
  await quiz.locator('input[name="ch01-quiz-retry-amplification"]').fill("２７ ");
  await sortByKeyboard(page, quiz.getByRole("group").nth(4), ["policy", "discovery", "pool", "edge", "handler"]);
  await quiz.locator('input[name="ch01-quiz-idempotency-key"][value="same-key"]').check();
  await quiz.locator('input[name="ch01-quiz-predict-slow-payment"][value="pile-up"]').check();
  await quiz.locator('input[name="ch01-quiz-n-plus-one"][value="parallel"]').check(); // wrong on purpose
  // the last question is left unanswered

  const saved = page.waitForResponse((r) => r.url().endsWith("/api/progress/attempts") && r.status() === 201);
  await quiz.getByTestId("quiz-submit").click();
  await saved;
  const result = quiz.getByTestId("quiz-result");
  await expect(result).toContainText("得分 7 / 9");
  await expect(result).toContainText("已记入学习进度");
  await expect(quiz.getByText("回答错误")).toHaveCount(1);
  await expect(quiz.getByText("未作答")).toHaveCount(1);
  await expectNoSeriousAxeViolations(page);

  await page.reload();
  await expect(page.getByTestId("quiz-result")).toContainText("上次得分 7 / 9");
  await expect(page.getByTestId("quiz").locator('input[name="ch01-quiz-retry-amplification"]')).toHaveValue("２７ ");

  await server.stop();
  server = await startServer(dataDir, PORT);
  await page.reload();
  await expect(page.getByTestId("quiz-result")).toContainText("上次得分 7 / 9");
  await page.goto(`${server.baseURL}/progress`);
  await expect(page.locator('[data-chapter="ch01-introduction"]').getByTestId("progress-quiz")).toContainText("7 / 9");

  // Retry works and keeps the best score.
  await page.goto(`${server.baseURL}${QUIZ_PAGE}#quiz`);
  await page.getByTestId("quiz").getByRole("button", { name: "重新作答" }).click();
  await page.getByTestId("quiz-submit").click();
  await expect(page.getByTestId("quiz-result")).toContainText("得分 0 / 9");
  await page.goto(`${server.baseURL}/progress`);
  await expect(page.locator('[data-chapter="ch01-introduction"]').getByTestId("progress-quiz")).toContainText("7 / 9");
});

test("reading to the end marks a section; export → reset → import restores everything", async ({ page }) => {
  test.setTimeout(120_000);
  await page.goto(`${server.baseURL}/ch01-introduction/key-elements`);
  const marked = page.waitForResponse((r) => r.url().endsWith("/api/progress/sections") && r.ok());
  await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
  await marked;
  // The sidebar (static HTML) gets its mark from the client.
  await page.goto(`${server.baseURL}/ch01-introduction/importance-and-challenges`);
  await expect(page.locator('.book-nav a[data-progress-section="ch01-introduction/key-elements"]')).toHaveAttribute("data-read", "true");
  await expect(page.locator('.book-nav a[data-progress-section="ch01-introduction/importance-and-challenges"]')).not.toHaveAttribute("data-read", "true");

  await page.goto(`${server.baseURL}${QUIZ_PAGE}#quiz`);
  await page.getByTestId("quiz").locator('input[name="ch01-quiz-chain-availability"][value="false"]').check();
  await page.getByTestId("quiz-submit").click();
  await expect(page.getByTestId("quiz-result")).toContainText("已记入学习进度");

  await page.getByTestId("progress-link").click();
  await expect(page).toHaveURL(/\/progress$/);
  const chapter = page.locator('[data-chapter="ch01-introduction"]');
  // Jumping to the quiz at the end of the last section reaches the end of that article too.
  await expect(chapter).toContainText("已读小节: 2 / 4");
  await expect(chapter.getByTestId("progress-quiz")).toContainText("1 / 9");
  await expect(page.getByTestId("progress-continue")).toHaveAttribute("href", /\/ch01-introduction\/microservices-vs-monolith-communication/);
  await expectNoSeriousAxeViolations(page);

  const download = page.waitForEvent("download");
  await page.getByTestId("progress-export").click();
  const file = path.join(dataDir, "export.json");
  await (await download).saveAs(file);
  const exported = JSON.parse(readFileSync(file, "utf8"));
  expect(exported.sections).toHaveLength(2);
  expect(exported.quizAttempts).toHaveLength(1);

  await page.getByTestId("progress-reset").click();
  await expect(page.getByRole("dialog")).toBeVisible();
  await page.getByTestId("progress-reset-confirm").click();
  await expect(page.getByTestId("progress-notice")).toContainText("进度已清除");
  await expect(chapter).toContainText("已读小节: 0 / 4");
  await expect(chapter.getByTestId("progress-quiz")).toContainText("尚未作答");

  await page.getByTestId("progress-import").setInputFiles(file);
  await expect(page.getByTestId("progress-notice")).toContainText("已导入：2 个小节、1 次测验");
  await expect(chapter).toContainText("已读小节: 2 / 4");
  await expect(chapter.getByTestId("progress-quiz")).toContainText("1 / 9");

  // The landing page draws a completion ring on chapter 1's card.
  await page.goto(`${server.baseURL}/`);
  const ring = page.locator('[data-testid="chapter-card"]').first().getByTestId("chapter-ring");
  await expect(ring).toBeVisible();
  expect(Number(await ring.getAttribute("data-percent"))).toBeGreaterThan(0);
});

test("the real server refuses a cross-site write and names the field of a bad one", async ({ request }) => {
  const crossSite = await request.post(`${server.baseURL}/api/progress/sections`, {
    headers: { origin: "https://evil.example", "content-type": "application/json" },
    data: { chapter: "ch01-introduction", section: "key-elements" },
  });
  expect(crossSite.status()).toBe(403);
  const bad = await request.post(`${server.baseURL}/api/progress/sections`, { data: { chapter: "ch01-introduction", section: "nope" } });
  expect(bad.status()).toBe(400);
  expect((await bad.json()).field).toBe("section");
});
