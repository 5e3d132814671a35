// Each page's data type as its module exports it: what a test may read from `page.data` (usePages takes
// these names, so a page missing here cannot be shown).
export type PageData = {
  'branch/appeal-inbox': import('../../miniprogram/branch/appeal-inbox/index').Data
  'appeal-new': import('../../miniprogram/pages/appeal-new/index').Data
  board: import('../../miniprogram/pages/board/index').Data
  'branch/branch-month': import('../../miniprogram/branch/branch-month/index').Data
  checkin: import('../../miniprogram/pages/checkin/index').Data
  'community-record': import('../../miniprogram/pages/community-record/index').Data
  'community-report': import('../../miniprogram/pages/community-report/index').Data
  'community-services': import('../../miniprogram/pages/community-services/index').Data
  home: import('../../miniprogram/pages/home/index').Data
  interact: import('../../miniprogram/pages/interact/index').Data
  mine: import('../../miniprogram/pages/mine/index').Data
  'my-appeals': import('../../miniprogram/pages/my-appeals/index').Data
  'officer/community': import('../../miniprogram/officer/community/index').Data
  'officer/wish-review': import('../../miniprogram/officer/wish-review/index').Data
  'officer/services': import('../../miniprogram/officer/services/index').Data
  'officer/service-form': import('../../miniprogram/officer/service-form/index').Data
  'officer/service-confirm': import('../../miniprogram/officer/service-confirm/index').Data
  'officer/roster': import('../../miniprogram/officer/roster/index').Data
  'news-detail': import('../../miniprogram/pages/news-detail/index').Data
  'branch/news-editor': import('../../miniprogram/branch/news-editor/index').Data
  orglife: import('../../miniprogram/pages/orglife/index').Data
  'branch/orglife-form': import('../../miniprogram/branch/orglife-form/index').Data
  'orglife-record': import('../../miniprogram/pages/orglife-record/index').Data
  'orglife-room': import('../../miniprogram/pages/orglife-room/index').Data
  privacy: import('../../miniprogram/pages/privacy/index').Data
  ranking: import('../../miniprogram/pages/ranking/index').Data
  'officer/export': import('../../miniprogram/officer/export/index').Data
  'officer/ranking': import('../../miniprogram/officer/ranking/index').Data
  'officer/trend': import('../../miniprogram/officer/trend/index').Data
  'officer/district': import('../../miniprogram/officer/district/index').Data
  'officer/appoint': import('../../miniprogram/officer/appoint/index').Data
  'officer/info-officers': import('../../miniprogram/officer/info-officers/index').Data
  'officer/overview': import('../../miniprogram/officer/overview/index').Data
  'officer/transfers': import('../../miniprogram/officer/transfers/index').Data
  'officer/leave': import('../../miniprogram/officer/leave/index').Data
  'member/transfer': import('../../miniprogram/member/transfer/index').Data
  'member/history': import('../../miniprogram/member/history/index').Data
  register: import('../../miniprogram/pages/register/index').Data
  todo: import('../../miniprogram/pages/todo/index').Data
  'wish-detail': import('../../miniprogram/pages/wish-detail/index').Data
  'wish-mine': import('../../miniprogram/pages/wish-mine/index').Data
  'wish-submit': import('../../miniprogram/pages/wish-submit/index').Data
  'wish-wall': import('../../miniprogram/pages/wish-wall/index').Data
}
