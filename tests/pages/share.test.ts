// 转发 into WeChat chats: a news post, a 微心愿 open for claiming, an org-life session and the secretary's
// invitation to register each give a card that links to the page itself; the menu's 转发 shows only while the
// page has a card; whoever opens a link is authorised as usual; 登记 opened by an invitation picks its branch.
import { memberIdOf } from '../../cloudfunctions/_shared/identity'
import type { MemberDoc } from '../../cloudfunctions/_shared/records'
import type { ShareCard } from '../../miniprogram/behaviors/share'
import { dataOf } from '../support/cloud'
import {
  ADMIN_XINHUA,
  RESIDENT,
  RESIDENT_PHONE,
  news,
  sessionInput,
  wishes,
} from '../support/fixtures'
import {
  type PageComponent,
  type PageName,
  memberMe,
  newPerson,
  tap,
  textOf,
  until,
  usePages,
  wxMock,
} from './harness'

const { cloud, show } = usePages([
  'news-detail',
  'wish/detail',
  'orglife/room',
  'register',
  'officer/invite',
  'mine',
  'privacy',
])

const FRONT_PAGE = { title: '两新互动', path: '/pages/home/index' }

/** What the page forwards now, as WeChat asks for it (the menu's 转发 or a share button). */
const cardOf = (page: PageComponent<PageName>) =>
  (page.instance as unknown as { onShareAppMessage(): ShareCard }).onShareAppMessage()

/** Whether the page's last word to WeChat was to show (true) or hide (false) the menu's 转发. */
function menuShown(): boolean {
  const shown = wxMock.showShareMenu.mock.invocationCallOrder.at(-1) ?? 0
  const hidden = wxMock.hideShareMenu.mock.invocationCallOrder.at(-1) ?? 0
  if (!shown && !hidden) throw new Error('the page said nothing about the share menu')
  return shown > hidden
}

beforeEach(() => {
  wxMock.showShareMenu.mockClear()
  wxMock.hideShareMenu.mockClear()
})

describe('动态详情', () => {
  const { posted } = news(cloud)

  test('a branch-only post forwards its title and link, and says who can open it', async () => {
    const post = await posted('demo-secretary-1', {
      title: '关于召开七月主题党日的通知',
      body: '仅本支部的安排',
    })
    const page = await show('news-detail', 'demo-secretary-1', { id: post.id })

    expect(cardOf(page)).toEqual({
      title: '关于召开七月主题党日的通知',
      path: `/pages/news-detail/index?id=${post.id}`,
    })
    expect(menuShown()).toBe(true)
    expect(textOf(page, '.share-news')).toBe('转发到微信群')
    expect(textOf(page, '.share-note')).toBe('转发后，只有本支部党员能打开这条动态')
  })

  test('a public post forwards without the note', async () => {
    const post = await posted('demo-secretary-1', {
      title: '全区两新党建工作推进会召开',
      visibility: 'public',
    })
    const page = await show('news-detail', 'demo-member-31', { id: post.id })
    expect(cardOf(page).path).toBe(`/pages/news-detail/index?id=${post.id}`)
    expect(menuShown()).toBe(true)
    expect(page.querySelector('.share-note')).toBeUndefined()
  })

  test('an outsider opening a forwarded branch-only post sees 不存在 and none of it, and cannot forward it', async () => {
    const post = await posted('demo-secretary-1', {
      title: '支部内部学习安排',
      body: '本支部党员周五下午集中学习',
    })
    const page = await show('news-detail', 'demo-member-31', { id: post.id })

    expect(page.data.status).toBe('empty')
    expect(textOf(page, '.state-empty')).toContain('该动态不存在')
    expect(page.querySelector('.state-error')).toBeUndefined()
    const text = page.dom?.textContent ?? ''
    expect(text).not.toContain('支部内部学习安排')
    expect(text).not.toContain('集中学习')
    expect(page.data.news).toBeNull()
    expect(menuShown()).toBe(false)
    expect(cardOf(page)).toEqual(FRONT_PAGE)
  })

  test('someone not registered opening it is told to register, with nothing of the post', async () => {
    const post = await posted('demo-secretary-1', { title: '支部换届选举公告' })
    const page = await show('news-detail', newPerson().openid, { id: post.id })
    expect(page.data.status).toBe('forbidden')
    expect(page.dom?.textContent).not.toContain('支部换届选举公告')
    expect(menuShown()).toBe(false)
  })
})

