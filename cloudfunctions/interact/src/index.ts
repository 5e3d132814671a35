// Cloud function `interact` (互动): branch news and comments, the 留言板, and the 诉求 channel.
// WeChat also pushes image check results here (消息推送, event wxa_media_check), for every function's images.
import { interactInputs } from '../../../typings/interact'
import { createMain } from '../../_shared/dispatcher'
import { applyMediaResult, isMediaCheckEvent } from '../../_shared/media'
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

export const main = createMain('interact', interactInputs, {
  actions: {
    postNews,
    editNews,
    deleteNews,
    listNews,
    newsDetail,
    comment,
    listComments,
    deleteComment,
    postMessage,
    listMessages,
    replyMessage,
    deleteMessage,
    submitAppeal,
    myAppeals,
    appealInbox,
    acceptAppeal,
    answerAppeal,
    escalateAppeal,
    rateAppeal,
    reviewMedia,
  },
  pushes: {
    mediaCheck: (event) => (isMediaCheckEvent(event) ? applyMediaResult(event) : null),
  },
})
