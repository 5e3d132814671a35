// Members (党员), residents (居民) and roles.
import { z } from 'zod'
import { ChinesePhone, Id, PersonName, text } from './common'
import { type TransferOutputs, transferInputs } from './transfer'

export const ROLES = ['secretary', 'infoOfficer', 'communityAdmin', 'districtAdmin'] as const
export type Role = (typeof ROLES)[number]
/** Roles appointed in the app; district admins come from configuration (DISTRICT_ADMIN_OPENIDS) only. */
export const APPOINTABLE_ROLES = ['secretary', 'infoOfficer', 'communityAdmin'] as const
export type AppointableRole = (typeof APPOINTABLE_ROLES)[number]
const NOT_APPOINTABLE = '区委组织部管理员由系统配置指定，不能在此任命'
export const ROLE_LABELS: Record<Role, string> = {
  secretary: '支部书记',
  infoOfficer: '信息员',
  communityAdmin: '社区管理员',
  districtAdmin: '区委组织部管理员',
}
export const MEMBER_STATUSES = ['pending', 'active', 'rejected', 'left'] as const
export type MemberStatus = (typeof MEMBER_STATUSES)[number]

export type Me =
  | { kind: 'guest' }
  | {
      kind: 'member'
      id: string
      name: string
      phone: string
      status: MemberStatus
      roles: Role[]
      branchId: string
      branchName: string
      communityId: string
      communityName: string
      rejectReason?: string
      /** Also a registered resident (their 微心愿 stay theirs): where they live. */
      resident?: { communityId: string; communityName: string }
    }
  | {
      kind: 'resident'
      id: string
      name: string
      phone: string
      communityId: string
      communityName: string
    }
  | { kind: 'admin'; id: string; name: string; roles: Role[] }

export type DirectoryEntry = {
  id: string
  name: string
  /** Masked `138****1234` for everyone; the branch secretary asks for one in full (member.revealPhone). */
  phone: string
  status: MemberStatus
  roles: Role[]
  joinedAt: string
}

/** A member found by the district admin's search (member.search): phone masked, as in any directory. */
export type MemberHit = {
  id: string
  name: string
  /** Masked `138****1234`. */
  phone: string
  roles: Role[]
  branchId: string
  branchName: string
  communityId: string
  communityName: string
  /** The community a communityAdmin serves, '' for others. */
  adminCommunityId: string
  adminCommunityName: string
  /** The secretary of the member's branch now, if someone else: appointing this member replaces them. */
  branchSecretary: { id: string; name: string } | null
}

export const memberInputs = {
  register: z.discriminatedUnion('kind', [
    z
      .object({ kind: z.literal('member'), name: PersonName, phone: ChinesePhone, branchId: Id })
      .strict(),
    z
      .object({
        kind: z.literal('resident'),
        name: PersonName,
        phone: ChinesePhone,
        communityId: Id,
      })
      .strict(),
  ]),
  ...transferInputs,
  me: z.object({}).strict(),
  approve: z.object({ memberId: Id }).strict(),
  reject: z.object({ memberId: Id, reason: text({ label: '原因', min: 2, max: 100 }) }).strict(),
  directory: z
    .object({ branchId: Id.optional(), status: z.enum(MEMBER_STATUSES).optional() })
    .strict(),
  setRole: z.discriminatedUnion(
    'role',
    [
      z
        .object({
          memberId: Id,
          role: z.enum(['secretary', 'infoOfficer']),
          grant: z.boolean(),
          /** The branch the officer saw the member in: refused (CONFLICT) if they have moved since. */
          branchId: Id,
          /** For secretary: the branch has another secretary, whom this appointment replaces (asked first). */
          replace: z.boolean().optional(),
        })
        .strict(),
      z
        .object({
          memberId: Id,
          role: z.literal('communityAdmin'),
          grant: z.boolean(),
          /** The community the admin serves (defaults to the member's own). */
          communityId: Id.optional(),
        })
        .strict(),
    ],
    // Any other role (the district admin's) is not appointed here.
    { error: (iss) => (iss.code === 'invalid_union' ? NOT_APPOINTABLE : undefined) },
  ),
  /** District admins: active members whose name contains `query`, or whose phone contains its digits. */
  search: z
    .object({
      query: z
        .string()
        .trim()
        .min(1, '请输入姓名或手机号')
        .max(20, '搜索内容最多 20 个字')
        .refine((q) => !/^\d+$/.test(q) || q.length >= 4, '按手机号搜索请至少输入 4 位数字')
        // The query becomes a database regex, whose pattern cannot carry control characters (BSON cstring).
        // eslint-disable-next-line no-control-regex
        .refine((q) => !/[\u0000-\u001f\u007f]/.test(q), '搜索内容含有无法识别的字符'),
      cursor: z.string().max(200).optional(),
    })
    .strict(),
  /** District admins (任免): branches without a secretary, communities without an admin; with `communityId`,
   * also that community's active members to appoint as its admin. */
  vacancies: z.object({ communityId: Id.optional() }).strict(),
  /** The branch secretary asks for one member's full number (查看完整号码); each look is recorded. */
  revealPhone: z.object({ memberId: Id }).strict(),
  /** The one-time code of a `getPhoneNumber` button, exchanged for the phone number WeChat verified. */
  phoneFromCode: z
    .object({ code: z.string().trim().min(1, '获取手机号失败，请手动填写').max(128) })
    .strict(),
}

export type MemberOutputs = TransferOutputs & {
  register: { me: Me }
  me: { me: Me }
  approve: { memberId: string; status: MemberStatus }
  reject: { memberId: string; status: MemberStatus }
  directory: {
    branchId: string
    branchName: string
    /** The caller is the branch's secretary: a member's full number is theirs on demand (revealPhone). */
    mayReveal: boolean
    members: DirectoryEntry[]
  }
  setRole: {
    memberId: string
    roles: Role[]
    /** The secretary this appointment replaced, if any. */
    replacedId?: string
  }
  search: { items: MemberHit[]; nextCursor: string | null }
  vacancies: {
    /** Branches with no active secretary, in district order. */
    branches: { id: string; name: string; communityName: string }[]
    /** Communities with no active admin. */
    communities: { id: string; name: string }[]
    /** The asked community's active members, its secretaries first ([] without `communityId`). */
    candidates: MemberHit[]
  }
  phoneFromCode: { phone: string }
  revealPhone: { memberId: string; phone: string }
}
