import type { Locale } from "@/content/outline";
import { BOOK_TITLE } from "@/content/outline";
import { t } from "@/lib/i18n";

export function SiteFooter({ locale }: { locale: Locale }) {
  return (
    <footer className="site-footer">
      <p>{BOOK_TITLE[locale]}</p>
      <p>{t(locale).footer}</p>
    </footer>
  );
}
