// The typed client: every cloud function action as a method, typed from the contract in typings/.
import type {
  ActionInput,
  ActionName,
  ActionOutput,
  ErrorCode,
  FunctionName,
  Me,
  Reply,
} from '../../typings/index'
import { config, devOpenid } from '../config'
import { rememberViewer } from '../utils/viewer'

export class ApiError extends Error {
  readonly code: ErrorCode

  /** `message` is Chinese and meant to be shown as is. */
  constructor(code: ErrorCode, message: string) {
    super(message)
    this.name = 'ApiError'
    this.code = code
  }
}

const offline = () => new ApiError('INTERNAL', '网络不可用，请稍后重试')
const unavailable = () => new ApiError('INTERNAL', '服务暂时不可用，请稍后重试')

/** What a page shows when a call fails: the server's message, or a generic one for a bug of ours. */
export function errorMessage(err: unknown): string {
  return err instanceof ApiError ? err.message : '出了点问题，请稍后重试'
}

type CallEvent = { action: string; payload: unknown }

function isReply(value: unknown): value is Reply<unknown> {
  return (
    typeof value === 'object' && value !== null && typeof (value as Reply<unknown>).ok === 'boolean'
  )
}

function viaCloud(fn: FunctionName, event: CallEvent): Promise<unknown> {
  // The platform rejects with errCode -1 when the request never left the phone; any other code means the
  // function was reached but failed (not deployed, crashed, timed out).
  return wx.cloud.callFunction({ name: fn, data: event }).then(
    (res) => res.result,
    (err: { errCode?: unknown }) =>
      Promise.reject(err?.errCode === -1 || err?.errCode === undefined ? offline() : unavailable()),
  )
}

function viaEmulator(fn: FunctionName, event: CallEvent): Promise<unknown> {
  return new Promise((resolve, reject) => {
    wx.request({
      url: `${config.emulatorUrl}/fn/${fn}`,
      method: 'POST',
      header: { 'x-wx-openid': devOpenid() },
      data: event,
      success: (res) => resolve(res.data),
      fail: () => reject(offline()),
    })
  })
}

export async function call<F extends FunctionName, A extends ActionName<F>>(
  fn: F,
  action: A,
  payload: ActionInput<F, A>,
): Promise<ActionOutput<F, A>> {
  const event = { action, payload }
  const reply = await (config.transport === 'cloud' ? viaCloud(fn, event) : viaEmulator(fn, event))
  if (!isReply(reply)) throw unavailable()
  if (!reply.ok) throw new ApiError(reply.code, reply.message)
  return reply.data as ActionOutput<F, A>
}

/** Actions whose whole input is optional are called without an argument. */
export type Args<F extends FunctionName, A extends ActionName<F>> =
  Record<string, never> extends ActionInput<F, A>
    ? [payload?: ActionInput<F, A>]
    : [payload: ActionInput<F, A>]

type Client<F extends FunctionName> = {
  [A in ActionName<F>]: (...args: Args<F, A>) => Promise<ActionOutput<F, A>>
}

/** `actions` must name every action of `fn` and nothing else; the compiler checks both. */
function client<F extends FunctionName>(fn: F, actions: Record<ActionName<F>, true>): Client<F> {
  const methods: Partial<Client<F>> = {}
  for (const action of Object.keys(actions) as ActionName<F>[]) {
    const method = (payload?: ActionInput<F, typeof action>) =>
      call(fn, action, payload ?? ({} as ActionInput<F, typeof action>))
    methods[action] = method as Client<F>[typeof action]
  }
  return methods as Client<F>
}

export const api = {
  member: client('member', {
    register: true,
    me: true,
    approve: true,
    reject: true,
    directory: true,
    revealPhone: true,
    setRole: true,
    phoneFromCode: true,
    search: true,
    vacancies: true,
    requestTransfer: true,
    withdrawTransfer: true,
    myTransfers: true,
    releaseTransfer: true,
    acceptTransfer: true,
    refuseTransfer: true,
    transferQueue: true,
    history: true,
    markLeft: true,
  }),
  org: client('org', {
    tree: true,
    branch: true,
    overview: true,
    updateSettings: true,
    register: true,
    createCommunity: true,
    updateCommunity: true,
    retireCommunity: true,
    createBranch: true,
    updateBranch: true,
    retireBranch: true,
    createGeneralBranch: true,
    updateGeneralBranch: true,
    retireGeneralBranch: true,
    placeBranch: true,
    mergeBranches: true,
    moveBranch: true,
    organizations: true,
    createOrganization: true,
    updateOrganization: true,
    coverage: true,
  }),
  orglife: client('orglife', {
    createSession: true,
    updateSession: true,
    cancelSession: true,
    listSessions: true,
    sessionDetail: true,
    attend: true,
    speak: true,
    requestLeave: true,
    decideLeave: true,
    closeSession: true,
    record: true,
    remindNotSignedIn: true,
    addAddendum: true,
    cadence: true,
    communityCadence: true,
  }),
  interact: client('interact', {
    postNews: true,
    editNews: true,
    deleteNews: true,
    listNews: true,
    newsDetail: true,
    comment: true,
    listComments: true,
    deleteComment: true,
    postMessage: true,
    listMessages: true,
    replyMessage: true,
    deleteMessage: true,
    submitAppeal: true,
    myAppeals: true,
    appealInbox: true,
    acceptAppeal: true,
    answerAppeal: true,
    escalateAppeal: true,
    rateAppeal: true,
    reviewMedia: true,
  }),
  checkin: client('checkin', {
    checkIn: true,
    today: true,
    myMonth: true,
    branchMonth: true,
    settings: true,
    updateSettings: true,
    belowMinimum: true,
    remindBelow: true,
  }),
  wish: client('wish', {
    submit: true,
    review: true,
    claim: true,
    release: true,
    fulfil: true,
    confirm: true,
    confirmForResident: true,
    reopen: true,
    cancel: true,
    list: true,
    mine: true,
    detail: true,
    overdueClaims: true,
  }),
  community: client('community', {
    report: true,
    postService: true,
    editService: true,
    cancelService: true,
    services: true,
    signup: true,
    withdraw: true,
    confirmService: true,
    myRecord: true,
    roster: true,
    overdue: true,
    remindReport: true,
    branchRecord: true,
  }),
  stats: client('stats', {
    myMonth: true,
    memberRanking: true,
    branchRanking: true,
    trend: true,
    exportMonth: true,
    reminders: true,
    settle: true,
    remind: true,
    openMonth: true,
    monthProgress: true,
  }),
  todo: client('todo', { secretary: true, infoOfficer: true, community: true, district: true }),
  dues: client('dues', {
    myDues: true,
    declareBase: true,
    pay: true,
    register: true,
    byBranch: true,
    confirmBase: true,
    setFixedAmount: true,
    correct: true,
  }),
  study: client('study', {
    createTopic: true,
    publish: true,
    editItem: true,
    withdrawItem: true,
    list: true,
    detail: true,
    progress: true,
    submitQuiz: true,
    byBranch: true,
    members: true,
  }),
} satisfies Record<FunctionName, unknown>

// Whoever a page learns is signed in, the tab bar learns too.
const remembered = <R extends { me: Me }>(out: R): R => (rememberViewer(out.me), out)
const { me, register } = api.member
api.member.me = (...args) => me(...args).then(remembered)
api.member.register = (...args) => register(...args).then(remembered)
