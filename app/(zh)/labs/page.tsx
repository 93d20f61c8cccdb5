import type { Metadata } from "next";
import { LabsIndex } from "@/components/lab/pages/LabsIndex";
import { t } from "@/lib/i18n";

export const metadata: Metadata = { title: t("zh").lab.indexTitle };

export default function Labs() {
  return <LabsIndex locale="zh" />;
}
