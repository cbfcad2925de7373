// A fixed-window limiter for the sign-in endpoints, per client address, in this process's
// memory. It blunts floods of sign-in starts (each writes a login state) and callback guessing;
// with several web processes each keeps its own window, which is still a bound.
export interface RateLimiter {
  /** True when the key may go ahead; false when it is over the limit for this window. */
  take(key: string, now?: number): boolean;
}

export function fixedWindowLimiter(options: { limit: number; windowMs: number; maxKeys?: number }): RateLimiter {
  const windows = new Map<string, { start: number; count: number }>();
  const maxKeys = options.maxKeys ?? 10_000;
  return {
    take(key, now = Date.now()) {
      let w = windows.get(key);
      if (!w || now - w.start >= options.windowMs) {
        if (!w && windows.size >= maxKeys) {
          // Forget the oldest windows rather than grow without bound.
          for (const [k, v] of windows) if (now - v.start >= options.windowMs) windows.delete(k);
          if (windows.size >= maxKeys) windows.delete(windows.keys().next().value!);
        }
        w = { start: now, count: 0 };
        windows.set(key, w);
      }
      w.count++;
      return w.count <= options.limit;
    },
  };
}

/** Sign-in starts and callbacks: 30 a minute per address is far above any person. */
export const signInLimiter = fixedWindowLimiter({ limit: 30, windowMs: 60_000 });
