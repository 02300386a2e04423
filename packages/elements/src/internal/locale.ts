/** The languages the elements speak. */
export type Locale = 'zh-CN' | 'en'

/** The language used when nothing on the page names a supported one. */
export const defaultLocale: Locale = 'zh-CN'

/** Maps a BCP 47 tag to a supported locale: `zh*` to zh-CN, `en*` to en, else undefined. */
export function toLocale(tag: string | null | undefined): Locale | undefined {
  const t = tag?.trim().toLowerCase()
  return t?.startsWith('zh') ? 'zh-CN' : t?.startsWith('en') ? 'en' : undefined
}

/**
 * The locale an element renders in: its own `lang`, else the closest `[lang]` ancestor (across
 * shadow roots, up to the document element), else zh-CN. An unsupported language falls back
 * to zh-CN rather than skipping to a further ancestor, as `lang` scoping does in HTML.
 *
 * @example
 * localeOf(document.querySelector('project-tracker')!) // 'en' on <html lang="en-GB">
 */
export function localeOf(el: Element): Locale {
  let node: Element | null = el
  while (node) {
    const lang = node.getAttribute('lang')
    if (lang) return toLocale(lang) ?? defaultLocale
    node = node.parentElement ?? ((node.getRootNode() as ShadowRoot).host || null)
  }
  return defaultLocale
}

/** Fills `{name}` placeholders of a message. */
export function fill(message: string, values: Record<string, string | number>): string {
  return message.replace(/\{(\w+)\}/g, (_, k: string) => String(values[k] ?? `{${k}}`))
}
