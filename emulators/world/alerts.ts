// GHAS alerts of one org and one kind, stored column-wise in typed arrays so enterprise scale
// (2M alerts) fits in tens of megabytes. Text fields (paths, messages) are derived on demand
// from the row's salt; only what changes over time (state, times) is stored.
import { Rng } from "../core/random";
import type { Organization } from "./github";

export type AlertKind = "code_scanning" | "secret_scanning" | "dependabot";
export const ALERT_KINDS: AlertKind[] = ["code_scanning", "dependabot", "secret_scanning"];

/** Share of an org's alerts per kind. */
export const KIND_SHARE: Record<AlertKind, number> = { code_scanning: 0.45, dependabot: 0.45, secret_scanning: 0.1 };

/**
 * Stored states. code scanning: open, dismissed, fixed. Dependabot: open, dismissed, fixed,
 * auto_dismissed. Secret scanning: open, resolved (the resolution says why).
 */
export const STATES = ["open", "fixed", "dismissed", "resolved", "auto_dismissed"] as const;
export type AlertState = (typeof STATES)[number];

export const DISMISS_REASONS: Record<AlertKind, readonly string[]> = {
  code_scanning: ["false positive", "won't fix", "used in tests"],
  dependabot: ["fix_started", "inaccurate", "no_bandwidth", "not_used", "tolerable_risk"],
  secret_scanning: ["false_positive", "wont_fix", "revoked", "used_in_tests"],
};

/** One alert as the emulators read it. */
export interface AlertRow {
  row: number;
  kind: AlertKind;
  repoIndex: number;
  /** Per-repository alert number, as GitHub numbers them. */
  number: number;
  createdAt: number;
  updatedAt: number;
  state: AlertState;
  /** When it was fixed/dismissed/resolved; null while open. */
  closedAt: number | null;
  /** Index into the catalog of the kind (rule, advisory or secret type). */
  catalogIndex: number;
  /** User index (GitHubWorld.users) who dismissed/resolved it, or null. */
  closedBy: number | null;
  /** Index into DISMISS_REASONS[kind] for dismissed/resolved alerts. */
  reasonIndex: number;
  /** Stable per-alert randomness for derived text (paths, lines, commit SHAs). */
  salt: number;
}

const MEAN_DAYS_TO_CLOSE = [12, 35, 70, 140];
const DAY = 86_400_000;

class Column<T extends Float64Array | Int32Array | Uint32Array | Uint8Array> {
  constructor(
    public data: T,
    private readonly make: (n: number) => T,
  ) {}
  grow(capacity: number): void {
    if (capacity <= this.data.length) return;
    const next = this.make(Math.max(capacity, this.data.length * 2));
    next.set(this.data);
    this.data = next;
  }
}

/** All alerts of one kind in one org. */
export class AlertTable {
  size = 0;
  private readonly repo = new Column(new Int32Array(0), (n) => new Int32Array(n));
  private readonly num = new Column(new Int32Array(0), (n) => new Int32Array(n));
  private readonly created = new Column(new Float64Array(0), (n) => new Float64Array(n));
  private readonly updated = new Column(new Float64Array(0), (n) => new Float64Array(n));
  private readonly closed = new Column(new Float64Array(0), (n) => new Float64Array(n));
  private readonly state = new Column(new Uint8Array(0), (n) => new Uint8Array(n));
  private readonly catalog = new Column(new Int32Array(0), (n) => new Int32Array(n));
  private readonly closer = new Column(new Int32Array(0), (n) => new Int32Array(n));
  private readonly reason = new Column(new Uint8Array(0), (n) => new Uint8Array(n));
  private readonly salts = new Column(new Uint32Array(0), (n) => new Uint32Array(n));
  private readonly nextNumber: Int32Array;
  private orderCache = new Map<string, Int32Array>();
  private byNumber: Map<number, number> | undefined;

  constructor(
    readonly kind: AlertKind,
    readonly org: Organization,
    private readonly catalogSize: number,
  ) {
    this.nextNumber = new Int32Array(org.repos.length).fill(1);
  }

  private columns() {
    return [this.repo, this.num, this.created, this.updated, this.closed, this.state, this.catalog, this.closer, this.reason, this.salts];
  }

