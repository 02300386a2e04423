import type { Locale } from '../../internal/locale.js'
import { en } from './messages-en.js'
import { type SignoffMessages, zh } from './messages-zh.js'

/** The sign-off page's strings per locale. */
export const signoffMessages: Record<Locale, SignoffMessages> = { 'zh-CN': zh, en }

export type { SignoffMessages }
