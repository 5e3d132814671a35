import {
  authorShown,
  draftDocId,
  excerptOf,
  nextAppealState,
} from '../../cloudfunctions/interact/src/domain'
import { surnameOnly } from '../../cloudfunctions/_shared/names'
import { decodeCursor, encodeCursor, pageOf } from '../../cloudfunctions/_shared/paging'
import {
  appealDueAt,
  isAppealOverdue,
  isMessageOverdue,
} from '../../cloudfunctions/_shared/deadlines'
import { newsAudience, readerKeys } from '../../cloudfunctions/_shared/news'

const at = new Date('2026-05-04T09:00:00+08:00')
const plus = (days: number, ms = 0) => new Date(at.getTime() + days * 86_400_000 + ms)

describe('the appeal state machine', () => {
  test('walks submitted → accepted → answered → closed', () => {
    const accepted = nextAppealState({ status: 'submitted', level: 'branch' }, 'accept')
    expect(accepted).toEqual({ status: 'accepted', level: 'branch' })
    const answered = nextAppealState(accepted!, 'answer')
    expect(answered).toEqual({ status: 'answered', level: 'branch' })
    expect(nextAppealState(answered!, 'rate')).toEqual({ status: 'closed', level: 'branch' })
  })

  test.each([
    ['submitted', 'answer'],
    ['submitted', 'rate'],
    ['accepted', 'accept'],
    ['accepted', 'rate'],
    ['answered', 'accept'],
    ['answered', 'answer'],
    ['answered', 'escalate'],
    ['closed', 'accept'],
    ['closed', 'answer'],
    ['closed', 'rate'],
  ] as const)('refuses %s → %s', (status, action) => {
    expect(nextAppealState({ status, level: 'branch' }, action)).toBeNull()
  })

  test('escalation moves an unanswered branch appeal to the community once, to be accepted anew', () => {
    expect(nextAppealState({ status: 'accepted', level: 'branch' }, 'escalate')).toEqual({
      status: 'submitted',
      level: 'community',
    })
    expect(nextAppealState({ status: 'submitted', level: 'community' }, 'escalate')).toBeNull()
  })
})

describe('overdue flags', () => {
  test('an appeal is due 7 days after submission and overdue only while unanswered', () => {
    const dueAt = appealDueAt(at)
    expect(dueAt).toEqual(plus(7))
    expect(isAppealOverdue({ status: 'submitted', dueAt }, plus(7))).toBe(false)
    expect(isAppealOverdue({ status: 'accepted', dueAt }, plus(7, 1))).toBe(true)
    expect(isAppealOverdue({ status: 'answered', dueAt }, plus(30))).toBe(false)
  })

  test('a 留言 is overdue after 3 days without a reply', () => {
    expect(isMessageOverdue({ createdAt: at, answered: false }, plus(3))).toBe(false)
    expect(isMessageOverdue({ createdAt: at, answered: false }, plus(3, 1))).toBe(true)
    expect(isMessageOverdue({ createdAt: at, answered: true }, plus(10))).toBe(false)
  })
})

describe('cursors and pages', () => {
  test('a cursor round-trips the last item’s key and rejects anything else', () => {
    const key = { at, id: 'n0123abc' }
    expect(decodeCursor(encodeCursor(key))).toEqual(key)
    expect(decodeCursor('not-a-cursor')).toBeNull()
    expect(decodeCursor(Buffer.from('12|').toString('base64url'))).toBeNull()
  })

  test('a page keeps `limit` items and has a cursor only when more were fetched', () => {
    const docs = [3, 2, 1].map((n) => ({ _id: `d${n}`, createdAt: plus(n) }))
    const more = pageOf(docs, 2)
    expect(more.items.map((d) => d._id)).toEqual(['d3', 'd2'])
    expect(decodeCursor(more.nextCursor!)).toEqual({ at: plus(2), id: 'd2' })
    expect(pageOf(docs, 3).nextCursor).toBeNull()
  })
})

describe('news audience', () => {
  const news = { branchId: 'branch-1', communityId: 'community-x' }
  test('each wider visibility adds one reader key', () => {
    expect(newsAudience({ ...news, visibility: 'branch' })).toEqual(['branch:branch-1'])
    expect(newsAudience({ ...news, visibility: 'community' })).toEqual([
      'branch:branch-1',
      'community:community-x',
    ])
    expect(newsAudience({ ...news, visibility: 'public' })).toHaveLength(3)
  })

  test('a resident matches public and community news but no branch', () => {
    expect(readerKeys({ branchId: null, communityId: 'community-x' })).toEqual([
      'public',
      'community:community-x',
    ])
  })
})

test('a draft id gives the same document id for the same owner only', () => {
  expect(draftDocId('n', 'm1', 'draft-1')).toBe(draftDocId('n', 'm1', 'draft-1'))
  expect(draftDocId('n', 'm1', 'draft-1')).not.toBe(draftDocId('n', 'm2', 'draft-1'))
  expect(draftDocId('n', 'm1', 'draft-1')).toMatch(/^n[0-9a-f]{24}$/)
})

test('an excerpt is one line, cut with an ellipsis', () => {
  expect(excerptOf('第一段\n\n第二段', 10)).toBe('第一段 第二段')
  expect(excerptOf('一二三四五六', 3)).toBe('一二三…')
})

describe('names outside the branch', () => {
  test('a commenter shows by surname only, in the one form residents show in too', () => {
    expect(surnameOnly('赵娟')).toBe('赵**')
    expect(surnameOnly('王秀英')).toBe('王**')
  })

  test('a post shows the branch as its author outside the branch; a bulletin keeps its signature', () => {
    const post = { kind: 'post' as const, authorName: '赵娟' }
    const bulletin = { kind: 'bulletin' as const, authorName: '支部月度公布' }
    expect(authorShown(post, '新华路第一支部', true)).toBe('赵娟')
    expect(authorShown(post, '新华路第一支部', false)).toBe('新华路第一支部')
    expect(authorShown(bulletin, '新华路第一支部', false)).toBe('支部月度公布')
  })
})
