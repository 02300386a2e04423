import { LitElement } from 'lit'
import { type Locale, localeOf } from './locale.js'

/**
 * The base of the Atelier elements: re-renders when its `lang` attribute changes (the native
 * `lang` property is kept, not redeclared) and resolves the locale it renders in.
 */
export class AtelierElement extends LitElement {
  static override get observedAttributes(): string[] {
    // biome-ignore lint/complexity/noThisInStatic: super runs Lit's getter with `this` = the subclass, which it needs
    return [...super.observedAttributes, 'lang']
  }

  override attributeChangedCallback(name: string, old: string | null, value: string | null): void {
    super.attributeChangedCallback(name, old, value)
    if (name === 'lang') this.requestUpdate()
  }

  /** The locale this element renders in: `lang`, else the closest `[lang]`, else zh-CN. */
  get locale(): Locale {
    return localeOf(this)
  }
}
