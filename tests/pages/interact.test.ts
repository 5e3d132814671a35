import { dataOf } from '../support/cloud'
import { draft, news, settledMonth } from '../support/fixtures'
import { record } from '../functions/ledger-fixtures'
import { PARTICIPATION_RULES } from '../../typings/participation'
import { tap, textOf, until, wxMock, usePages } from './harness'

const { cloud, open, show } = usePages([
  'interact',
  'news-detail',
  'board',
  'appeal/new',
  'appeal/mine',
  'branch/appeal-inbox',
])

const { posted } = news(cloud)
const postNews = (title: string, openid = 'demo-secretary-1') =>
  posted(openid, { title, body: `${title}的正文` })

describe('the 互动 feed', () => {
  test('an empty feed says so, and the secretary sees the editor entry', async () => {
    const page = await show('interact', 'demo-secretary-3')
    expect(page.data.status).toBe('empty')
    expect(textOf(page, '.state-empty')).toContain('还没有动态')
    expect(page.querySelector('.entry-post')).toBeDefined()
    expect(page.querySelector('.entry-inbox')).toBeDefined()
  })

  test('scrolling to the bottom appends the next page without repeating a card', async () => {
    // Two hours apart, so the hourly posting limit does not stop the setup.
    for (let i = 0; i < 11; i++) {
      const now = `2026-03-0${1 + (i % 2)}T10:00:00+08:00`
      await posted('demo-secretary-7', { title: `楼宇动态${i}`, body: '正文' }, now)
    }
    const page = await show('interact', 'demo-member-100')
    expect(page.data.items).toHaveLength(10)
    page.instance.onReachBottom()
    await until(() => page.data.items.length === 11, 'the second page')
    const ids = page.data.items.map((n) => n.id)
    expect(new Set(ids).size).toBe(11)
    expect(textOf(page, '.feed-end')).toBe('没有更多了')
  })

  test('cards show the branch tag, comment count and the 月度公示 tag on a bulletin; tapping opens the detail', async () => {
    const news = await postNews('支部开展主题党日')
    dataOf(
      await cloud.as('demo-member-1').interact.comment({
        draftId: draft(),
        newsId: news.id,
        text: '参加了，很有意义',
      }),
    )
    // Settling a month gives every branch its bulletin: hence after the tests that count a feed's cards.
    await settledMonth(cloud, '2026-01')
    const bulletinId = 'bulletin_2026-01_branch-1'

    const page = await show('interact', 'demo-member-1')
    expect(page.querySelector('.entry-post')).toBeUndefined()
    expect(textOf(page, `#news-${news.id} .branch-tag`)).toBe('云启科技有限公司党支部')
    expect(textOf(page, `#news-${news.id} .comment-count`)).toBe('1')
    expect(textOf(page, `#news-${bulletinId} .bulletin-tag`)).toBe('月度公示')
    expect(page.querySelector(`#news-${news.id} .bulletin-tag`)).toBeUndefined()

    tap(page, `#news-${news.id}`)
    await until(() => wxMock.navigateTo.mock.calls.length > 0, 'navigation')
    expect(wxMock.navigateTo).toHaveBeenLastCalledWith({
      url: `/pages/news-detail/index?id=${news.id}`,
    })
  })

  test('a guest sees why the feed is closed to them', async () => {
    const page = await show('interact', `page-guest-${process.pid}`)
    expect(page.data.status).toBe('error')
    expect(textOf(page, '.state-error')).toContain('请先注册为党员')
  })
})

describe('news detail', () => {
  test('a member replies to a comment from the reply box; the reply appears under it', async () => {
    const news = await postNews('欢迎交流学习体会')
    const root = dataOf(
      await cloud.as('demo-member-20').interact.comment({
        draftId: draft(),
        newsId: news.id,
        text: '第一条评论',
      }),
    ).comment
    const page = await show('news-detail', 'demo-member-21', { id: news.id })
    expect(textOf(page, '.news-title')).toBe('欢迎交流学习体会')
    expect(page.querySelector('.edit-news')).toBeUndefined()

    tap(page, `#reply-${root.id}`)
    await until(() => page.data.replyTo === root.id, 'the reply target')
    expect(textOf(page, '.replying-to')).toBe(`回复 ${root.authorName}`)
    page.instance.onInput({ detail: { value: '赞同楼上' } })
    tap(page, '.send-comment')
    await until(() => page.data.comments[0]?.replies.length === 1, 'the reply to show')

    expect(textOf(page, `#comment-${root.id} .reply-text`)).toBe('赞同楼上')
    expect(textOf(page, '.comment-total')).toBe('2')
    expect(wxMock.showToast).toHaveBeenLastCalledWith({ title: '已发表，参与 +1', icon: 'success' })
  })

  test('rejected text shows the server’s message and keeps the draft', async () => {
    const news = await postNews('内容安全测试')
    const page = await show('news-detail', 'demo-member-22', { id: news.id })
    const modals = wxMock.showModal.mock.calls.length
    page.instance.onInput({ detail: { value: '一起去赌博' } })
    tap(page, '.send-comment')
    await until(() => wxMock.showModal.mock.calls.length > modals, 'the failure dialog')
    expect(wxMock.showModal.mock.lastCall?.[0].content).toBe(
      '内容含有不适宜发布的信息，请修改后再提交',
    )
    expect(page.data.draft).toBe('一起去赌博')
    expect(page.querySelectorAll('.comment')).toHaveLength(0)
  })

  test('another branch opening a branch-only item sees 不存在', async () => {
    const news = await postNews('仅本支部可见')
    const page = await show('news-detail', 'demo-member-31', { id: news.id })
    // An answer, not a failure: no 重试 (a link forwarded from another branch's group lands here).
    expect(textOf(page, '.state-empty')).toContain('该动态不存在')
    expect(page.querySelector('.state-error')).toBeUndefined()
  })
})

