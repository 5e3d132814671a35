/** `王秀英` → `王**`: a person shown by surname only to those who may not see their name (the length hidden
 * too); one form for residents on the wish wall and for commenters seen from outside their branch. */
export const surnameOnly = (name: string) => `${name.slice(0, 1)}**`
