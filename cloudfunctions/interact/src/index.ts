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

const keepers = ['secretary', 'infoOfficer'] as const
const handlers = ['secretary', 'communityAdmin'] as const
const reviewers = ['secretary', 'communityAdmin', 'districtAdmin'] as const
/** Wishes' and sessions' images are community business; news and appeals also their branch's. */
const communityReviewers = ['communityAdmin', 'districtAdmin'] as const

export const main = createMain('interact', interactInputs, {
  actions: {
    postNews: { audience: 'member', roles: keepers, scope: ['ownBranch'], run: postNews },
    editNews: { audience: 'member', scope: ['owner', 'secretary'], run: editNews },
    deleteNews: { audience: 'member', scope: ['owner', 'secretary'], run: deleteNews },
    listNews: { audience: 'registered', scope: ['self'], run: listNews },
    newsDetail: { audience: 'registered', scope: ['readers'], run: newsDetail },
    comment: { audience: 'member', scope: ['readers'], run: comment },
    listComments: { audience: 'registered', scope: ['readers'], run: listComments },
    deleteComment: { audience: 'member', scope: ['owner', 'secretary'], run: deleteComment },
    postMessage: { audience: 'member', scope: ['ownBranch'], run: postMessage },
    listMessages: { audience: 'member', scope: ['ownBranch'], run: listMessages },
    replyMessage: { audience: 'member', roles: keepers, scope: ['branch'], run: replyMessage },
    deleteMessage: { audience: 'member', scope: ['owner', 'secretary'], run: deleteMessage },
    submitAppeal: { audience: 'registered', scope: ['ownCommunity'], run: submitAppeal },
    myAppeals: { audience: 'registered', scope: ['self'], run: myAppeals },
    appealInbox: {
      audience: 'member',
      roles: handlers,
      scope: ['ownBranch', 'ownCommunity'],
      run: appealInbox,
    },
    // An appeal's branch or community: whichever handles it now (its level).
    acceptAppeal: {
      audience: 'member',
      roles: handlers,
      scope: ['secretary', 'communityAdmin'],
      run: acceptAppeal,
    },
    answerAppeal: {
      audience: 'member',
      roles: handlers,
      scope: ['secretary', 'communityAdmin'],
      run: answerAppeal,
    },
    escalateAppeal: {
      audience: 'member',
      roles: ['secretary'],
      scope: ['secretary'],
      run: escalateAppeal,
    },
    rateAppeal: { audience: 'registered', scope: ['owner'], run: rateAppeal },
    reviewMedia: {
      audience: 'member',
      roles: reviewers,
      scope: {
        by: 'kind',
        cases: {
          news: reviewers,
          appeal: reviewers,
          wishPhoto: communityReviewers,
          wishFulfilPhotos: communityReviewers,
          sessionMaterials: communityReviewers,
        },
      },
      run: reviewMedia,
    },
  },
  pushes: {
    mediaCheck: (event) => (isMediaCheckEvent(event) ? applyMediaResult(event) : null),
  },
})
