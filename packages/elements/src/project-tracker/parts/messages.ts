import type { Locale } from '../../internal/locale.js'
import { en } from './messages-en.js'
import { type TrackerMessages, zh } from './messages-zh.js'

/** The tracker's strings per locale. */
export const trackerMessages: Record<Locale, TrackerMessages> = { 'zh-CN': zh, en }

export type { TrackerMessages }
