// Errors an action throws on purpose; the dispatcher turns them into `{ ok: false, code, message }`.
import type { ErrorCode } from '../../typings/common'

export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message)
  }
}

export const notFound = (what: string) => new AppError('NOT_FOUND', `${what}不存在`)
export const denied = (message = '您没有权限进行此操作') =>
  new AppError('PERMISSION_DENIED', message)
export const conflict = (message: string) => new AppError('CONFLICT', message)
export const invalid = (message: string) => new AppError('INVALID_ARGUMENT', message)