describe('心愿详情', () => {
  const wish = wishes(cloud)
  const published = (title: string) =>
    wish.published(RESIDENT, ADMIN_XINHUA, { title, address: '新华路 211 弄 3 号 502 室' })

  test('a wish open for claiming forwards its title under the app picture, with nothing of the resident', async () => {
    const wishId = await published('想请人教用智能手机')
    const page = await show('wish/detail', 'demo-member-1', { id: wishId })

    const card = cardOf(page)
    expect(card).toEqual({
      title: '微心愿：想请人教用智能手机',
      path: `/wish/detail/index?id=${wishId}`,
      imageUrl: '/wish/detail/share.png',
    })
    expect(menuShown()).toBe(true)
    expect(page.querySelector('.share-wish')).toBeDefined()
    // Nothing of the resident travels with the card, and a member who has not claimed sees no contact.
    const stored = await wish.stored(wishId)
    for (const personal of [stored.residentName, RESIDENT_PHONE, '新华路 211 弄']) {
      expect(JSON.stringify(card)).not.toContain(personal)
      expect(page.dom?.textContent).not.toContain(personal)
    }
    expect(page.data.wish?.contact).toBeUndefined()
    expect(textOf(page, '.meta')).toContain(`${stored.residentName.slice(0, 1)}**`)
  })

  test('the privacy guide says what a forwarded wish carries', async () => {
    const page = await show('privacy', 'demo-member-1')
    expect(textOf(page, '.who-wish')).toContain(
      '转发到微信群的心愿卡片只有心愿标题和统一的图片，不含居民的姓名、电话和住址',
    )
  })

  test('a claimed wish, and one still in review, forward nothing', async () => {
    const claimedId = await published('想请人帮忙换灯泡')
    dataOf(await cloud.as('demo-member-2').wish.claim({ wishId: claimedId }))
    const claimed = await show('wish/detail', 'demo-member-2', { id: claimedId })
    expect(claimed.data.wish?.status).toBe('已认领')
    expect(menuShown()).toBe(false)
    expect(cardOf(claimed)).toEqual(FRONT_PAGE)
    expect(claimed.querySelector('.share-wish')).toBeUndefined()

    const inReview = await show('wish/detail', RESIDENT, { id: await wish.submitted() })
    expect(inReview.data.wish?.status).toBe('待审核')
    expect(menuShown()).toBe(false)
    expect(cardOf(inReview)).toEqual(FRONT_PAGE)
  })
})

describe('会议室', () => {
  const HOUR = 3600 * 1000
  const at = (offset: number) => new Date(Date.now() + offset).toISOString()
  const sessionAt = async (topic: string, opens: number, closes: number) =>
    dataOf(
      await cloud
        .as('demo-secretary-1', { now: at(Math.min(opens, 0) - HOUR) })
        .orglife.createSession(sessionInput('themeDay', topic, at(opens), at(closes))),
    ).session.id

  test('a member of the branch invites the others to an upcoming session', async () => {
    const id = await sessionAt('学习贯彻全会精神', 2 * HOUR, 4 * HOUR)
    const page = await show('orglife/room', 'demo-member-1', { id })
    expect(cardOf(page)).toEqual({
      title: `邀请参加${page.data.typeLabel}：学习贯彻全会精神`,
      path: `/orglife/room/index?id=${id}`,
    })
    expect(menuShown()).toBe(true)
    expect(page.querySelector('.share-session')).toBeDefined()
  })

  test('a member of another branch opening the invitation gets the refusal and no card', async () => {
    const id = await sessionAt('支部委员会会议', 5 * HOUR, 7 * HOUR)
    const page = await show('orglife/room', 'demo-member-31', { id })
    expect(page.data.status).not.toBe('ready')
    expect(page.querySelector('.state-error')).toBeUndefined()
    expect(page.dom?.textContent).not.toContain('支部委员会会议')
    expect(menuShown()).toBe(false)
  })

  test('an ended session forwards nothing', async () => {
    const id = await sessionAt('上月党课', -3 * HOUR, -2 * HOUR)
    const page = await show('orglife/room', 'demo-member-1', { id })
    expect(page.data.session?.phase).toBe('closed')
    expect(menuShown()).toBe(false)
    expect(page.querySelector('.share-session')).toBeUndefined()
  })
})

