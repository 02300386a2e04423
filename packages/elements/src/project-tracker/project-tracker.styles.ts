import { css } from 'lit'

/** The tracker's own layout; tokens and controls come from the shared styles. */
export const trackerStyles = css`
  .base,
  .grid {
    container-type: inline-size;
    display: grid;
    gap: var(--_space);
  }
  header {
    display: grid;
    gap: 0.4rem;
  }
  .now {
    color: var(--_accent);
    font-weight: 600;
  }
  .banner {
    padding: 0.6rem 0.9rem;
    border-radius: var(--_radius);
    background: var(--_subtle);
  }
  .stages {
    display: grid;
    gap: 0.75rem;
  }
  .stage {
    display: grid;
    grid-template-columns: 2rem 1fr;
    column-gap: 0.6rem;
    align-items: center;
  }
  .when {
    grid-column: 2;
  }
  .dot {
    grid-row: span 2;
    width: 2rem;
    height: 2rem;
    border-radius: 50%;
    display: grid;
    place-items: center;
    font-weight: 600;
    border: 2px solid var(--_border);
    color: var(--_muted);
    background: var(--_surface);
  }
  .done .dot {
    border-color: var(--_success);
    color: var(--_success);
  }
  .current .dot {
    border-color: var(--_accent);
    background: var(--_accent);
    color: var(--_on-accent);
  }
  .current .label {
    font-weight: 700;
    color: var(--_accent);
  }
  .upcoming,
  .skipped,
  .not_needed {
    color: var(--_muted);
  }
  @container (min-width: 720px) {
    .stages {
      grid-template-columns: repeat(8, 1fr);
    }
    .stage {
      grid-template-columns: 1fr;
      align-content: start;
      justify-items: center;
      text-align: center;
      position: relative;
    }
    .when,
    .dot {
      grid-area: auto;
    }
    .stage:not(:last-child)::after {
      content: '';
      position: absolute;
      top: 1rem;
      left: calc(50% + 1.25rem);
      right: calc(1.25rem - 50%);
      border-top: 2px solid var(--_border);
    }
    .grid {
      grid-template-columns: minmax(0, 3fr) minmax(0, 2fr);
      align-items: start;
    }
  }
  .tall {
    min-height: 16rem;
  }
  .waiting {
    border-color: var(--_accent);
  }
  .todo {
    justify-content: space-between;
  }
  .files {
    display: grid;
    grid-template-columns: repeat(auto-fill, minmax(9rem, 1fr));
    gap: var(--_space);
  }
  .round,
  .file {
    display: grid;
    gap: 0.3rem;
    justify-items: start;
    align-content: start;
  }
  .thumb {
    width: 100%;
    aspect-ratio: 4 / 3;
    border-radius: var(--_radius);
    background: var(--_subtle);
    display: grid;
    place-items: center;
    overflow: hidden;
    color: var(--_muted);
    font-weight: 700;
  }
  .thumb img {
    width: 100%;
    height: 100%;
    object-fit: contain;
  }
  .timeline li {
    display: grid;
    padding-inline-start: 0.9rem;
    border-inline-start: 2px solid var(--_border);
    margin-bottom: 0.7rem;
  }
  .active {
    font-weight: 600;
    color: var(--_success);
  }
  .project {
    width: 100%;
    display: grid;
    text-align: start;
  }
  dialog {
    margin: auto;
    width: min(64rem, 100vw - 2rem);
    color: inherit;
  }
  .close {
    text-align: end;
  }
`
