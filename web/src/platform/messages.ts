import type { Messages } from './capability';

/**
 * One catalogue out of several (the common one and every capability's): nested keys are
 * merged; the same text key given twice is a mistake and throws, naming it.
 */
export function mergeMessages(catalogues: readonly Messages[], prefix = ''): Messages {
  const merged: Messages = {};
  for (const catalogue of catalogues) {
    for (const [key, value] of Object.entries(catalogue)) {
      const name = prefix ? `${prefix}.${key}` : key;
      const present = merged[key];
      if (present === undefined) {
        merged[key] = typeof value === 'string' ? value : mergeMessages([value], name);
      } else if (typeof present === 'string' || typeof value === 'string') {
        throw new Error(`message key ${name} is declared twice`);
      } else {
        merged[key] = mergeMessages([present, value], name);
      }
    }
  }
  return merged;
}

/** Every key of a catalogue, dotted ("customer.states.active"). */
export function keysOf(messages: Messages, prefix = ''): string[] {
  return Object.entries(messages).flatMap(([key, value]) => {
    const name = prefix ? `${prefix}.${key}` : key;
    return typeof value === 'string' ? [name] : keysOf(value, name);
  });
}

/**
 * A capability's texts in both languages, from its `i18n/zh-CN.json` and `i18n/en-US.json`:
 * the compiler refuses an English catalogue that lacks a Chinese key (i18n/catalogue.test.ts
 * also refuses extra ones).
 */
export function bilingual<T extends Messages>(zhCN: T, enUS: NoInfer<T>): { 'zh-CN': T; 'en-US': T } {
  return { 'zh-CN': zhCN, 'en-US': enUS };
}
