import Link from "next/link";
import type { Locale } from "@/content/outline";
import { localePrefix } from "@/lib/content/repo";
import { t } from "@/lib/i18n";
import { HeaderProgressLink } from "@/components/progress/HeaderProgressLink";
import { SearchDialog } from "./SearchDialog";
import { ThemeToggle } from "./ThemeToggle";

interface Props {
  locale: Locale;
  /** Where the language switch goes: the same page in the other language when it exists, else its home. */
  alternateHref: string;
}

export function SiteHeader({ locale, alternateHref }: Props) {
  const dict = t(locale);
  const other: Locale = locale === "zh" ? "en" : "zh";
  return (
    <header className="site-header">
      <a className="skip-link" href="#main">{dict.skipToContent}</a>
      <Link href={localePrefix(locale) || "/"} className="brand" aria-label={`${dict.home} — ${dict.bookShort}`}>
        <span className="brand-mark" aria-hidden="true">⇄</span>
        <span className="brand-name">{dict.bookShort}</span>
      </Link>
      <div className="header-actions">
        <HeaderProgressLink locale={locale} />
        <SearchDialog
          locale={locale}
          labels={{
            search: dict.search,
            placeholder: dict.searchPlaceholder,
            hint: dict.searchHint,
            noResults: dict.searchNoResults,
            loading: dict.searchLoading,
            close: dict.close,
            results: dict.searchResults(0).replace("0", "{n}"),
          }}
        />
        <a href={alternateHref} hrefLang={other === "zh" ? "zh-CN" : "en"} lang={other === "zh" ? "zh-CN" : "en"} className="lang-switch" data-testid="lang-switch" aria-label={dict.switchLanguageLabel}>
          {dict.switchLanguage}
        </a>
        <ThemeToggle
          labels={{ system: dict.themeSystem, light: dict.themeLight, dark: dict.themeDark }}
          switchTo={dict.themeSwitchTo("{name}")}
        />
      </div>
    </header>
  );
}
