"use client";

import { useEffect, useRef, useState } from "react";
import { InlineText } from "./InlineText";

interface Props {
  name: string;
  items: { id: string; text: string }[];
  order: string[];
  disabled: boolean;
  onChange: (order: string[]) => void;
  labels: { moveUp: (item: string) => string; moveDown: (item: string) => string; moved: (item: string, position: number, count: number) => string };
}

const plain = (text: string) => text.replaceAll("`", "");

/** Reordering with buttons (keyboard and screen readers first); focus follows the moved item. */
export function OrderingList({ name, items, order, disabled, onChange, labels }: Props) {
  const [announcement, setAnnouncement] = useState("");
  const [focusAfterMove, setFocusAfterMove] = useState<{ id: string; dir: "up" | "down" } | null>(null);
  const listRef = useRef<HTMLOListElement>(null);
  const textOf = (id: string) => items.find((i) => i.id === id)?.text ?? id;

  useEffect(() => {
    if (!focusAfterMove) return;
    const row = listRef.current?.querySelector<HTMLElement>(`[data-item="${focusAfterMove.id}"]`);
    const preferred = row?.querySelector<HTMLButtonElement>(`button[data-dir="${focusAfterMove.dir}"]:not(:disabled)`);
    (preferred ?? row?.querySelector<HTMLButtonElement>("button:not(:disabled)"))?.focus();
  }, [focusAfterMove, order]);

  function move(index: number, delta: -1 | 1) {
    const target = index + delta;
    if (target < 0 || target >= order.length) return;
    const next = [...order];
    [next[index], next[target]] = [next[target] as string, next[index] as string];
    const id = next[target] as string;
    onChange(next);
    setAnnouncement(labels.moved(plain(textOf(id)), target + 1, next.length));
    setFocusAfterMove({ id, dir: delta < 0 ? "up" : "down" });
  }

  return (
    <>
      <ol className="quiz-order" ref={listRef} id={name}>
        {order.map((id, index) => (
          <li key={id} data-item={id} className="quiz-order-item">
            <span className="quiz-order-text"><InlineText text={textOf(id)} /></span>
            <span className="quiz-order-buttons">
              <button type="button" data-dir="up" className="quiz-move" disabled={disabled || index === 0} aria-label={labels.moveUp(plain(textOf(id)))} onClick={() => move(index, -1)}>↑</button>
              <button type="button" data-dir="down" className="quiz-move" disabled={disabled || index === order.length - 1} aria-label={labels.moveDown(plain(textOf(id)))} onClick={() => move(index, 1)}>↓</button>
            </span>
          </li>
        ))}
      </ol>
      <p className="sr-only" aria-live="polite">{announcement}</p>
    </>
  );
}
