import { css } from 'lit'

/**
 * Design tokens, buttons, focus, states and utilities shared by the elements. Every colour is
 * a documented `--atelier-*` custom property with a `light-dark()` default, so the element
 * follows the host page's `color-scheme` (set `color-scheme: light dark` to follow the OS).
 */
export const sharedStyles = css`
  :host {
    --_accent: var(--atelier-accent, light-dark(#3150c8, #9db0ff));
    --_on-accent: var(--atelier-on-accent, light-dark(#fff, #0c1130));
    --_text: var(--atelier-text, light-dark(#1c1e22, #e9eaee));
    --_muted: var(--atelier-muted, light-dark(#555b67, #a9aebb));
    --_surface: var(--atelier-surface, light-dark(#fff, #1c1f25));
    --_subtle: var(--atelier-subtle, light-dark(#f1f2f5, #272b32));
    --_border: var(--atelier-border, light-dark(#d9dce3, #3a3f48));
    --_success: var(--atelier-success, light-dark(#1d7a46, #6fd39a));
    --_danger: var(--atelier-danger, light-dark(#b42318, #ff9b8f));
    --_radius: var(--atelier-radius, 12px);
    --_space: var(--atelier-space, 1rem);
    display: block;
    color: var(--_text);
    font-family: var(--atelier-font, inherit);
    line-height: 1.5;
    overflow-wrap: anywhere;
  }
  :host([hidden]) {
    display: none;
  }
  * {
    box-sizing: border-box;
    margin: 0;
  }
  ol,
  ul {
    padding: 0;
    list-style: none;
  }
  h2 {
    font-size: 1.5em;
    line-height: 1.25;
  }
  h3 {
    font-size: 1.05em;
    margin-bottom: 0.6rem;
  }
  .card {
    background: var(--_surface);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    padding: var(--_space);
  }
  .muted {
    color: var(--_muted);
  }
  .small {
    font-size: 0.875em;
  }
  .stack {
    display: grid;
    gap: var(--_space);
  }
  .row {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.5rem;
  }
  .chip {
    padding: 0.1em 0.6em;
    border-radius: 1em;
    background: var(--_subtle);
    color: var(--_muted);
    font-size: 0.8em;
  }
  .btn {
    font: inherit;
    display: inline-flex;
    align-items: center;
    gap: 0.4em;
    min-height: 2.5rem;
    padding: 0.4em 1em;
    border-radius: calc(var(--_radius) * 0.75);
    border: 1px solid var(--_border);
    background: var(--_surface);
    color: inherit;
    cursor: pointer;
  }
  .btn:hover {
    background: var(--_subtle);
  }
  .primary,
  .primary:hover {
    background: var(--_accent);
    border-color: var(--_accent);
    color: var(--_on-accent);
    font-weight: 600;
  }
  :focus-visible {
    outline: 3px solid var(--atelier-focus, var(--_accent));
    outline-offset: 2px;
  }
  .state {
    text-align: center;
    padding: 2.5rem 1rem;
    display: grid;
    justify-items: center;
    gap: 0.6rem;
  }
  .icon {
    width: 3rem;
    height: 3rem;
    border-radius: 50%;
    display: grid;
    place-items: center;
    font-size: 1.5rem;
    font-weight: 700;
    background: var(--_subtle);
    color: var(--_muted);
  }
  .sr {
    position: absolute;
    width: 1px;
    height: 1px;
    overflow: hidden;
    clip-path: inset(50%);
    white-space: nowrap;
  }
  .skeleton {
    border-radius: var(--_radius);
    background: var(--_subtle);
    min-height: 5rem;
  }
  @media (prefers-reduced-motion: no-preference) {
    .skeleton {
      animation: pulse 1.4s infinite;
    }
  }
  @keyframes pulse {
    50% {
      opacity: 0.5;
    }
  }
`
