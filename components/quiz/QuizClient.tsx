"use client";

import { useEffect, useRef, useState, type FormEvent } from "react";
import type { Locale } from "@/content/outline";
import { quizLabels } from "@/lib/i18n-quiz";
import { newAttemptId, progressApi, subscribeProgress } from "@/lib/progress/client";
import type { Quiz } from "@/lib/quiz/schema";
import { scoreQuiz, type Answer, type Answers, type QuizScore } from "@/lib/quiz/score";
import { deterministicShuffle } from "@/lib/quiz/shuffle";
import { QuestionView } from "./QuestionView";
import "./quiz.css";

type Saved = { state: "pending" } | { state: "saved" } | { state: "failed"; message: string } | { state: "previous"; best: number };
interface Submitted { score: QuizScore; saved: Saved }

/** Ordering questions start shuffled — by question id, so server and browser render the same order. */
function initialAnswers(quiz: Quiz): Answers {
  const answers: Answers = {};
  for (const q of quiz.questions) if (q.kind === "ordering") answers[q.id] = deterministicShuffle(q.items.map((i) => i.id), q.id);
  return answers;
}

export function QuizClient({ quiz, locale }: { quiz: Quiz; locale: Locale }) {
  const labels = quizLabels[locale];
  const [answers, setAnswers] = useState<Answers>(() => initialAnswers(quiz));
  const [submitted, setSubmitted] = useState<Submitted | null>(null);
  const touched = useRef(false);
  const startedAtMs = useRef(0);

  useEffect(() => {
    startedAtMs.current = performance.now();
    // Picking up where the reader left off: the last attempt, unless they have started answering again.
    return subscribeProgress((summary) => {
      const mine = summary.quizzes.find((q) => q.quizId === quiz.id);
      if (!mine || touched.current) return;
      const restored = { ...initialAnswers(quiz), ...mine.last.answers };
      setAnswers(restored);
      setSubmitted({ score: scoreQuiz(quiz, restored), saved: { state: "previous", best: mine.score } });
    });
  }, [quiz]);

  function change(questionId: string, answer: Answer) {
    touched.current = true;
    setAnswers((before) => ({ ...before, [questionId]: answer }));
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    touched.current = true;
    const score = scoreQuiz(quiz, answers);
    setSubmitted({ score, saved: { state: "pending" } });
    try {
      await progressApi.submitAttempt({ quizId: quiz.id, locale, attemptId: newAttemptId(), answers, durationMs: Math.round(performance.now() - startedAtMs.current) });
      setSubmitted({ score, saved: { state: "saved" } });
    } catch (error) {
      setSubmitted({ score, saved: { state: "failed", message: error instanceof Error ? error.message : String(error) } });
    }
  }

  function retry() {
    touched.current = true;
    startedAtMs.current = performance.now();
    setAnswers(initialAnswers(quiz));
    setSubmitted(null);
  }

  const unanswered = quiz.questions.length - scoreQuiz(quiz, answers).results.filter((r) => r.answered).length;
  const saved = submitted?.saved;
  const titleId = `quiz-${quiz.id}-title`;
  return (
    <section className="quiz" data-testid="quiz" data-quiz-id={quiz.id} aria-labelledby={titleId}>
      <p className="quiz-title" id={titleId}>{quiz.title ?? labels.defaultTitle}</p>
      <noscript><p className="quiz-noscript">{labels.needsJs}</p></noscript>
      {/* autoComplete=off: the browser must not restore old inputs on reload; the last attempt comes from the server. */}
      <form onSubmit={submit} noValidate autoComplete="off">
        {quiz.questions.map((q, i) => (
          <QuestionView key={q.id} quizId={quiz.id} question={q} index={i} answer={answers[q.id]} result={submitted?.score.results[i]} onChange={(a) => change(q.id, a)} labels={labels} />
        ))}
        <div className="quiz-actions">
          {/* Distinct keys: reusing one <button> node would turn it into type=submit mid-click and resubmit. */}
          {submitted ? (
            <button key="retry" type="button" className="quiz-button" onClick={retry}>{labels.retry}</button>
          ) : (
            <button key="submit" type="submit" className="quiz-button is-primary" data-testid="quiz-submit">{labels.submit}</button>
          )}
          {!submitted && unanswered > 0 && unanswered < quiz.questions.length ? <span className="quiz-hint">{labels.answerAll(unanswered)}</span> : null}
        </div>
        <div className="quiz-result" data-testid="quiz-result" role="status" aria-live="polite" aria-atomic="true">
          {submitted ? (
            <>
              <strong className="quiz-score">{labels.score(submitted.score.score, submitted.score.maxScore)}</strong>{" "}
              {saved?.state === "saved" ? labels.saved : null}
              {saved?.state === "failed" ? `${labels.notSaved}${saved.message}` : null}
              {saved?.state === "previous" ? labels.previous(submitted.score.score, submitted.score.maxScore, saved.best) : null}
            </>
          ) : null}
        </div>
      </form>
    </section>
  );
}
