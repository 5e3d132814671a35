import fc from 'fast-check'
import { describeShortfall } from '../../cloudfunctions/_shared/minimums'
import {
  creditedSeconds,
  grade,
  isCompleted,
  requiredSeconds,
} from '../../cloudfunctions/study/src/domain'
import { studyGaps } from '../../cloudfunctions/study/src/due'
import type { QuizInput } from '../../typings/study'

const quiz = (passMark: number, answers: number[][]): QuizInput => ({
  passMark,
  questions: answers.map((answer, i) => ({
    text: `第 ${i + 1} 题`,
    options: ['甲', '乙', '丙', '丁'],
    multiple: answer.length > 1,
    answer,
  })),
})

describe('the completion rule', () => {
  const reading = { seconds: 0, reachedEnd: false, quizPassed: false }

  test('without a quiz: the end reached after half the estimated time', () => {
    const item = { minutes: 5 }
    expect(requiredSeconds(5)).toBe(150)
    expect(isCompleted(item, { ...reading, seconds: 150, reachedEnd: true })).toBe(true)
    expect(isCompleted(item, { ...reading, seconds: 149, reachedEnd: true })).toBe(false)
    expect(isCompleted(item, { ...reading, seconds: 3000, reachedEnd: false })).toBe(false)
  })

  test('with a quiz: only the pass counts, however long the reading', () => {
    const item = { minutes: 1, quiz: quiz(60, [[0]]) }
    expect(isCompleted(item, { seconds: 3000, reachedEnd: true, quizPassed: false })).toBe(false)
    expect(isCompleted(item, { ...reading, quizPassed: true })).toBe(true)
  })

  test('a report is credited no more than the time the server saw pass', () => {
    expect(creditedSeconds(3600, 10)).toBe(10)
    expect(creditedSeconds(5, 10.9)).toBe(5)
    expect(creditedSeconds(30, null)).toBe(0)
    fc.assert(
      fc.property(fc.nat(3600), fc.double({ min: -10, max: 1e5, noNaN: true }), (claim, gap) => {
        const c = creditedSeconds(claim, gap)
        return c >= 0 && c <= claim && c <= Math.max(0, gap)
      }),
    )
  })
})

describe('grading', () => {
  test('a question is right only with exactly its options, in any order', () => {
    const q = quiz(60, [[0], [1, 2]])
    expect(grade(q, [[0], [2, 1]])).toEqual({ correct: 2, total: 2, percent: 100, passed: true })
    expect(grade(q, [[0], [1]])).toMatchObject({ correct: 1, percent: 50, passed: false })
    expect(grade(q, [[0], [1, 2, 3]])).toMatchObject({ correct: 1 })
    expect(
      grade(q, [
        [0, 0],
        [1, 2],
      ]),
    ).toMatchObject({ correct: 1 })
    expect(grade(q, [])).toMatchObject({ correct: 0, passed: false })
  })

  test('the pass mark compares whole numbers: 2 of 3 passes 66% and fails 67%', () => {
    const answers = [[0], [0], [0]]
    const twoRight = [[0], [0], [1]]
    expect(grade(quiz(66, answers), twoRight).passed).toBe(true)
    expect(grade(quiz(67, answers), twoRight).passed).toBe(false)
    expect(grade(quiz(100, answers), answers).passed).toBe(true)
  })
})

describe('who is short of the month’s items', () => {
  test('only due items count; most missing first, then by name', () => {
    const members = [
      { _id: 'a', name: '张三' },
      { _id: 'b', name: '李四' },
      { _id: 'c', name: '王五' },
    ]
    const done = [
      { memberId: 'a', itemId: 'i1' },
      { memberId: 'a', itemId: 'i2' },
      { memberId: 'b', itemId: 'i1' },
      { memberId: 'c', itemId: 'old' },
    ]
    expect(studyGaps(['i1', 'i2'], done, members)).toEqual([
      { memberId: 'c', name: '王五', done: 0, missing: 2 },
      { memberId: 'b', name: '李四', done: 1, missing: 1 },
      { memberId: 'a', name: '张三', done: 2, missing: 0 },
    ])
    expect(studyGaps([], done, members).every((g) => g.missing === 0)).toBe(true)
  })

  test('the reminder’s words name the study shortfall', () => {
    expect(describeShortfall({ checkin: 0, comment: 2, study: 1 })).toBe(
      '还差 留言 2 条 · 学习 1 项',
    )
  })
})