describe('the 留言板', () => {
  test('a member posts a 留言 and sees it on the board', async () => {
    const page = await show('board', 'demo-member-23')
    page.instance.onInput({ detail: { value: '今天重温了入党誓词' } })
    tap(page, '.send-message')
    await until(
      () => page.data.items.some((m) => m.text === '今天重温了入党誓词'),
      'the 留言 to show',
    )
    expect(page.querySelector('.reply-link')).toBeUndefined()
  })

  test('a 留言 past today’s 评论留言 cap is posted with the same capped toast as a comment', async () => {
    // Page calls carry no clock header: today's counted comments fill the cap in the real today.
    await record(
      cloud,
      new Date().toISOString(),
      Array.from({ length: PARTICIPATION_RULES.comment.dailyCap }, (_, i) => ({
        openid: 'demo-member-25',
        rule: 'comment' as const,
        ref: `board-earlier-${i}`,
      })),
    )
    const page = await show('board', 'demo-member-25')
    const toasts = wxMock.showToast.mock.calls.length
    page.instance.onInput({ detail: { value: '今天又学了一课' } })
    tap(page, '.send-message')
    await until(() => page.data.items.some((m) => m.text === '今天又学了一课'), 'the 留言 to show')
    await until(() => wxMock.showToast.mock.calls.length > toasts, 'the toast')
    expect(wxMock.showToast.mock.calls.at(-1)![0]).toEqual({
      title: '已留言；今日评论留言已达计分上限，不再计分',
      icon: 'none',
    })
  })

  test('the secretary replies from the board and the reply shows under the 留言', async () => {
    const { message } = dataOf(
      await cloud.as('demo-member-24').interact.postMessage({
        draftId: draft(),
        text: '请问本月主题党日何时举行',
      }),
    )
    const page = await show('board', 'demo-secretary-1')
    wxMock.showModal.mockResolvedValueOnce({ confirm: true, cancel: false, content: '本周五下午' })
    tap(page, `#reply-${message.id}`)
    await until(
      () => textOf(page, `#message-${message.id} .reply-text`) === '本周五下午',
      'the reply to show',
    )
  })
})

describe('诉求 pages', () => {
  test('a resident submits a request and finds it in 我的诉求 with its timeline', async () => {
    const page = open('appeal/new', 'demo-resident-3')
    // Residents choose among a neighbourhood's needs, not the members' 六个便利.
    await until(() => page.data.asResident, 'the resident’s categories')
    expect(page.data.categories).toEqual(['邻里纠纷', '环境卫生', '设施维修', '政策咨询', '其他'])
    tap(page, '#category-2')
    page.instance.onText({ detail: { value: '小区门口路灯不亮，晚上出行不便' } })
    tap(page, '.submit-appeal')
    await until(() => wxMock.redirectTo.mock.calls.length > 0, 'redirect to 我的诉求')
    expect(wxMock.redirectTo).toHaveBeenLastCalledWith({ url: '/appeal/mine/index' })

    const mine = await show('appeal/mine', 'demo-resident-3')
    expect(mine.data.items).toHaveLength(1)
    expect(textOf(mine, '.appeal-status')).toBe('已提交')
    expect(mine.data.items[0].category).toBe('设施维修')
    expect(mine.data.items[0].events.map((e) => e.text)).toEqual(['您提交了诉求'])
  })

  test('the secretary accepts and answers from the inbox; the requester rates it and it closes', async () => {
    const { appeal } = dataOf(
      await cloud.as('demo-member-25').interact.submitAppeal({
        draftId: draft(),
        category: '午餐',
        text: '园区附近没有实惠的午餐',
      }),
    )
    const inbox = await show('branch/appeal-inbox', 'demo-secretary-1')
    tap(inbox, `#accept-${appeal.id}`)
    await until(
      () => inbox.querySelector(`#answer-${appeal.id}`) !== undefined,
      'the answer button',
    )
    wxMock.showModal.mockResolvedValueOnce({
      confirm: true,
      cancel: false,
      content: '已联系社区食堂',
    })
    tap(inbox, `#answer-${appeal.id}`)
    await until(
      () => textOf(inbox, `#appeal-${appeal.id} .appeal-status`) === '已答复',
      'the answer to show',
    )

    const mine = await show('appeal/mine', 'demo-member-25')
    expect(textOf(mine, '.answer-text')).toBe('已联系社区食堂')
    tap(mine, `#rate-${appeal.id}-5`)
    await until(() => textOf(mine, '.appeal-status') === '已办结', 'the appeal to close')
    expect(textOf(mine, '.my-rating')).toBe('您的评价：5 分')
  })

  test('an ordinary member opening the inbox is told whose it is, with no 重试', async () => {
    const page = await show('branch/appeal-inbox', 'demo-member-26')
    expect(textOf(page, '.state-forbidden')).toContain('诉求由支部书记和社区党委在这里受理')
    expect(page.querySelector('.state-retry')).toBeUndefined()
  })
})
