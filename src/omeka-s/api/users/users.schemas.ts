import * as z from 'zod'

/** `o:email` of a user create or update: Omeka's EmailAddress validator (what the payload's other keys need is PHP-typed, see write/payload-fields.ts). */
export const emailSchema = z.string().email()
