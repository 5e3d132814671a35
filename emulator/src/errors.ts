/** A logical CloudBase error, answered as HTTP 200 `{code, message, requestId}` like the real service. */
export class TcbError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message)
  }
}

/**
 * A request answered with an HTTP status, in the shape of the route it came to: 4xx for what the client
 * got wrong, 5xx for a function that failed (threw, died, timed out) or an emulator that is closing.
 */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message)
  }
}

export const notFound = (name: string) =>
  new TcbError('DATABASE_COLLECTION_NOT_EXIST', `Db or Table not exist: ${name}`)

export const conflict = () =>
  new TcbError('DATABASE_TRANSACTION_CONFLICT', 'transaction conflict, please retry')

/** One path segment decoded; a malformed percent-escape is the client's fault. */
export function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment)
  } catch {
    throw new HttpError(400, `请求地址中的转义无效：${segment}`)
  }
}
