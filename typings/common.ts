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
/** A file the mini-program uploaded to cloud storage (`wx.cloud.uploadFile`'s fileID), never a URL. */
export const FileId = z.string().regex(/^cloud:\/\/\S{1,300}$/, '图片需先上传到云存储')
export const MonthString = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, '月份格式应为 YYYY-MM')
export const ChinesePhone = z.string().regex(/^1[3-9]\d{9}$/, '请输入 11 位手机号')
export const PersonName = z
  .string()
  .trim()
  .min(2, '姓名至少 2 个字')
  .max(20, '姓名最多 20 个字')
  .regex(/^[\u4e00-\u9fa5·A-Za-z ]+$/, '姓名只能包含中文、字母或间隔号')
