import Link from "next/link";
import type { Locale } from "@/content/outline";
import { localePrefix } from "@/lib/content/repo";
import { t } from "@/lib/i18n";
import "./progress.css";

/** The header's link to /progress; also brings the progress styles (sidebar marks, rings) to every page. */
export function HeaderProgressLink({ locale }: { locale: Locale }) {
  return <Link href={`${localePrefix(locale)}/progress`} className="header-progress-link" data-testid="progress-link" prefetch={false}>{t(locale).progress.nav}</Link>;
}
