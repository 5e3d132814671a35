// What a reply must not carry (issue 11): another user's openid, or a full phone number or address the
// caller may not see. Who may see what: a person their own; a branch's secretary its members' phones (the
// directory; everyone else gets them masked); a wish's claimer and its community's admin the resident's
// phone and address.
import { rows } from '../../cloudfunctions/_shared/db'
import type { MemberDoc, ResidentDoc } from '../../cloudfunctions/_shared/records'
import type { WishDoc } from '../../cloudfunctions/wish/src/store'
import type { TestCloud } from '../support/cloud'
import type { Profile } from './authz-model'

type Person = { openid: string; phone: string; member?: MemberDoc; resident?: ResidentDoc }

const PHONE = /(?<!\d)1[3-9]\d{9}(?!\d)/g
const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')

/** Everyone stored, and the wishes whose contacts someone may see, read once after the calls. */
export async function leakScanner(cloud: TestCloud) {
  const all = <T>(collection: string) => rows<T>(cloud.db.collection(collection).limit(1000))
  const [members, residents, wishes] = await Promise.all([
    all<MemberDoc>('members'),
    all<ResidentDoc>('residents'),
    all<WishDoc>('wishes'),
  ])
  const people: Person[] = [
    ...members.map((m) => ({ openid: m.openid, phone: m.phone, member: m })),
    ...residents.map((r) => ({ openid: r.openid, phone: r.phone, resident: r })),
  ]
  const openids = [...new Set(people.map((p) => p.openid))]
  const openidPattern = new RegExp(`(?<![\\w-])(${openids.map(escape).join('|')})(?![\\w-])`, 'g')

  /** Whether `caller` may see `person`'s phone and (a resident's) address. */
  function maySee(caller: Profile, person: Person): boolean {
    if (caller.openid === person.openid) return true
    const me = caller.member?.status === 'active' ? caller.member : null
    // A member's phone: their own secretary, and the resident whose wish they claimed (to call them).
    if (person.member)
      return (
        (!!me?.roles.includes('secretary') && me.branchId === person.member.branchId) ||
        wishes.some(
          (w) => w.claimer?.openid === person.openid && w.residentId === caller.resident?._id,
        )
      )
    const resident = person.resident!
    if (me?.roles.includes('communityAdmin') && me.adminCommunityId === resident.communityId)
      return true
    return wishes.some((w) => w.residentId === resident._id && w.claimer?.openid === caller.openid)
  }

  /** What `reply` shows `caller` that it should not, as readable findings (none: []). */
  return function leaks(caller: Profile, reply: unknown): string[] {
    const text = JSON.stringify(reply)
    const found: string[] = []
    for (const [openid] of text.matchAll(openidPattern))
      if (openid !== caller.openid) found.push(`openid ${openid}`)
    for (const [phone] of text.matchAll(PHONE)) {
      const owners = people.filter((p) => p.phone === phone)
      if (owners.length && !owners.some((p) => maySee(caller, p))) found.push(`phone ${phone}`)
    }
    const me = caller.member?.status === 'active' ? caller.member : null
    const involved = (w: WishDoc) =>
      caller.resident?._id === w.residentId ||
      w.claimer?.openid === caller.openid ||
      (!!me?.roles.includes('communityAdmin') && me.adminCommunityId === w.communityId)
    for (const address of new Set(wishes.map((w) => w.address)))
      if (address && text.includes(address))
        if (!wishes.some((w) => w.address === address && involved(w)))
          found.push(`address ${address}`)
    return [...new Set(found)]
  }
}
