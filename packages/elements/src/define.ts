/**
 * Registers every Atelier element (each once).
 *
 * @example
 * import '@atelier/elements/define'
 */
import './define/project-signoff.js'
import './define/project-tracker.js'
