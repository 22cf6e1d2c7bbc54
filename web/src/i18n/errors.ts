import type { i18n as I18n } from 'i18next';
import { ApiError } from '../api/client';
import i18n from './index';

/**
 * The text of an error code in the console's language: `errors.<code>` of the catalogues with
 * `{{field}}` as the field's name (`fields.<name>`, else the name itself) and `{{detail}}` as
 * the node's message; the node's `message` when the code has no text, or when the text names
 * a field and none is given.
 */
export function describeCode(code: string, message: string, field?: string, translator: I18n = i18n): string {
  const key = `errors.${code}`;
  const text = translator.getResource(translator.language, 'translation', key);
  if (typeof text !== 'string') return message;
  if (text.includes('{{field}}') && !field) return message;
  const name = field ? translator.t(`fields.${field}`, { defaultValue: field }) : '';
  return translator.t(key, { field: name, detail: message });
}

/** What to tell a user about a failure: an ApiError by its code (describeCode), else its message. */
export function describeError(error: unknown, translator: I18n = i18n): string {
  if (!(error instanceof ApiError)) return error instanceof Error ? error.message : String(error);
  return describeCode(error.code, error.message, error.field, translator);
}
