"use client";

import type { Question } from "@/lib/quiz/schema";
import type { Answer, QuestionResult } from "@/lib/quiz/score";
import type { Dictionary } from "@/lib/i18n";
import { InlineText } from "./InlineText";
import { OrderingList } from "./OrderingList";

interface Props {
  quizId: string;
  question: Question;
  index: number;
  answer: Answer | undefined;
  result: QuestionResult | undefined;
  onChange: (answer: Answer) => void;
  labels: Dictionary["quiz"];
}

function Verdict({ result, labels }: { result: QuestionResult; labels: Dictionary["quiz"] }) {
  const text = result.correct ? labels.correct : result.answered ? labels.incorrect : labels.unanswered;
  return <p className={`quiz-verdict ${result.correct ? "is-correct" : "is-incorrect"}`}><span aria-hidden="true">{result.correct ? "✓ " : "✗ "}</span>{text}</p>;
}

/** One question as a fieldset; after submitting, the verdict and the explanation of every option. */
export function QuestionView({ quizId, question: q, index, answer, result, onChange, labels }: Props) {
  const name = `${quizId}-${q.id}`;
  const submitted = !!result;
  const legend = (
    <legend>
      <span className="quiz-qnum">{labels.question(index + 1)}</span>
      <InlineText text={q.prompt} />
      {q.kind === "multiple" ? <span className="quiz-hint">{labels.multipleHint}</span> : null}
    </legend>
  );
  const state = result ? (result.correct ? "correct" : "incorrect") : undefined;

  if (q.kind === "single" || q.kind === "multiple" || q.kind === "predict") {
    const multiple = q.kind === "multiple";
    const chosen = new Set(Array.isArray(answer) ? answer : typeof answer === "string" ? [answer] : []);
    const toggle = (id: string, checked: boolean) => {
      if (!multiple) return onChange(id);
      const next = new Set(chosen);
      if (checked) next.add(id); else next.delete(id);
      onChange(q.options.map((o) => o.id).filter((o) => next.has(o)));
    };
    return (
      <fieldset className="quiz-question" data-state={state} disabled={submitted}>
        {legend}
        {q.kind === "predict" ? (
          <p className="quiz-scenario"><strong>{labels.scenario(q.lab)}</strong> <InlineText text={q.scenario} /></p>
        ) : null}
        <ul className="quiz-options">
          {q.options.map((o) => (
            <li key={o.id} className="quiz-option" data-correct={submitted ? o.correct : undefined} data-chosen={chosen.has(o.id) || undefined}>
              <label>
                <input type={multiple ? "checkbox" : "radio"} name={name} value={o.id} checked={chosen.has(o.id)} onChange={(e) => toggle(o.id, e.currentTarget.checked)} />
                <span><InlineText text={o.text} /></span>
              </label>
              {submitted ? (
                <p className="quiz-explain">
                  {o.correct ? <strong className="quiz-tag is-correct">{labels.rightAnswer}</strong> : null}
                  {chosen.has(o.id) ? <strong className="quiz-tag">{labels.yourChoice}</strong> : null}
                  <InlineText text={o.explain} />
                </p>
              ) : null}
            </li>
          ))}
        </ul>
        {result ? <Verdict result={result} labels={labels} /> : null}
      </fieldset>
    );
  }

  const explanation = result ? <p className="quiz-explain"><InlineText text={q.explain} /></p> : null;
  if (q.kind === "truefalse") {
    return (
      <fieldset className="quiz-question" data-state={state} disabled={submitted}>
        {legend}
        <ul className="quiz-options quiz-options-inline">
          {([true, false] as const).map((value) => (
            <li key={String(value)} className="quiz-option" data-correct={submitted ? value === q.answer : undefined}>
              <label>
                <input type="radio" name={name} value={String(value)} checked={answer === value} onChange={() => onChange(value)} />
                <span>{value ? labels.isTrue : labels.isFalse}</span>
              </label>
            </li>
          ))}
        </ul>
        {result ? <Verdict result={result} labels={labels} /> : null}
        {result ? <p className="quiz-explain"><strong className="quiz-tag is-correct">{labels.rightAnswer}: {q.answer ? labels.isTrue : labels.isFalse}</strong></p> : null}
        {explanation}
      </fieldset>
    );
  }

  if (q.kind === "fill") {
    return (
      <fieldset className="quiz-question" data-state={state} disabled={submitted}>
        {legend}
        <label className="quiz-fill">
          <span>{labels.fillLabel}</span>
          <input type="text" name={name} value={typeof answer === "string" ? answer : ""} autoComplete="off" spellCheck={false} maxLength={200} onChange={(e) => onChange(e.currentTarget.value)} />
        </label>
        {result ? <Verdict result={result} labels={labels} /> : null}
        {result ? <p className="quiz-explain"><strong className="quiz-tag is-correct">{labels.acceptedAnswers}:</strong> {q.answers.join(" / ")}</p> : null}
        {explanation}
      </fieldset>
    );
  }

  const order = Array.isArray(answer) ? answer : q.items.map((i) => i.id);
  return (
    <fieldset className="quiz-question" data-state={state} disabled={submitted}>
      {legend}
      <p className="quiz-hint">{labels.orderingHint}</p>
      <OrderingList name={name} items={q.items} order={order} disabled={submitted} onChange={onChange} labels={labels} />
      {result ? <Verdict result={result} labels={labels} /> : null}
      {result ? (
        <div className="quiz-explain">
          <strong className="quiz-tag is-correct">{labels.correctOrder}:</strong>
          <ol>{q.items.map((i) => <li key={i.id}><InlineText text={i.text} /></li>)}</ol>
        </div>
      ) : null}
      {explanation}
    </fieldset>
  );
}
