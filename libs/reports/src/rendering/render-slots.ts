import { RenderAbortedError, RendererClosedError } from './render-errors.js';

interface Waiter {
  grant: () => void;
  refuse: (error: Error) => void;
}

/** At most `size` renders at once; the rest wait in arrival order (an abort or close takes them out). */
export class RenderSlots {
  private free: number;
  private readonly waiters: Waiter[] = [];
  private closed = false;

  constructor(size: number) {
    this.free = size;
  }

  take(signal?: AbortSignal): Promise<void> {
    if (this.closed) return Promise.reject(new RendererClosedError());
    if (signal?.aborted) return Promise.reject(new RenderAbortedError());
    if (this.free > 0) {
      this.free--;
      return Promise.resolve();
    }
    return new Promise<void>((resolve, reject) => {
      const onAbort = () => {
        this.waiters.splice(this.waiters.indexOf(waiter), 1);
        reject(new RenderAbortedError());
      };
      const waiter: Waiter = {
        grant: () => {
          signal?.removeEventListener('abort', onAbort);
          resolve();
        },
        refuse: (error) => {
          signal?.removeEventListener('abort', onAbort);
          reject(error);
        },
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      this.waiters.push(waiter);
    });
  }

  give(): void {
    const next = this.waiters.shift();
    if (next) next.grant();
    else this.free++;
  }

  /** Refuses every waiting and future render. */
  close(): void {
    this.closed = true;
    for (const waiter of this.waiters.splice(0)) waiter.refuse(new RendererClosedError());
  }
}
