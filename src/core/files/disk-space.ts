/** An error as Node's fs raises it for a full disk (`ENOSPC`, errno -28). */
export function noSpaceError(path: string): NodeJS.ErrnoException {
  const err: NodeJS.ErrnoException = new Error(`ENOSPC: no space left on device, write '${path}'`)
  err.code = 'ENOSPC'
  err.errno = -28
  err.syscall = 'write'
  err.path = path
  return err
}

/**
 * The space a file store may still write: unlimited unless a test (or the kill harness) fills it. Past it a
 * write fails with ENOSPC before any byte lands, as a full disk makes it fail, so a full target can be
 * simulated without filling a real disk.
 */
export class DiskSpace {
  private left: number | null = null

  /** Writes fail once `bytes` more have been written (0: from the next write on). */
  fill(bytes = 0): void {
    this.left = bytes
  }

  /** Space is back: writes succeed again. */
  free(): void {
    this.left = null
  }

  /** Takes `size` bytes for a write to `path`, or throws ENOSPC when they do not fit. */
  reserve(path: string, size: number): void {
    if (this.left === null) return
    if (size > this.left) {
      this.left = 0
      throw noSpaceError(path)
    }
    this.left -= size
  }
}
