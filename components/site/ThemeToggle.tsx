"use client";

import { useEffect, useState } from "react";
import { THEME_STORAGE_KEY } from "./theme-script";

type Choice = "system" | "light" | "dark";
const ORDER: Choice[] = ["system", "light", "dark"];
/** `switchTo` contains "{name}"; a string, since a server component cannot pass a function down. */
interface Props { labels: Record<Choice, string>; switchTo: string }

function apply(choice: Choice) {
  const dark = choice === "dark" || (choice === "system" && window.matchMedia("(prefers-color-scheme: dark)").matches);
  const root = document.documentElement;
  root.dataset.theme = dark ? "dark" : "light";
  root.dataset.themeChoice = choice;
  root.style.colorScheme = dark ? "dark" : "light";
}

/** Cycles system → light → dark. The choice persists; "system" follows the OS live. */
export function ThemeToggle({ labels, switchTo }: Props) {
  const [choice, setChoice] = useState<Choice>("system");

  useEffect(() => {
    const stored = localStorage.getItem(THEME_STORAGE_KEY);
    setChoice(stored === "light" || stored === "dark" ? stored : "system");
  }, []);

  useEffect(() => {
    if (choice !== "system") return;
    const media = window.matchMedia("(prefers-color-scheme: dark)");
    const onChange = () => apply("system");
    media.addEventListener("change", onChange);
    return () => media.removeEventListener("change", onChange);
  }, [choice]);

  const next = ORDER[(ORDER.indexOf(choice) + 1) % ORDER.length]!;
  return (
    <button
      type="button"
      className="icon-button theme-toggle"
      data-testid="theme-toggle"
      aria-label={switchTo.replace("{name}", labels[choice])}
      title={switchTo.replace("{name}", labels[choice])}
      onClick={() => {
        if (next === "system") localStorage.removeItem(THEME_STORAGE_KEY);
        else localStorage.setItem(THEME_STORAGE_KEY, next);
        apply(next);
        setChoice(next);
      }}
    >
      <span aria-hidden="true" className={`theme-icon theme-icon-${choice}`} />
    </button>
  );
}
