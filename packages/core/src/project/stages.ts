/**
 * The eight stages of a design project, in order, with their zh-CN and en labels
 * (平面全案设计服务流程). A project is in one of these or in a terminal state.
 */
export const stages = {
  requirements: { n: 1, 'zh-CN': '需求分析', en: 'Requirements' },
  research: { n: 2, 'zh-CN': '市场调研', en: 'Market research' },
  proposal: { n: 3, 'zh-CN': '创意提案', en: 'Creative proposal' },
  production: { n: 4, 'zh-CN': '设计制作', en: 'Design production' },
  revision: { n: 5, 'zh-CN': '修订', en: 'Revision' },
  confirmation: { n: 6, 'zh-CN': '确认', en: 'Confirmation' },
  delivery: { n: 7, 'zh-CN': '输出', en: 'Delivery' },
  aftercare: { n: 8, 'zh-CN': '后期服务', en: 'Aftercare' },
} as const

/** One of the eight stages. */
export type Stage = keyof typeof stages

/** Where a project ends: closed after aftercare, or cancelled from any open stage. */
export const terminalStates = {
  closed: { 'zh-CN': '已结项', en: 'Closed' },
  cancelled: { 'zh-CN': '已取消', en: 'Cancelled' },
} as const
export type TerminalState = keyof typeof terminalStates

/** The state a project is in. */
export type ProjectStage = Stage | TerminalState

/** The eight stages in order. */
export const stageOrder = Object.keys(stages) as Stage[]

/** All states, the eight stages first. */
export const projectStages = [...stageOrder, 'closed', 'cancelled'] as ProjectStage[]

/** True for the eight working stages, false for `closed` and `cancelled`. */
export function isOpenStage(stage: ProjectStage): stage is Stage {
  return stage in stages
}

/** The label of a stage or terminal state in a locale. */
export function stageLabel(stage: ProjectStage, locale: 'zh-CN' | 'en'): string {
  return isOpenStage(stage) ? stages[stage][locale] : terminalStates[stage][locale]
}
