// 网上党校 rules as plain functions: when an item counts as completed, and how a quiz is graded.
import type { QuizInput, StudyProgress } from '../../../typings/study'

/** Without a quiz, reading counts once the end was reached after half the estimated time on the page. */
export const READING_SHARE = 0.5

export const requiredSeconds = (minutes: number) => Math.ceil(minutes * 60 * READING_SHARE)

/** A quiz decides an item that has one; otherwise reading to the end for long enough does. */
export function isCompleted(
  item: { minutes: number; quiz?: QuizInput | null },
  p: Pick<StudyProgress, 'seconds' | 'reachedEnd' | 'quizPassed'>,
): boolean {
  if (item.quiz) return p.quizPassed
  return p.reachedEnd && p.seconds >= requiredSeconds(item.minutes)
}

/**
 * Seconds to add for one report: what the page claims, but never more than the time since the previous report
 * as the server saw it (so a page cannot claim an hour in one call), nor less than nothing.
 */
export function creditedSeconds(claimed: number, sinceLastReport: number | null): number {
  if (sinceLastReport === null) return 0
  return Math.max(0, Math.min(claimed, Math.floor(sinceLastReport)))
}

export type Graded = { correct: number; total: number; percent: number; passed: boolean }

/**
 * Grades answers against the quiz: a question is right when exactly its right options were chosen, each once
 * (order does not matter); a missing answer is wrong. Passed at `passMark` percent or more.
 */
export function grade(quiz: QuizInput, answers: number[][]): Graded {
  const total = quiz.questions.length
  const correct = quiz.questions.filter((q, i) => {
    const chosen = answers[i] ?? []
    // The same option twice is not two options.
    return (
      chosen.length === q.answer.length &&
      new Set(chosen).size === chosen.length &&
      q.answer.every((a) => chosen.includes(a))
    )
  }).length
  const percent = Math.floor((correct * 100) / total)
  // Compared in whole numbers: 2 of 3 right passes a 66% mark and fails a 67% one.
  return { correct, total, percent, passed: correct * 100 >= quiz.passMark * total }
}
