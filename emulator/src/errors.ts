/** A logical CloudBase error, answered as HTTP 200 `{code, message, requestId}` like the real service. */
export class TcbError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message)
  }
}

export const notFound = (name: string) =>
  new TcbError('DATABASE_COLLECTION_NOT_EXIST', `Db or Table not exist: ${name}`)

export const conflict = () =>
  new TcbError('DATABASE_TRANSACTION_CONFLICT', 'transaction conflict, please retry')
