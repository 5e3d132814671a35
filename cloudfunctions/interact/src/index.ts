// Cloud function `interact` (互动): branch news and comments, the 留言板, and the 诉求 channel.
// WeChat also pushes image check results here (消息推送, event wxa_media_check), for every function's images.
import { type InteractOutputs, interactInputs } from '../../../typings/interact'
import { createHandler } from '../../_shared/dispatcher'
import { applyMediaResult, isMediaCheckEvent } from '../../_shared/media'
import { fromPlatform } from '../../_shared/timer'
import {
  acceptAppeal,
  answerAppeal,
  appealInbox,
  escalateAppeal,
  myAppeals,
  rateAppeal,
  submitAppeal,
} from './actions/appeals'
import { deleteMessage, listMessages, postMessage, replyMessage } from './actions/board'
import { comment, deleteComment, listComments } from './actions/comments'
import { reviewMedia } from './actions/media-review'
import { deleteNews, editNews, listNews, newsDetail, postNews } from './actions/news'

const keepers = ['secretary', 'infoOfficer'] as const
const handlers = ['secretary', 'communityAdmin'] as const
const reviewers = ['secretary', 'communityAdmin', 'districtAdmin'] as const

const handle = createHandler<typeof interactInputs, InteractOutputs>('interact', interactInputs, {
  postNews: { audience: 'member', roles: keepers, run: postNews },
  editNews: { audience: 'member', run: editNews },
  deleteNews: { audience: 'member', run: deleteNews },
  listNews: { audience: 'registered', run: listNews },
  newsDetail: { audience: 'registered', run: newsDetail },
  comment: { audience: 'member', run: comment },
  listComments: { audience: 'registered', run: listComments },
  deleteComment: { audience: 'member', run: deleteComment },
  postMessage: { audience: 'member', run: postMessage },
  listMessages: { audience: 'member', run: listMessages },
  replyMessage: { audience: 'member', roles: keepers, run: replyMessage },
  deleteMessage: { audience: 'member', run: deleteMessage },
  submitAppeal: { audience: 'registered', run: submitAppeal },
  myAppeals: { audience: 'registered', run: myAppeals },
  appealInbox: { audience: 'member', roles: handlers, run: appealInbox },
  acceptAppeal: { audience: 'member', roles: handlers, run: acceptAppeal },
  answerAppeal: { audience: 'member', roles: handlers, run: answerAppeal },
  escalateAppeal: { audience: 'member', roles: ['secretary'], run: escalateAppeal },
  rateAppeal: { audience: 'registered', run: rateAppeal },
  reviewMedia: { audience: 'member', roles: reviewers, run: reviewMedia },
})

export async function main(event: unknown, context?: { request_id?: string }) {
  // Only the platform's push may settle a check; a user's call shaped like one is refused by the dispatcher.
  if (isMediaCheckEvent(event) && fromPlatform()) {
    try {
      return { ok: true, data: await applyMediaResult(event) }
    } catch (err) {
      console.error(`[interact.mediaCheck ${event.trace_id}] failed:`, err)
      return { ok: false, code: 'INTERNAL', message: '图片审核结果处理失败' }
    }
  }
  return handle(event as Parameters<typeof handle>[0], context)
}
