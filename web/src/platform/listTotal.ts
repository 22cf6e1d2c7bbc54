import { formatNumber } from '../i18n';

/** What the text of a key needs: i18next's `t` or any stand-in. */
type Translate = (key: string, values: { total: string }) => string;

/**
 * A list's pagination total: "共 1,234 条", or "共 10,000+ 条" when the list stopped counting
 * at its bound (the API's `totalExact: false`, docs/api.md "Lists").
 */
export function totalText(t: Translate, total: number, exact: boolean, language: string): string {
  const values = { total: formatNumber(total, language) };
  return exact ? t('common.totalItems', values) : t('common.totalAtLeast', values);
}
