import { capabilities } from '../capabilities';
import type { Messages } from '../platform/capability';
import { bilingual, mergeMessages } from '../platform/messages';
import enUS from './en-US.json';
import zhCN from './zh-CN.json';

// The common texts: zh-CN.json (简体中文, the console's default language) and en-US.json
// (switchable from the header) under the same keys. `errors.<code>` are the texts of the
// errors the node answers, by their code (api/client.ts ApiError.code): {{field}} is the
// field's name from `fields`, {{detail}} the node's own message; a code without a text (or a
// text naming a field the error does not name) shows the node's message (errors.ts).
const common = bilingual(zhCN, enUS);

/** The console's whole catalogue per language: the common texts and every capability's. */
export const catalogues: Record<'zh-CN' | 'en-US', Messages> = {
  'zh-CN': mergeMessages([common['zh-CN'], ...capabilities.map((capability) => capability.messages['zh-CN'])]),
  'en-US': mergeMessages([common['en-US'], ...capabilities.map((capability) => capability.messages['en-US'])]),
};
