import { LitElement, type PropertyDeclarations } from 'lit'
import { type Locale, localeOf } from './locale.js'

/**
 * The base of the Atelier elements: `lang` is a reactive property reflected to the attribute
 * (so changing it re-renders) and `locale` resolves the language the element renders in.
 */
export class AtelierElement extends LitElement {
  static override properties: PropertyDeclarations = { lang: { reflect: true } }

  /** The locale this element renders in: `lang`, else the closest `[lang]`, else zh-CN. */
  get locale(): Locale {
    return localeOf(this)
  }
}
