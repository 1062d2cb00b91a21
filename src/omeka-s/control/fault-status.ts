import { retryAfter, statusText, type StatusEffect } from '../../control/faults/faults.effects.js'
import { sResponse } from '../respond.js'

/** A `status` fault answered as Omeka S answers errors: `{"errors": {"error": …}}`. */
export function sStatusResponse(effect: StatusEffect): Response {
  return sResponse(new Map(), { errors: { error: statusText(effect) } }, effect.status, retryAfter(effect))
}
