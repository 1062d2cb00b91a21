import { retryAfter, statusText, type StatusEffect } from '../../control/faults/faults.effects.js'
import { respond } from '../respond.js'

/** A `status` fault answered as Omeka S answers errors: `{"errors": {"error": …}}`. */
export function statusResponse(effect: StatusEffect): Response {
  return respond(new Map(), { errors: { error: statusText(effect) } }, effect.status, retryAfter(effect))
}
