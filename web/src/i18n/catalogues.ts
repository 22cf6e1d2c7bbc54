import { capabilities } from '../capabilities';
import type { Messages } from '../platform/capability';
import { mergeMessages } from '../platform/messages';
import enUS from './en-US';
import zhCN from './zh-CN';

/** The console's whole catalogue per language: the common texts and every capability's. */
export const catalogues: Record<'zh-CN' | 'en-US', Messages> = {
  'zh-CN': mergeMessages([zhCN, ...capabilities.map((capability) => capability.messages['zh-CN'])]),
  'en-US': mergeMessages([enUS, ...capabilities.map((capability) => capability.messages['en-US'])]),
};
