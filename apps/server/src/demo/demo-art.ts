/**
 * Small SVG artwork for the demo studio's deliverables, so the tracker shows real thumbnails.
 * Each call with different colours gives different bytes, as a new version would.
 */

const svg = (body: string, w = 800, h = 600) =>
  new TextEncoder().encode(
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${w} ${h}" width="${w}" height="${h}">${body}</svg>\n`,
  )

/** The 青禾 tea-house mark: a leaf in a circle with the name beneath. */
export function logoArt(leaf: string, ground = '#F4F1E8', label = '青禾茶饮'): Uint8Array {
  return svg(`
  <rect width="800" height="600" fill="${ground}"/>
  <circle cx="400" cy="250" r="150" fill="none" stroke="${leaf}" stroke-width="14"/>
  <path d="M400 140 C 300 210 300 320 400 370 C 500 320 500 210 400 140 Z" fill="${leaf}"/>
  <path d="M400 170 L400 360" stroke="${ground}" stroke-width="8" stroke-linecap="round"/>
  <path d="M400 250 L350 215 M400 290 L450 255 M400 320 L360 295" stroke="${ground}" stroke-width="6" stroke-linecap="round"/>
  <text x="400" y="500" text-anchor="middle" font-family="Noto Serif CJK SC, serif" font-size="64" fill="${leaf}">${label}</text>
  <text x="400" y="555" text-anchor="middle" font-family="sans-serif" font-size="26" letter-spacing="10" fill="${leaf}">QINGHE TEA</text>`)
}

/** A horizontal lock-up of the mark. */
export function lockupArt(leaf: string): Uint8Array {
  return svg(
    `
  <rect width="1200" height="400" fill="#F4F1E8"/>
  <circle cx="200" cy="200" r="110" fill="none" stroke="${leaf}" stroke-width="12"/>
  <path d="M200 115 C 125 170 125 250 200 285 C 275 250 275 170 200 115 Z" fill="${leaf}"/>
  <text x="370" y="230" font-family="Noto Serif CJK SC, serif" font-size="120" fill="${leaf}">青禾茶饮</text>
  <text x="375" y="300" font-family="sans-serif" font-size="34" letter-spacing="14" fill="${leaf}">QINGHE TEA HOUSE</text>`,
    1200,
    400,
  )
}

/** A spring campaign poster. */
export function posterArt(sky: string, sun = '#F2B134'): Uint8Array {
  return svg(
    `
  <rect width="600" height="850" fill="${sky}"/>
  <circle cx="420" cy="220" r="120" fill="${sun}"/>
  <path d="M0 620 C 150 520 300 700 600 560 L600 850 L0 850 Z" fill="#2E6B3F"/>
  <path d="M0 700 C 200 640 350 780 600 690 L600 850 L0 850 Z" fill="#3F8A52"/>
  <text x="60" y="160" font-family="Noto Serif CJK SC, serif" font-size="92" fill="#FFFFFF">春日新茶</text>
  <text x="64" y="215" font-family="sans-serif" font-size="30" letter-spacing="6" fill="#FFFFFF">SPRING FIRST FLUSH</text>`,
    600,
    850,
  )
}

/** A tea-tin packaging layout. */
export function packagingArt(band: string): Uint8Array {
  return svg(`
  <rect width="800" height="600" fill="#EDE6D6"/>
  <rect x="250" y="80" width="300" height="440" rx="24" fill="#FFFFFF" stroke="#C9BFA8" stroke-width="4"/>
  <rect x="250" y="230" width="300" height="120" fill="${band}"/>
  <text x="400" y="305" text-anchor="middle" font-family="Noto Serif CJK SC, serif" font-size="56" fill="#FFFFFF">明前龙井</text>
  <text x="400" y="420" text-anchor="middle" font-family="sans-serif" font-size="22" letter-spacing="6" fill="${band}">LONGJING · 100 g</text>`)
}

/** A concept board for a proposal. */
export function conceptArt(accent: string, title: string): Uint8Array {
  return svg(`
  <rect width="800" height="600" fill="#FAFAF7"/>
  <rect x="40" y="40" width="340" height="520" fill="${accent}"/>
  <rect x="420" y="40" width="340" height="250" fill="#E8E2D0"/>
  <rect x="420" y="310" width="160" height="250" fill="#2E6B3F"/>
  <rect x="600" y="310" width="160" height="250" fill="#F2B134"/>
  <text x="70" y="520" font-family="Noto Serif CJK SC, serif" font-size="48" fill="#FFFFFF">${title}</text>`)
}
