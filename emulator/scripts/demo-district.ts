// The demo district, built by code: 1 district, 2 streets' 社区综合党委, 8 branches of mixed types with their
// 两新 organisations (一企一表, and three no party organisation covers yet), 120 members, a secretary per branch, community and district admins, 10 residents.
// Openids are fixed (README lists them) so anyone can act as these users locally.
import { memberIdOf, residentIdOf } from '../../cloudfunctions/_shared/identity'
import type {
  MemberDoc,
  OrgDoc,
  OrganizationDoc,
  ResidentDoc,
} from '../../cloudfunctions/_shared/records'
import type { BranchType } from '../../typings/org'

const SURNAMES =
  '王李张刘陈杨黄赵吴周徐孙马朱胡郭何林罗高郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤'
const GIVEN = [
  '伟',
  '芳',
  '娜',
  '敏',
  '静',
  '丽',
  '强',
  '磊',
  '军',
  '洋',
  '勇',
  '艳',
  '杰',
  '娟',
  '涛',
  '明',
  '超',
  '秀英',
  '霞',
  '平',
  '刚',
  '桂英',
  '晓东',
  '思远',
  '佳怡',
  '子涵',
  '浩然',
  '雨婷',
  '建华',
  '志强',
  '海燕',
  '文博',
]

/** A deterministic, plausible Chinese name for the n-th person. */
export function demoName(n: number): string {
  return SURNAMES[(n * 7) % SURNAMES.length] + GIVEN[(n * 13 + Math.floor(n / 5)) % GIVEN.length]
}

const phone = (prefix: string, n: number) => `${prefix}${String(n).padStart(8, '0')}`

/** 一企一表: kind, industry, employees and party members (党员 counted in the register, not the app's members). */
type OrgSpec = {
  name: string
  kind: OrganizationDoc['kind']
  industry: string
  employees: number
  partyMembers: number
  /** Its 党建指导员, where one is assigned. */
  instructor?: string
  /** Last updated in the previous quarter: due for 五清's quarterly update. */
  due?: boolean
}

type BranchSpec = {
  name: string
  type: BranchType
  members: number
  organizations: OrgSpec[]
}

const COMMUNITIES: { id: string; name: string; branches: BranchSpec[] }[] = [
  {
    id: 'community-xinhua',
    name: '新华路街道社区综合党委',
    branches: [
      {
        name: '云启科技有限公司党支部',
        type: '独立',
        members: 30,
        organizations: [
          {
            name: '上海云启科技有限公司',
            kind: 'enterprise',
            industry: '软件和信息技术',
            employees: 320,
            partyMembers: 31,
          },
        ],
      },
      {
        name: '番禺路小微企业联合党支部',
        type: '联合',
        members: 3,
        organizations: [
          {
            name: '上海禾木设计工作室',
            kind: 'enterprise',
            industry: '设计服务',
            employees: 12,
            partyMembers: 1,
          },
          {
            name: '上海知行文化传播有限公司',
            kind: 'enterprise',
            industry: '文化传媒',
            employees: 45,
            partyMembers: 4,
          },
          {
            name: '上海小确幸餐饮管理有限公司',
            kind: 'enterprise',
            industry: '餐饮',
            employees: 28,
            partyMembers: 1,
            due: true,
          },
        ],
      },
      {
        name: '新华大厦楼宇党支部',
        type: '楼宇',
        members: 22,
        organizations: [
          {
            name: '上海汇诚会计师事务所',
            kind: 'enterprise',
            industry: '会计服务',
            employees: 60,
            partyMembers: 2,
          },
          {
            name: '上海迅达物流有限公司',
            kind: 'enterprise',
            industry: '物流',
            employees: 150,
            partyMembers: 2,
          },
        ],
      },
      {
        name: '新华社区社会组织联合党支部',
        type: '联合',
        members: 8,
        organizations: [
          {
            name: '新华路街道阳光志愿者协会',
            kind: 'social',
            industry: '志愿服务',
            employees: 15,
            partyMembers: 2,
          },
          {
            name: '长宁区乐龄养老服务中心',
            kind: 'social',
            industry: '养老服务',
            employees: 40,
            partyMembers: 2,
          },
        ],
      },
    ],
  },
  {
    id: 'community-jiangsu',
    name: '江苏路街道社区综合党委',
    branches: [
      {
        name: '临空经济园区党支部',
        type: '园区',
        members: 25,
        organizations: [
          {
            name: '上海蓝航信息技术有限公司',
            kind: 'enterprise',
            industry: '信息技术',
            employees: 210,
            partyMembers: 2,
          },
          {
            name: '上海临空智造有限公司',
            kind: 'enterprise',
            industry: '智能制造',
            employees: 180,
            partyMembers: 2,
          },
        ],
      },
      {
        name: '长宁区律师行业党支部',
        type: '行业',
        members: 5,
        organizations: [
          {
            name: '上海明正律师事务所',
            kind: 'social',
            industry: '法律服务',
            employees: 35,
            partyMembers: 2,
          },
        ],
      },
      {
        name: '中山公园商圈楼宇党支部',
        type: '楼宇',
        members: 17,
        organizations: [
          {
            name: '上海龙之梦商业管理有限公司',
            kind: 'enterprise',
            industry: '商业管理',
            employees: 400,
            partyMembers: 2,
          },
        ],
      },
      {
        name: '江苏路社会工作服务社党支部',
        type: '独立',
        members: 10,
        organizations: [
          {
            name: '长宁区江苏路社会工作服务社',
            kind: 'social',
            industry: '社会工作',
            employees: 25,
            partyMembers: 10,
          },
        ],
      },
    ],
  },
]

