import type { Metadata } from "next";
import { ProgressPage } from "@/components/progress/ProgressPage";
import { t } from "@/lib/i18n";

export const metadata: Metadata = { title: t("zh").progress.title, robots: { index: false } };

export default function Progress() {
  return <ProgressPage locale="zh" />;
}
