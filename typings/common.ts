// The reply envelope and error codes every cloud function action answers with.
import { z } from 'zod'

export const ERROR_CODES = [
  'UNAUTHENTICATED',
  'PERMISSION_DENIED',
  'INVALID_ARGUMENT',
  'NOT_FOUND',
  'CONFLICT',
  'CONTENT_REJECTED',
  'RATE_LIMITED',
  'INTERNAL',
] as const
export type ErrorCode = (typeof ERROR_CODES)[number]

export type Ok<T> = { ok: true; data: T }
export type Fail = { ok: false; code: ErrorCode; message: string; requestId?: string }
export type Reply<T> = Ok<T> | Fail

/** What the mini-program sends: `callFunction({ name, data: { action, payload } })`. */
export type CallEvent<A extends string = string, P = unknown> = { action: A; payload?: P }

/**
 * WeChat's asynchronous check of a set of user images ('none': no images). Others see the images once 'pass';
 * while 'pending' their uploader does (a page says 图片审核中), and so does whoever may decide them once WeChat
 * was unsure of them; 'risky' ones nobody.
 */
export type MediaStatus = 'pending' | 'pass' | 'risky' | 'none'

export const Id = z.string().min(1).max(64)
/** The page's id for one draft, so a retried submit stores it once. */
export const DraftId = z.string().regex(/^[A-Za-z0-9_-]{8,40}$/, '草稿编号有误，请返回重新填写')
/** A file the mini-program uploaded to cloud storage (`wx.cloud.uploadFile`'s fileID), never a URL. */
export const FileId = z.string().regex(/^cloud:\/\/\S{1,300}$/, '图片需先上传到云存储')
/** A real calendar day, `YYYY-MM-DD` (zod checks month lengths and leap years: no 2027-02-30). */
export const CalendarDay = z.iso.date({ error: '请选择有效的日期（YYYY-MM-DD）' })
/** An instant with its offset, as pages send `Date#toISOString()` or `…+08:00`; real calendar days only. */
export const Instant = z.iso.datetime({ offset: true, error: '时间格式有误，请重新选择' })
/**
 * The earliest month anything may name. This system started in 2026; 2020-01 leaves room for branches'
 * earlier records being brought in, while typos and probes such as `0000-01` (which settlement would post as
 * "0000年1月" bulletins) are refused. Later bounds depend on the action (settle: only ended months).
 */
export const FIRST_MONTH = '2020-01'
export const MonthString = z
  .string()
  .regex(/^\d{4}-(0[1-9]|1[0-2])$/, '月份格式应为 YYYY-MM')
  .refine((month) => month >= FIRST_MONTH, '月份不能早于 2020 年 1 月')
export const ChinesePhone = z.string().regex(/^1[3-9]\d{9}$/, '请输入 11 位手机号')

/**
 * Never content on its own: whitespace, controls, format characters (zero-width spaces and joiners, bidi
 * controls, BOM, soft hyphen…), the other default-ignorable code points (Hangul fillers, variation
 * selectors…) and the blank braille pattern.
 */
const INVISIBLE = /^[\p{White_Space}\p{Cc}\p{Cf}\p{Default_Ignorable_Code_Point}\u2800]$/u
const INVISIBLE_ALL = /[\p{White_Space}\p{Cc}\p{Cf}\p{Default_Ignorable_Code_Point}\u2800]/gu
/** Variation selectors and tag characters may end an emoji (❤️, subdivision flags). */
const EMOJI_TAIL = /^[\p{Variation_Selector}\u{E0020}-\u{E007F}]$/u
/** Bidi embeddings, overrides and isolates make stored text display as something else: never kept. */
const BIDI_CONTROLS = /\p{Bidi_Control}/gu

/**
 * User text as stored: NFC, without bidi controls, and without invisible characters at either end (those
 * right after the last visible character that finish an emoji stay; joiners inside emoji sequences are
 * untouched). Text made only of invisible characters becomes ''. Linear in the input's length.
 */
export function normaliseText(raw: string): string {
  const chars = Array.from(raw.normalize('NFC').replace(BIDI_CONTROLS, ''))
  let start = 0
  while (start < chars.length && INVISIBLE.test(chars[start])) start++
  let end = chars.length
  while (end > start && INVISIBLE.test(chars[end - 1])) end--
  if (end > start) while (end < chars.length && EMOJI_TAIL.test(chars[end])) end++
  return chars.slice(start, end).join('')
}

/** How much of a normalised text is content: invisible characters inside it do not count. */
const visibleLength = (text: string) => text.replace(INVISIBLE_ALL, '').length

/**
 * Every field a user writes in: normalised (normaliseText) before its length is checked, and the normalised
 * value is what the action receives and stores. `min` counts visible characters, `max` the stored text.
 */
export const text = ({ label, min = 0, max }: { label: string; min?: number; max: number }) =>
  z
    .string()
    .transform(normaliseText)
    .refine((s) => visibleLength(s) >= min, min > 1 ? `${label}至少 ${min} 个字` : `请填写${label}`)
    .refine((s) => s.length <= max, `${label}最多 ${max} 个字`)

export const PersonName = text({ label: '姓名', min: 2, max: 20 }).refine(
  (name) => /^[\u4e00-\u9fa5·A-Za-z ]+$/.test(name),
  '姓名只能包含中文、字母或间隔号',
)
