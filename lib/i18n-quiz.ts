import type { Locale } from "@/content/outline";

/**
 * The quiz's UI strings, apart from lib/i18n.ts: the quiz is a client component, and importing the whole
 * dictionary there would ship every UI string of the site to every page that has a quiz.
 */
const zh = {
  defaultTitle: "自测",
  question: (n: number) => `第 ${n} 题`,
  multipleHint: "（可多选）",
  orderingHint: "用“上移”“下移”按钮把各项排成正确的顺序。",
  moveUp: (item: string) => `上移：${item}`,
  moveDown: (item: string) => `下移：${item}`,
  moved: (item: string, position: number, count: number) => `「${item}」现在是第 ${position} 项，共 ${count} 项`,
  fillLabel: "你的答案",
  isTrue: "正确",
  isFalse: "错误",
  scenario: (lab: string) => `实验 ${lab} 的场景`,
  submit: "提交答案",
  retry: "重新作答",
  score: (score: number, max: number) => `得分 ${score} / ${max}`,
  correct: "回答正确",
  incorrect: "回答错误",
  unanswered: "未作答",
  yourChoice: "你的选择",
  rightAnswer: "正确答案",
  acceptedAnswers: "可接受的答案",
  correctOrder: "正确顺序",
  saved: "已记入学习进度。",
  notSaved: "成绩未能保存：",
  previous: (score: number, max: number, best: number) => `上次得分 ${score} / ${max}，最高 ${best} / ${max}。`,
  needsJs: "测验需要启用 JavaScript；正文阅读不受影响。",
  answerAll: (n: number) => `还有 ${n} 题未作答，仍可提交。`,
};

export type QuizLabels = typeof zh;

const en: QuizLabels = {
  defaultTitle: "Check yourself",
  question: (n: number) => `Question ${n}`,
  multipleHint: " (choose all that apply)",
  orderingHint: "Use the Move up and Move down buttons to put the items in the right order.",
  moveUp: (item: string) => `Move up: ${item}`,
  moveDown: (item: string) => `Move down: ${item}`,
  moved: (item: string, position: number, count: number) => `“${item}” is now item ${position} of ${count}`,
  fillLabel: "Your answer",
  isTrue: "True",
  isFalse: "False",
  scenario: (lab: string) => `Scenario from lab ${lab}`,
  submit: "Submit answers",
  retry: "Try again",
  score: (score: number, max: number) => `Score ${score} / ${max}`,
  correct: "Correct",
  incorrect: "Incorrect",
  unanswered: "Not answered",
  yourChoice: "your choice",
  rightAnswer: "right answer",
  acceptedAnswers: "Accepted answers",
  correctOrder: "Correct order",
  saved: "Saved to your progress.",
  notSaved: "Your score was not saved: ",
  previous: (score: number, max: number, best: number) => `Last time ${score} / ${max}, best ${best} / ${max}.`,
  needsJs: "Quizzes need JavaScript; reading works without it.",
  answerAll: (n: number) => `${n} question${n === 1 ? "" : "s"} still unanswered; you can submit anyway.`,
};

export const quizLabels: Record<Locale, QuizLabels> = { zh, en };
