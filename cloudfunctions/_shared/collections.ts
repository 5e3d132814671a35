// Collection names, as declared (with their indexes and security rules) in emulator/database.json.
export const COLLECTIONS = {
  orgs: 'orgs',
  organizations: 'organizations',
  members: 'members',
  residents: 'residents',
  ledger: 'participation_ledger',
  memberMonths: 'member_months',
  branchMonths: 'branch_months',
  news: 'news',
} as const
