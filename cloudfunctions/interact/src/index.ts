// Cloud function `interact` (互动): branch news and comments, the 留言板, and the 诉求 channel.
import { type InteractOutputs, interactInputs } from '../../../typings/interact'
import { createHandler } from '../../_shared/dispatcher'
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
import { deleteNews, editNews, listNews, newsDetail, postNews } from './actions/news'

const keepers = ['secretary', 'infoOfficer'] as const
const handlers = ['secretary', 'communityAdmin'] as const

export const main = createHandler<typeof interactInputs, InteractOutputs>(
  'interact',
  interactInputs,
  {
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
  },
)