describe('邀请党员登记', () => {
  test('the secretary finds it on 我的 and forwards 登记 with the branch', async () => {
    const me = await memberMe(cloud, 'demo-secretary-3')
    const mine = await show('mine', 'demo-secretary-3')
    await until(() => mine.querySelector('.invite-entry') !== undefined, 'the invite entry')
    expect(textOf(mine, '.invite-entry')).toContain('邀请党员登记')

    const page = await show('officer/invite', 'demo-secretary-3')
    expect(textOf(page, '.invite-branch')).toBe(me.branchName)
    expect(cardOf(page)).toEqual({
      title: `邀请您登记到${me.branchName}`,
      path: `/pages/register/index?branchId=${me.branchId}`,
    })
    expect(menuShown()).toBe(true)
  })

  test('a 信息员 or member is told the secretary sends it (only the secretary approves)', async () => {
    const page = await show('officer/invite', 'demo-member-2')
    expect(page.data.status).toBe('forbidden')
    expect(textOf(page, '.state-forbidden')).toContain('由支部书记发出')
    expect(menuShown()).toBe(false)
  })

  test('登记 opened by the invitation has the branch and its community chosen, and registers there', async () => {
    const me = await memberMe(cloud, 'demo-secretary-3')
    const person = newPerson()
    const page = await show('register', person.openid, { branchId: me.branchId })

    expect(page.data.communities[page.data.communityIndex].id).toBe(me.communityId)
    expect(page.data.branches[page.data.branchIndex].id).toBe(me.branchId)
    expect(textOf(page, '.invite-note')).toBe(
      `已选择：${me.communityName} · ${me.branchName}，可更改`,
    )
    expect(textOf(page, '.community-picker .weui-cell__bd')).toBe('所属社区')

    page.querySelector('.field-name')?.dispatchEvent('input', { detail: { value: person.name } })
    page.querySelector('.field-phone')?.dispatchEvent('input', { detail: { value: person.phone } })
    await until(() => page.data.why === '', 'the form to be complete')
    tap(page, '.submit-button')
    await until(() => page.data.submitted || page.data.submitError !== '', 'the registration')
    expect(page.data.submitError).toBe('')
    const stored = await cloud.doc<MemberDoc>('members', memberIdOf(person.openid))
    expect(stored).toMatchObject({ branchId: me.branchId, status: 'pending' })
  })

  test('a member already in the register is told not to register again, and how to move', async () => {
    const me = await memberMe(cloud, 'demo-secretary-3')
    const own = await show('register', 'demo-secretary-3', { branchId: me.branchId })
    expect(textOf(own, '.invite-note')).toBe(`您已是${me.branchName}的党员，无需再登记`)

    const other = await memberMe(cloud, 'demo-member-1')
    const moving = await show('register', 'demo-member-1', { branchId: me.branchId })
    expect(textOf(moving, '.invite-note')).toBe(
      `您已是${other.branchName}的党员；要转到邀请您的支部，请在「我的 → 组织关系接转」中申请`,
    )
  })

  test('an invitation naming a retired or unknown branch opens the usual form with a note', async () => {
    const { branch } = dataOf(
      await cloud.as(ADMIN_XINHUA).org.createBranch({
        draftId: `invite-${process.pid}`,
        communityId: 'community-xinhua',
        name: `邀请测试支部${process.pid}`,
        branchType: '联合',
      }),
    )
    dataOf(await cloud.as(ADMIN_XINHUA).org.retireBranch({ branchId: branch.id }))

    for (const branchId of [branch.id, 'branch-none']) {
      const page = await show('register', newPerson().openid, { branchId })
      expect(page.data.treeStatus).toBe('ready')
      expect(page.data.communityIndex).toBe(-1)
      expect(page.data.branchIndex).toBe(-1)
      expect(textOf(page, '.invite-note')).toBe(
        '邀请链接中的支部已不再接收登记，请自己选择所在支部',
      )
    }
  })
})
