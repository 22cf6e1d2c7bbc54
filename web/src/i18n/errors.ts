import type { i18n as I18n } from 'i18next';
import { ApiError } from '../api/client';
import i18n from './index';

/**
 * What to tell a user about a failure, in the console's language: an API error's text by its
 * code (`errors.<code>` of the catalogues) with `{{field}}` as the field's name
 * (`fields.<name>`, else the name itself) and `{{detail}}` as the node's message; the node's
 * message when the code has no text, or the text names a field the error does not name.
 */
export function describeError(error: unknown, translator: I18n = i18n): string {
  if (!(error instanceof ApiError)) return error instanceof Error ? error.message : String(error);
  const key = `errors.${error.code}`;
  const text = translator.getResource(translator.language, 'translation', key) ?? translator.getResource('zh-CN', 'translation', key);
  if (typeof text !== 'string') return error.message;
  if (text.includes('{{field}}') && !error.field) return error.message;
  const field = error.field ? translator.t(`fields.${error.field}`, { defaultValue: error.field }) : '';
  return translator.t(key, { field, detail: error.message });
}