/** 两新 organisations no party organisation covers yet, by community: 党建指导员 keep in touch with them. */
const UNCOVERED: Record<string, OrgSpec[]> = {
  'community-xinhua': [
    {
      name: '上海晨光电子商务有限公司',
      kind: 'enterprise',
      industry: '电子商务',
      employees: 85,
      partyMembers: 3,
      instructor: '周建国',
    },
    {
      name: '上海青禾花艺工作室',
      kind: 'enterprise',
      industry: '零售',
      employees: 6,
      partyMembers: 0,
    },
  ],
  'community-jiangsu': [
    {
      name: '长宁区邻里互助服务中心',
      kind: 'social',
      industry: '社区服务',
      employees: 9,
      partyMembers: 1,
      instructor: '沈丽华',
      due: true,
    },
  ],
}

export const DISTRICT_ID = 'district-changning'

export type DemoDistrict = {
  orgs: OrgDoc[]
  organizations: OrganizationDoc[]
  members: MemberDoc[]
  residents: ResidentDoc[]
}

export function buildDemoDistrict(at: Date = new Date('2026-01-01T00:00:00+08:00')): DemoDistrict {
  const orgs: OrgDoc[] = [
    {
      _id: DISTRICT_ID,
      name: '长宁区',
      level: 'district',
      parentId: null,
      communityId: null,
      districtId: DISTRICT_ID,
      sort: 0,
      createdAt: at,
    },
  ]
  const organizations: OrganizationDoc[] = []
  const members: MemberDoc[] = []
  const residents: ResidentDoc[] = []
  const person = (
    openid: string,
    name: string,
    tel: string,
    extra: Partial<MemberDoc>,
  ): MemberDoc => ({
    _id: memberIdOf(openid),
    openid,
    name,
    phone: tel,
    status: 'active',
    roles: [],
    branchId: null,
    communityId: null,
    createdAt: at,
    updatedAt: at,
    approvedAt: at,
    ...extra,
  })

  let instructorNo = 0
  const organization = (
    o: OrgSpec,
    id: string,
    communityId: string,
    covered: Pick<OrganizationDoc, 'branchId' | 'coverage'>,
  ): OrganizationDoc => ({
    _id: id,
    name: o.name,
    kind: o.kind,
    communityId,
    ...covered,
    industry: o.industry,
    address: `长宁区${o.name.slice(2, 4)}路 ${100 + organizations.length} 号`,
    employees: o.employees,
    partyMembers: o.partyMembers,
    instructor: o.instructor ? { name: o.instructor, phone: phone('133', ++instructorNo) } : null,
    // The previous quarter for entries due for their quarterly update.
    updatedAt: o.due ? new Date(at.getTime() - 30 * 86_400_000) : at,
    updatedBy: '区委组织部',
  })

  let branchNo = 0
  let memberNo = 0
  COMMUNITIES.forEach((community, ci) => {
    orgs.push({
      _id: community.id,
      name: community.name,
      level: 'community',
      parentId: DISTRICT_ID,
      communityId: community.id,
      districtId: DISTRICT_ID,
      sort: ci,
      createdAt: at,
    })
    members.push(
      person(`demo-community-admin-${ci + 1}`, demoName(900 + ci), phone('137', 900 + ci), {
        roles: ['communityAdmin'],
        communityId: community.id,
        adminCommunityId: community.id,
      }),
    )
    community.branches.forEach((spec, bi) => {
      branchNo += 1
      const branchId = `branch-${branchNo}`
      orgs.push({
        _id: branchId,
        name: spec.name,
        level: 'branch',
        parentId: community.id,
        communityId: community.id,
        districtId: DISTRICT_ID,
        branchType: spec.type,
        sort: bi,
        createdAt: at,
      })
      spec.organizations.forEach((o, oi) =>
        organizations.push(
          organization(o, `${branchId}-org-${oi + 1}`, community.id, {
            branchId,
            coverage: spec.type === '独立' ? 'own' : 'joint',
          }),
        ),
      )
      const inBranch = { branchId, communityId: community.id }
      members.push(
        person(
          `demo-secretary-${branchNo}`,
          demoName(500 + branchNo),
          phone('136', 500 + branchNo),
          { ...inBranch, roles: ['secretary'] },
        ),
      )
      for (let i = 0; i < spec.members; i++) {
        memberNo += 1
        // demo-member-2 is the 信息员 of branch 1, so the news editor can be tried without appointing one.
        const roles: MemberDoc['roles'] = memberNo === 2 ? ['infoOfficer'] : []
        members.push(
          person(`demo-member-${memberNo}`, demoName(memberNo), phone('139', memberNo), {
            ...inBranch,
            roles,
          }),
        )
      }
    })
  })
  for (const c of COMMUNITIES)
    UNCOVERED[c.id].forEach((o, oi) =>
      organizations.push(
        organization(o, `${c.id}-org-${oi + 1}`, c.id, { branchId: null, coverage: 'none' }),
      ),
    )
  members.push(
    person('demo-district-admin', demoName(999), phone('135', 999), { roles: ['districtAdmin'] }),
  )
  for (let i = 1; i <= 10; i++) {
    const openid = `demo-resident-${i}`
    residents.push({
      _id: residentIdOf(openid),
      openid,
      name: demoName(700 + i),
      phone: phone('158', 700 + i),
      communityId: COMMUNITIES[(i - 1) % 2].id,
      createdAt: at,
    })
  }
  return { orgs, organizations, members, residents }
}
