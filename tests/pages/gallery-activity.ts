// A lived-in month for the gallery, made through the real functions as the demo users would make it:
// news with comments, check-ins, 留言, an appeal, sessions of 组织生活, a claimed 微心愿 and a service post.
import dayjs from 'dayjs'

import { type TestCloud, dataOf } from '../support/cloud'
import { ADMIN_XINHUA, RESIDENT, wishes } from '../support/fixtures'

export type GalleryIds = {
  newsId: string
  wishId: string
  /** Fulfilled by demo-member-1, waiting for the resident to confirm. */
  fulfilledWishId: string
  openSession: string
  closedSession: string
  serviceId: string
}

let made: Promise<GalleryIds> | undefined

/** Made once per run, whichever scenario asks first. */
export function galleryActivity(cloud: TestCloud): Promise<GalleryIds> {
  made ??= makeActivity(cloud)
  return made
}

async function makeActivity(cloud: TestCloud): Promise<GalleryIds> {
  let drafts = 0
  const draftId = () => `gallery-draft-${++drafts}`
  const today = dayjs()
  const daysAgo = (n: number) => today.subtract(n, 'day').hour(9).toISOString()
  const at = (hours: number) => today.add(hours, 'hour').toISOString()

  const { news } = dataOf(
    await cloud.as('demo-secretary-1').interact.postNews({
      draftId: draftId(),
      title: '支部开展“亮身份、作表率”主题党日活动',
      body: '本周六上午，支部组织党员到番禺路社区开展志愿服务，为居民义务维修小家电、宣讲防诈骗知识。欢迎大家报名参加，活动结束后请在留言板分享体会。',
      visibility: 'public',
    }),
  )
  dataOf(
    await cloud.as('demo-member-2').interact.postNews({
      draftId: draftId(),
      title: '云启科技党员技术骨干结对带教新员工',
      body: '公司党支部推动“党员示范岗”建设，12 名党员技术骨干与新入职员工结对，帮助他们尽快熟悉业务。',
      visibility: 'branch',
    }),
  )
  for (const [openid, text] of [
    ['demo-member-3', '我报名参加，可以帮忙维修小家电。'],
    ['demo-member-4', '防诈骗宣讲很有必要，我负责准备宣传材料。'],
  ] as const) {
    dataOf(await cloud.as(openid).interact.comment({ draftId: draftId(), newsId: news.id, text }))
  }
  for (let day = 1; day <= 5; day++) {
    for (const openid of ['demo-member-1', 'demo-member-3', 'demo-secretary-1']) {
      if (day <= 3 || openid !== 'demo-member-3') {
        dataOf(await cloud.as(openid, { now: daysAgo(day) }).checkin.checkIn({}))
      }
    }
  }
  dataOf(
    await cloud.as('demo-member-5').interact.postMessage({
      draftId: draftId(),
      text: '建议支部下月组织一次党史学习分享会，大家轮流讲一个小故事。',
    }),
  )
  dataOf(
    await cloud.as('demo-member-1').interact.submitAppeal({
      draftId: draftId(),
      category: '学习培训',
      text: '希望社区党群服务中心能开设周末的党务知识培训班，方便在职党员参加。',
    }),
  )
  // A resident's appeal the community has answered: 长辈模式 shows its timeline with each time under its event.
  const { appeal } = dataOf(
    await cloud.as('demo-resident-1').interact.submitAppeal({
      draftId: draftId(),
      category: '其他',
      text: '小区门口的路灯坏了一个多星期，晚上出门不方便。',
    }),
  )
  const communityAdmin = cloud.as('demo-community-admin-1').interact
  dataOf(await communityAdmin.acceptAppeal({ appealId: appeal.id }))
  dataOf(
    await communityAdmin.answerAppeal({
      appealId: appeal.id,
      answer: '已联系物业，本周五前修好。',
    }),
  )

  const session = async (topic: string, opens: number, closes: number, createdAt: number) =>
    dataOf(
      await cloud.as('demo-secretary-1', { now: at(createdAt) }).orglife.createSession({
        type: 'themeDay',
        topic,
        opensAt: at(opens),
        closesAt: at(closes),
      }),
    ).session.id
  const openSession = await session('学习《中国共产党支部工作条例》', -1, 48, -2)
  const closedSession = await session('上月主题党日：重温入党誓词', -72, -1, -96)
  dataOf(
    await cloud.as('demo-secretary-1').orglife.addAddendum({
      sessionId: closedSession,
      draftId: draftId(),
      text: '补充：会后又收到 3 条意见，已转交支委会研究。',
    }),
  )

  const { published } = wishes(cloud)
  const wishId = await published(RESIDENT, ADMIN_XINHUA, {
    title: '想请人帮忙教我用手机挂号',
    description: '我今年七十八岁，孩子在外地，想学会用手机预约社区医院的门诊。',
    address: '番禺路 222 弄 3 号 502 室',
  })
  const contactBy = today.add(1, 'day').format('YYYY-MM-DD')
  dataOf(await cloud.as('demo-member-1').wish.claim({ wishId, contactBy }))
  const fulfilledWishId = await published(RESIDENT, ADMIN_XINHUA, {
    title: '想请人帮忙修好楼道的灯',
    description: '三楼楼道的灯坏了一个多月，晚上上下楼看不清。',
    address: '番禺路 222 弄 3 号',
  })
  dataOf(await cloud.as('demo-member-1').wish.claim({ wishId: fulfilledWishId, contactBy }))
  dataOf(
    await cloud.as('demo-member-1').wish.fulfil({
      wishId: fulfilledWishId,
      note: '已经换上了新的声控灯，晚上试过，亮了。',
    }),
  )
  // One waiting for the community's review (officer/wish-review: two lines of it, 不通过 beside 通过).
  await wishes(cloud).submitted(RESIDENT, {
    title: '想请人陪我去社区医院复诊',
    description: '下周三上午复诊，腿脚不便，想请人陪同，顺便帮我看看化验单上的结果。',
    category: '服务',
  })
  await published(RESIDENT, ADMIN_XINHUA, {
    title: '家里的旧书想捐给社区阅览室',
    description: '大约三十本书，需要有人帮忙搬运。',
    category: '物质',
  })

  dataOf(
    await cloud.as('demo-member-1').community.report({
      communityId: 'community-xinhua',
      area: '番禺路 222 弄',
      skills: '手机使用辅导、家电维修',
      willingness: ['便民服务', '爱心帮扶'],
    }),
  )
  const { service } = dataOf(
    await cloud.as('demo-community-admin-1').community.postService({
      title: '周末便民服务点值守',
      description: '为居民提供手机使用咨询、血压测量等便民服务。',
      kind: '志愿活动',
      category: '便民服务',
      date: today.add(5, 'day').format('YYYY-MM-DD'),
      time: '09:00–11:30',
      place: '新华路街道党群服务中心',
      slots: 6,
    }),
  )
  dataOf(await cloud.as('demo-member-1').community.signup({ serviceId: service.id }))
  return {
    newsId: news.id,
    wishId,
    fulfilledWishId,
    openSession,
    closedSession,
    serviceId: service.id,
  }
}
