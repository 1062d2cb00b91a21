/**
 * The one error class of omeka-twin. Handlers throw it; each API flavour renders it in one place
 * (Classic: `{"message", "errors"?}`; Omeka S: `{"errors": {...}}`). Messages are Omeka's, to the letter.
 */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly errors?: Record<string, unknown>,
    /** Classic's PHP fatals answer with an empty text/html body instead of JSON. */
    readonly emptyHtml = false,
  ) {
    super(message)
  }
}

export const notFound = (): never => {
  throw new ApiError(404, 'Invalid record. Record not found.')
}

export const permissionDenied = (): never => {
  throw new ApiError(403, 'Permission denied.')
}
