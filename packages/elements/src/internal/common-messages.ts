import type { SignoffPurpose } from '@atelier/core'
import type { Locale } from './locale.js'

/** Labels both elements use: what a sign-off is for, and its outcomes. */
export const commonMessages = {
  'zh-CN': {
    purpose: {
      proposal: '创意提案确认',
      review: '阶段审阅',
      final: '终稿确认',
      change_order: '修订报价单',
      share_consent: '文件共享同意',
      portfolio_consent: '作品集展示同意',
      nda: '保密协议',
    },
    outcome: { approved: '已批准', changes_requested: '要求修改', declined: '已拒绝' },
    download: '下载',
    downloadFile: '下载 {name}',
    retry: '重试',
  },
  en: {
    purpose: {
      proposal: 'Creative proposal',
      review: 'Design review',
      final: 'Final approval',
      change_order: 'Change order',
      share_consent: 'File sharing consent',
      portfolio_consent: 'Portfolio consent',
      nda: 'NDA',
    },
    outcome: { approved: 'Approved', changes_requested: 'Changes requested', declined: 'Declined' },
    download: 'Download',
    downloadFile: 'Download {name}',
    retry: 'Try again',
  },
} satisfies Record<Locale, CommonMessages>

/** The shape every locale's common messages have. */
export interface CommonMessages {
  purpose: Record<SignoffPurpose, string>
  outcome: Record<'approved' | 'changes_requested' | 'declined', string>
  download: string
  downloadFile: string
  retry: string
}
