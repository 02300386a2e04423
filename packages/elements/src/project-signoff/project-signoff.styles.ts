import { css } from 'lit'

/** The sign-off page's own layout; tokens and controls come from the shared styles. */
export const signoffStyles = css`
  .stack > h3 {
    margin: 0;
  }
  .btn:disabled {
    opacity: 0.6;
    cursor: progress;
  }
  input,
  textarea {
    font: inherit;
    color: inherit;
    background: var(--_surface);
    border: 1px solid var(--_muted);
    border-radius: calc(var(--_radius) * 0.5);
    padding: 0.5em 0.7em;
    width: 100%;
  }
  label {
    font-weight: 600;
  }
  .base {
    container-type: inline-size;
    display: grid;
    gap: var(--_space);
  }
  .header {
    display: grid;
    gap: 0.3rem;
  }
  .message {
    margin: 0.4rem 0 0;
    padding: 0.6rem 0.9rem;
    border-inline-start: 4px solid var(--_accent);
    background: var(--_subtle);
    border-radius: calc(var(--_radius) * 0.5);
    white-space: pre-line;
  }
  .layout {
    display: grid;
    gap: var(--_space);
    align-items: start;
  }
  @container (min-width: 760px) {
    .layout {
      grid-template-columns: minmax(0, 3fr) minmax(0, 2fr);
    }
    .layout > form {
      position: sticky;
      top: var(--_space);
    }
  }
  .subject {
    display: grid;
    gap: var(--_space);
  }
  .subject-file {
    display: grid;
    gap: 0.6rem;
    justify-items: start;
  }
  .preview {
    position: relative;
    display: inline-block;
    padding: 0;
    border: 0;
    border-radius: calc(var(--_radius) * 0.75);
    background: var(--_subtle);
    overflow: visible;
    max-width: 100%;
    font: inherit;
    color: var(--_muted);
  }
  .preview img {
    display: block;
    max-width: 100%;
    max-height: 60vh;
    border-radius: inherit;
  }
  .ext {
    display: grid;
    place-items: center;
    width: 10rem;
    aspect-ratio: 4 / 3;
    font-weight: 700;
    letter-spacing: 0.05em;
  }
  .pin-target {
    display: block;
    padding: 0;
    border: 0;
    background: none;
    border-radius: inherit;
    cursor: crosshair;
    outline: 2px dashed color-mix(in srgb, var(--_accent) 60%, transparent);
    outline-offset: 3px;
  }
  .pin-target:focus-visible {
    outline-style: solid;
  }
  a {
    color: var(--_accent);
  }
  .marker {
    position: absolute;
    width: 1.7rem;
    height: 1.7rem;
    margin: -1.7rem 0 0;
    border-radius: 50% 50% 50% 0;
    display: grid;
    place-items: center;
    background: var(--_accent);
    color: var(--_on-accent);
    font-size: 0.8em;
    font-weight: 700;
    box-shadow: 0 1px 4px rgb(0 0 0 / 0.35);
    pointer-events: none;
  }
  .meta {
    display: grid;
    gap: 0.1rem;
  }
  code {
    font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace;
    font-size: 0.9em;
  }
  .terms {
    display: grid;
    grid-template-columns: max-content 1fr;
    gap: 0.3rem 1rem;
  }
  .terms dt {
    color: var(--_muted);
  }
  .fee {
    font-weight: 700;
  }
  .resolutions {
    display: grid;
    grid-template-columns: auto 1fr;
    gap: 0.2rem 0.6rem;
    align-items: baseline;
  }
  .resolutions li {
    display: contents;
  }
  .resolutions .muted {
    grid-column: 2;
    margin-bottom: 0.4rem;
  }
  .is-addressed {
    color: var(--_success);
  }
  .is-declined {
    color: var(--_danger);
  }
  fieldset {
    border: 0;
    padding: 0;
    margin: 0;
    display: grid;
    gap: 0.5rem;
  }
  legend {
    padding: 0;
    margin-bottom: 0.5rem;
  }
  .outcome {
    display: flex;
    align-items: center;
    gap: 0.6rem;
    padding: 0.6rem 0.8rem;
    border: 1px solid var(--_border);
    border-radius: calc(var(--_radius) * 0.75);
    cursor: pointer;
  }
  .outcome:has(:checked) {
    border-color: var(--_accent);
    box-shadow: inset 0 0 0 1px var(--_accent);
    background: color-mix(in srgb, var(--_accent) 8%, var(--_surface));
  }
  .outcome input {
    width: auto;
    accent-color: var(--_accent);
  }
  .tight {
    gap: 0.35rem;
  }
  .items {
    display: grid;
    gap: 0.8rem;
  }
  .item {
    display: grid;
    gap: 0.4rem;
  }
  .remove {
    margin-inline-start: auto;
    min-height: 2rem;
    padding: 0.2em 0.8em;
  }
  .num {
    flex: none;
    width: 1.6rem;
    height: 1.6rem;
    border-radius: 50%;
    display: grid;
    place-items: center;
    background: var(--_accent);
    color: var(--_on-accent);
    font-size: 0.8em;
    font-weight: 700;
  }
  .add {
    justify-self: start;
  }
  .err {
    color: var(--_danger);
    font-weight: 600;
  }
  .done .icon {
    width: 3rem;
    height: 3rem;
    border-radius: 50%;
    display: grid;
    place-items: center;
    font-size: 1.5rem;
    color: var(--_on-accent);
    background: var(--_accent);
  }
  .done.approved .icon {
    background: var(--_success);
  }
  .done.declined .icon {
    background: var(--_danger);
  }
  .sent {
    text-align: start;
    list-style: decimal;
    padding-inline-start: 1.5rem;
  }
  .verify {
    font-weight: 600;
  }
  .verify.valid {
    color: var(--_success);
  }
  .verify.invalid {
    color: var(--_danger);
  }
  .cli {
    margin: 0;
    padding: 0.7rem 0.9rem;
    border-radius: calc(var(--_radius) * 0.5);
    background: var(--_subtle);
    overflow-x: auto;
    white-space: pre-wrap;
  }
  .skeleton {
    min-height: 20rem;
  }
  #result:focus {
    outline: none;
  }
`
