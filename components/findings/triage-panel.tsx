"use client";
// Triage on a finding: who owns the fix, and the tracked work item — open a GitHub issue in the
// finding's repository or an Azure Boards item in a project, see its state. Rampart closes the
// item with a comment when the source fixes the finding.
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { sendJson } from "@/components/admin/send";

export interface WorkItemView {
  id: string;
  system: string;
  externalId: string;
  url: string;
  state: string;
  open: boolean;
}

interface TriageProps {
  findingId: string;
  csrfToken: string;
  assignee: string | null;
  ownerTeam: string | null;
  workItems: WorkItemView[];
  /** GitHub repositories get issues; Azure DevOps ones (or a chosen project) get Boards items. */
  repositorySource: string | null;
  boardsDefaults: { organization: string; project: string } | null;
}

const input = "mt-1 rounded-md border border-line px-2 py-1.5";

export function TriagePanel(props: TriageProps) {
  const router = useRouter();
  const [message, setMessage] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function run(url: string, body: unknown, done: (data: unknown) => string) {
    setBusy(true);
    const result = await sendJson("POST", url, props.csrfToken, body);
    setBusy(false);
    setMessage(result.ok ? done(result.data) : result.message);
    if (result.ok) router.refresh();
  }

  function assign(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const value = String(new FormData(event.currentTarget).get("assignee") ?? "").trim();
    void run(`/api/findings/${props.findingId}/assignee`, { assignee: value || null }, () => (value ? `Assigned to ${value}.` : "Unassigned."));
  }

  function boards(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    void run(
      `/api/findings/${props.findingId}/work-items`,
      { target: { system: "azure_boards", organization: form.get("organization"), project: form.get("project") } },
      (data) => ((data as { status?: string }).status === "exists" ? "A work item is already open for this finding." : "Azure Boards work item created."),
    );
  }

  return (
    <div className="space-y-4 text-sm">
      {message ? <p role="status" className="rounded-md border border-line bg-surface px-4 py-2">{message}</p> : null}
      <p>
        Owner: <span className="font-medium">{props.assignee ?? props.ownerTeam ?? "nobody yet"}</span>
        {props.assignee && props.ownerTeam ? <span className="text-muted"> (team {props.ownerTeam})</span> : null}
      </p>
      <form onSubmit={assign} className="flex flex-wrap items-end gap-3" aria-label="Assign this finding">
        <label className="flex flex-col">
          Assign to (UPN or login; empty to unassign)
          <input name="assignee" defaultValue={props.assignee ?? ""} maxLength={200} className={input} />
        </label>
        <button type="submit" disabled={busy} className="rounded-md border border-line px-3 py-1.5 font-medium hover:border-accent disabled:opacity-50">Save owner</button>
      </form>
      {props.workItems.length > 0 ? (
        <ul className="space-y-1">
          {props.workItems.map((w) => (
            <li key={w.id}>
              <a href={w.url} className="font-medium text-accent underline" rel="noreferrer">
                {w.system === "github_issue" ? "GitHub issue" : "Azure Boards item"} #{w.externalId.split("/").pop()}
              </a>{" "}
              — {w.state}
            </li>
          ))}
        </ul>
      ) : (
        <p className="text-muted">No work item tracks this finding yet.</p>
      )}
      <div className="flex flex-wrap items-end gap-6">
        {props.repositorySource === "github" ? (
          <button
            type="button"
            disabled={busy}
            onClick={() => void run(`/api/findings/${props.findingId}/work-items`, { target: { system: "github_issue" } }, (data) => ((data as { status?: string }).status === "exists" ? "An issue is already open for this finding." : "GitHub issue created."))}
            className="rounded-md border border-line px-3 py-1.5 font-medium hover:border-accent disabled:opacity-50"
          >
            Open a GitHub issue
          </button>
        ) : null}
        <form onSubmit={boards} className="flex flex-wrap items-end gap-3" aria-label="Create an Azure Boards work item">
          <label className="flex flex-col">
            Azure DevOps organization
            <input name="organization" required defaultValue={props.boardsDefaults?.organization ?? ""} className={input} />
          </label>
          <label className="flex flex-col">
            Project
            <input name="project" required defaultValue={props.boardsDefaults?.project ?? ""} className={input} />
          </label>
          <button type="submit" disabled={busy} className="rounded-md border border-line px-3 py-1.5 font-medium hover:border-accent disabled:opacity-50">Create Azure Boards item</button>
        </form>
      </div>
    </div>
  );
}