  /** Appends an alert; numbers are assigned per repository in creation order. */
  append(rng: Rng, repoIndex: number, createdAt: number, memberCount: number, now: number, closeNow = false): number {
    const row = this.size++;
    for (const column of this.columns()) column.grow(this.size);
    this.repo.data[row] = repoIndex;
    this.num.data[row] = this.nextNumber[repoIndex]!++;
    this.created.data[row] = createdAt;
    this.catalog.data[row] = rng.int(0, this.catalogSize - 1);
    this.salts.data[row] = rng.int(0, 0xffffffff);
    this.setOpen(row, createdAt);
    if (!closeNow) {
      // Older alerts are likelier to be closed; severity (catalog index spread) sets the pace.
      const mean = MEAN_DAYS_TO_CLOSE[rng.int(0, 3)]! * DAY;
      const closeAt = createdAt - Math.log(1 - rng.next()) * mean;
      if (closeAt < now && rng.bool(0.85)) this.close(row, closeAt, rng, memberCount);
    }
    return row;
  }

  setOpen(row: number, at: number): void {
    this.state.data[row] = STATES.indexOf("open");
    this.closed.data[row] = Number.NaN;
    this.closer.data[row] = -1;
    this.updated.data[row] = at;
    this.orderCache.clear();
  }

  /** Closes an alert the way its kind closes: fixed mostly, else dismissed / resolved. */
  close(row: number, at: number, rng: Rng, memberCount: number): void {
    let state: AlertState;
    if (this.kind === "secret_scanning") state = "resolved";
    else if (this.kind === "dependabot") state = rng.weighted(["fixed", "dismissed", "auto_dismissed"] as const, [7, 2, 1]);
    else state = rng.weighted(["fixed", "dismissed"] as const, [3, 1]);
    this.state.data[row] = STATES.indexOf(state);
    this.closed.data[row] = at;
    this.updated.data[row] = at;
    const byPerson = state === "dismissed" || state === "resolved";
    this.closer.data[row] = byPerson ? rng.int(0, Math.max(0, memberCount - 1)) : -1;
    this.reason.data[row] = rng.int(0, DISMISS_REASONS[this.kind].length - 1);
    this.orderCache.clear();
  }

  get(row: number): AlertRow {
    const closedAt = this.closed.data[row]!;
    const closer = this.closer.data[row]!;
    return {
      row,
      kind: this.kind,
      repoIndex: this.repo.data[row]!,
      number: this.num.data[row]!,
      createdAt: this.created.data[row]!,
      updatedAt: this.updated.data[row]!,
      state: STATES[this.state.data[row]!]!,
      closedAt: Number.isNaN(closedAt) ? null : closedAt,
      catalogIndex: this.catalog.data[row]!,
      closedBy: closer < 0 ? null : closer,
      reasonIndex: this.reason.data[row]!,
      salt: this.salts.data[row]!,
    };
  }

  /** Finds the row of alert `number` in repository `repoIndex`, or -1. */
  find(repoIndex: number, number: number): number {
    if (!this.byNumber || this.byNumber.size !== this.size) {
      this.byNumber = new Map();
      for (let row = 0; row < this.size; row++) this.byNumber.set(this.repo.data[row]! * 10_000_000 + this.num.data[row]!, row);
    }
    return this.byNumber.get(repoIndex * 10_000_000 + number) ?? -1;
  }

  /**
   * Row ids ordered by `sort` ascending (ties by row, so paging is stable). Cached until the
   * next change; an emulator serves `direction=desc` by walking it backwards.
   */
  order(sort: "created" | "updated"): Int32Array {
    const cached = this.orderCache.get(sort);
    if (cached) return cached;
    const keys = sort === "created" ? this.created.data : this.updated.data;
    const rows = new Int32Array(this.size);
    for (let i = 0; i < this.size; i++) rows[i] = i;
    rows.sort((a, b) => keys[a]! - keys[b]! || a - b);
    this.orderCache.set(sort, rows);
    return rows;
  }
}

/** Fills a table with the org's history of alerts of this kind up to `now`. */
export function generateAlerts(seed: number, table: AlertTable, total: number, now: number, historyDays: number, memberCount: number): void {
  const repos = table.org.repos;
  const cumulative = new Float64Array(repos.length);
  let weightSum = 0;
  repos.forEach((r, i) => (cumulative[i] = weightSum += r.alertWeight));
  const rng = Rng.of(seed, "alerts", table.org.index, table.kind);
  // Creation times across the org, oldest first, so per-repo numbers follow creation order.
  const times: number[] = Array.from({ length: total }, () => now - rng.next() * historyDays * DAY);
  times.sort((a, b) => a - b);
  for (const createdAt of times) table.append(rng, pickWeighted(cumulative, rng.next() * weightSum), createdAt, memberCount, now);
}

/** Index of the first cumulative weight above `roll` (binary search). */
export function pickWeighted(cumulative: Float64Array, roll: number): number {
  let lo = 0;
  let hi = cumulative.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (cumulative[mid]! > roll) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}
