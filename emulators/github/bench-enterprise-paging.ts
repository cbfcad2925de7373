// Pages through every alert of an enterprise-scale world (50 orgs, ~2M alerts) at per_page=100,
// the way a full sync would, while sampling the emulator process's memory. The emulator runs in
// a child process so its RSS is its own; the peak is the kernel's high-water mark (VmHWM).
//
//   npx tsx emulators/github/bench-enterprise-paging.ts [--concurrency 6] [--orgs 50] [--scale enterprise]
import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { Agent, request } from "node:https";
import { createInterface } from "node:readline";
import { parseArgs } from "node:util";
import { fileURLToPath } from "node:url";

const { values } = parseArgs({
  options: {
    serve: { type: "boolean", default: false },
    scale: { type: "string", default: "enterprise" },
    concurrency: { type: "string", default: "6" },
    orgs: { type: "string", default: "0" },
    "per-page": { type: "string", default: "100" },
  },
});

interface Ready {
  github: string;
  token: string;
  caCert: string;
  orgs: string[];
  totalAlerts: number;
  generatedMs: number;
}

/** Child: the GitHub emulator alone, with every alert table generated up front. */
async function serve(): Promise<void> {
  const { startEmulators } = await import("../start");
  const { rateLimitStore } = await import("./rate-limit");
  const running = await startEmulators({ scale: values.scale as "enterprise", only: ["github"], dir: ".emulators/bench" });
  // 2M alerts at 100 a page is 20k requests: four hours of a real 5,000/h budget. This run
  // measures memory and throughput, so the budget is lifted.
  rateLimitStore(running.ctx).overrides.core = 10_000_000;
  const started = Date.now();
  const totalAlerts = running.ctx.world.totalAlerts();
  const ready: Ready = {
    github: running.endpoints.github,
    token: running.endpoints.githubToken,
    caCert: running.endpoints.caCert,
    orgs: running.endpoints.world.githubOrgs,
    totalAlerts,
    generatedMs: Date.now() - started,
  };
  console.log(JSON.stringify(ready));
  process.on("SIGTERM", () => void running.close().then(() => process.exit(0)));
  // Never outlive the benchmark that started it.
  setInterval(() => process.ppid === 1 && process.exit(0), 1000).unref();
}

function memoryOf(pid: number): { rssMb: number; peakMb: number } {
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  const kb = (field: string) => Number(status.split("\n").find((line) => line.startsWith(`${field}:`))?.split(/\s+/)[1] ?? 0);
  return { rssMb: kb("VmRSS") / 1024, peakMb: kb("VmHWM") / 1024 };
}

/** Parent: starts the child, pages everything, reports, and always stops the child. */
async function bench(): Promise<void> {
  const child = spawn(process.execPath, ["--import", "tsx", fileURLToPath(import.meta.url), "--serve", "--scale", values.scale!], { stdio: ["ignore", "pipe", "inherit"] });
  try {
    await run(child);
  } finally {
    child.kill("SIGTERM");
  }
}

async function run(child: ReturnType<typeof spawn>): Promise<void> {
  const startedAt = Date.now();
  const ready = await new Promise<Ready>((resolve, reject) => {
    createInterface({ input: child.stdout! }).on("line", (line) => {
      if (line.startsWith("{")) resolve(JSON.parse(line) as Ready);
    });
    child.on("exit", (code) => reject(new Error(`emulator exited with ${code}`)));
  });
  console.log(`world up in ${((Date.now() - startedAt) / 1000).toFixed(1)} s (${ready.totalAlerts} alerts generated in ${(ready.generatedMs / 1000).toFixed(1)} s); RSS ${memoryOf(child.pid!).rssMb.toFixed(0)} MB`);

  const agent = new Agent({ keepAlive: true, maxSockets: 64, ca: readFileSync(ready.caCert) });
  const get = (url: string) =>
    new Promise<{ items: number; next: string | undefined }>((resolve, reject) => {
      request(url, { agent, headers: { authorization: `Bearer ${ready.token}`, accept: "application/vnd.github+json" } }, (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () => {
          if (res.statusCode !== 200) return reject(new Error(`${url}: ${res.statusCode} ${Buffer.concat(chunks).toString().slice(0, 200)}`));
          const next = /<([^>]+)>;\s*rel="next"/.exec(String(res.headers.link ?? ""))?.[1];
          resolve({ items: (JSON.parse(Buffer.concat(chunks).toString("utf8")) as unknown[]).length, next });
        });
      })
        .on("error", reject)
        .end();
    });

  const orgs = Number(values.orgs) > 0 ? ready.orgs.slice(0, Number(values.orgs)) : ready.orgs;
  const streams = orgs.flatMap((org) => ["code-scanning/alerts", "dependabot/alerts", "secret-scanning/alerts"].map((path) => `${ready.github}/orgs/${org}/${path}?per_page=${values["per-page"]}`));
  let requests = 0;
  let alerts = 0;
  let peakSampled = 0;
  const sampler = setInterval(() => (peakSampled = Math.max(peakSampled, memoryOf(child.pid!).rssMb)), 250);
  const began = Date.now();
  const progress = setInterval(() => console.log(`  ${alerts} alerts, ${requests} requests, ${((Date.now() - began) / 1000).toFixed(0)} s, RSS ${memoryOf(child.pid!).rssMb.toFixed(0)} MB`), 15_000);
  const worker = async () => {
    for (let url = streams.shift(); url; url = streams.shift()) {
      for (let next: string | undefined = url; next; ) {
        const page = await get(next);
        requests++;
        alerts += page.items;
        next = page.next;
      }
    }
  };
  await Promise.all(Array.from({ length: Number(values.concurrency) }, worker));
  clearInterval(sampler);
  clearInterval(progress);
  const elapsed = (Date.now() - began) / 1000;
  const memory = memoryOf(child.pid!);
  const expected = orgs.length === ready.orgs.length ? ready.totalAlerts : undefined;
  console.log(
    JSON.stringify(
      {
        scale: values.scale,
        orgs: orgs.length,
        alertsPaged: alerts,
        alertsInWorld: ready.totalAlerts,
        complete: expected === undefined ? "partial run" : alerts === expected,
        requests,
        seconds: Math.round(elapsed),
        alertsPerSecond: Math.round(alerts / elapsed),
        peakRssMb: Math.round(Math.max(memory.peakMb, peakSampled)),
        rssAtEndMb: Math.round(memory.rssMb),
      },
      null,
      2,
    ),
  );
  agent.destroy();
  if (expected !== undefined && alerts !== expected) process.exitCode = 1;
}

await (values.serve ? serve() : bench());
