/**
 * At most N requests per host at once, the rest waiting in FIFO order. Politeness: hundreds
 * of feeds on one host (a blog platform) must not hit it with hundreds of parallel requests.
 */
interface Waiter {
  resolve: (release: () => void) => void;
  reject: (error: unknown) => void;
}

interface HostState {
  active: number;
  queue: Waiter[];
}

export class HostLimiter {
  private readonly hosts = new Map<string, HostState>();

  constructor(private readonly perHost: number) {}

  /** Resolves with a release function once a slot for `host` is free. */
  acquire(host: string, signal?: AbortSignal): Promise<() => void> {
    if (signal?.aborted) return Promise.reject(signal.reason);
    let state = this.hosts.get(host);
    if (!state) {
      state = { active: 0, queue: [] };
      this.hosts.set(host, state);
    }
    if (state.active < this.perHost) {
      state.active++;
      return Promise.resolve(this.releaser(host, state));
    }
    const hostState = state;
    return new Promise((resolve, reject) => {
      const waiter: Waiter = {
        resolve: (release) => {
          signal?.removeEventListener('abort', onAbort);
          resolve(release);
        },
        reject: (error) => {
          signal?.removeEventListener('abort', onAbort);
          reject(error);
        },
      };
      const onAbort = () => {
        const index = hostState.queue.indexOf(waiter);
        if (index >= 0) hostState.queue.splice(index, 1);
        waiter.reject(signal?.reason);
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      hostState.queue.push(waiter);
    });
  }

  /** Fails every waiting request (on close). Active ones finish or are aborted by their owner. */
  rejectAll(error: unknown): void {
    for (const state of this.hosts.values()) {
      for (const waiter of state.queue.splice(0)) waiter.reject(error);
    }
  }

  private releaser(host: string, state: HostState): () => void {
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const next = state.queue.shift();
      if (next) {
        next.resolve(this.releaser(host, state));
      } else {
        state.active--;
        if (state.active === 0) this.hosts.delete(host);
      }
    };
  }
}
