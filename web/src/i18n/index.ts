import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import { setRequestLanguage } from '../api/client';
import { catalogues } from './catalogues';

export type Language = 'zh-CN' | 'en-US';
const STORAGE_KEY = 'mams.language';

export function savedLanguage(): Language {
  try {
    return localStorage.getItem(STORAGE_KEY) === 'en-US' ? 'en-US' : 'zh-CN';
  } catch {
    return 'zh-CN';
  }
}

void i18n.use(initReactI18next).init({
  resources: { 'zh-CN': { translation: catalogues['zh-CN'] }, 'en-US': { translation: catalogues['en-US'] } },
  lng: savedLanguage(),
  fallbackLng: 'zh-CN',
  interpolation: { escapeValue: false }, // React escapes
});
dayjs.locale(savedLanguage() === 'zh-CN' ? 'zh-cn' : 'en');
setRequestLanguage(savedLanguage());

/** Switches the console's language and remembers it in this browser. */
export function switchLanguage(language: Language): void {
  try {
    localStorage.setItem(STORAGE_KEY, language);
  } catch {
    // private mode: the choice lasts for this page only
  }
  dayjs.locale(language === 'zh-CN' ? 'zh-cn' : 'en');
  document.documentElement.lang = language;
  setRequestLanguage(language);
  void i18n.changeLanguage(language);
}

/** Numbers and money by the console's language (grouping, decimals). */
export function formatNumber(value: number, language: string, fractionDigits = 0): string {
  return new Intl.NumberFormat(language, {
    minimumFractionDigits: fractionDigits,
    maximumFractionDigits: fractionDigits,
  }).format(value);
}

/** A timestamp of the API (ISO 8601, UTC) in the viewer's local time. */
export function formatDateTime(iso: string | undefined | null): string {
  return iso ? dayjs(iso).format('YYYY-MM-DD HH:mm') : '';
}

export default i18n;
