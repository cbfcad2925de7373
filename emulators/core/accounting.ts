// Request accounting: how many requests each route of each emulator served, so efficiency
// benchmarks can compare a sync's requests with the minimum.

export interface RouteCount {
  route: string;
  count: number;
  /** Responses with status >= 400 (faults included). */
  errors: number;
}

export class RequestAccounting {
  private readonly routes = new Map<string, RouteCount>();
  total = 0;

  private entry(route: string): RouteCount {
    let entry = this.routes.get(route);
    if (!entry) this.routes.set(route, (entry = { route, count: 0, errors: 0 }));
    return entry;
  }

  /** Counts a request as it arrives, so aborted and reset ones count too. */
  request(route: string): void {
    this.total++;
    this.entry(route).count++;
  }

  /** Counts a failed outcome: an error status, or a connection cut by a fault. */
  error(route: string): void {
    this.entry(route).errors++;
  }

  snapshot(): { total: number; routes: RouteCount[] } {
    return { total: this.total, routes: [...this.routes.values()].sort((a, b) => b.count - a.count).map((r) => ({ ...r })) };
  }

  reset(): void {
    this.routes.clear();
    this.total = 0;
  }
}
