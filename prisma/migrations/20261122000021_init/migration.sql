-- CreateEnum
CREATE TYPE "source" AS ENUM ('github', 'defender', 'azure_devops', 'azure_policy');

-- CreateEnum
CREATE TYPE "connection_kind" AS ENUM ('github_app', 'github_token', 'azure_subscription', 'azure_management_group', 'azure_devops_org');

-- CreateEnum
CREATE TYPE "connection_status" AS ENUM ('pending', 'healthy', 'degraded', 'failing', 'disabled');

-- CreateEnum
CREATE TYPE "severity" AS ENUM ('critical', 'high', 'medium', 'low', 'info');

-- CreateEnum
CREATE TYPE "finding_state" AS ENUM ('open', 'fixed', 'dismissed', 'resolved');

-- CreateEnum
CREATE TYPE "finding_kind" AS ENUM ('code', 'secret', 'dependency', 'iac', 'container', 'cloud_recommendation', 'cloud_alert', 'policy');

-- CreateEnum
CREATE TYPE "stage" AS ENUM ('pre_commit', 'ci', 'cd', 'operate');

-- CreateEnum
CREATE TYPE "rollup_stage" AS ENUM ('all', 'pre_commit', 'ci', 'cd', 'operate');

-- CreateEnum
CREATE TYPE "finding_event_type" AS ENUM ('opened', 'reopened', 'fixed', 'dismissed', 'resolved', 'severity_changed', 'accepted', 'acceptance_expired');

-- CreateEnum
CREATE TYPE "control_status" AS ENUM ('pass', 'fail', 'partial', 'unknown');

-- CreateEnum
CREATE TYPE "sync_status" AS ENUM ('queued', 'running', 'succeeded', 'partial', 'failed', 'cancelled');

-- CreateEnum
CREATE TYPE "sync_mode" AS ENUM ('full', 'incremental', 'webhook');

-- CreateEnum
CREATE TYPE "risk_acceptance_scope" AS ENUM ('finding', 'rule', 'control');

-- CreateEnum
CREATE TYPE "risk_acceptance_status" AS ENUM ('pending', 'active', 'expired', 'revoked', 'rejected');

-- CreateEnum
CREATE TYPE "rollup_scope" AS ENUM ('repository', 'team', 'organization', 'enterprise');

-- CreateEnum
CREATE TYPE "link_origin" AS ENUM ('saml', 'scim', 'team_sync', 'admin');

-- CreateEnum
CREATE TYPE "notification_channel" AS ENUM ('teams', 'slack', 'email', 'webhook');

-- CreateEnum
CREATE TYPE "delivery_status" AS ENUM ('pending', 'sent', 'failed', 'suppressed');

-- CreateTable
CREATE TABLE "connection" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "kind" "connection_kind" NOT NULL,
    "display_name" TEXT NOT NULL,
    "base_url" TEXT NOT NULL,
    "config" JSONB NOT NULL DEFAULT '{}',
    "secret_ref" TEXT,
    "secret_ciphertext" BYTEA,
    "status" "connection_status" NOT NULL DEFAULT 'pending',
    "last_tested_at" TIMESTAMPTZ(3),
    "last_test_result" JSONB,
    "enabled" BOOLEAN NOT NULL DEFAULT true,
    "created_by" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "connection_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "organization" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "connection_id" UUID,
    "source" "source" NOT NULL,
    "source_id" TEXT NOT NULL,
    "login" TEXT NOT NULL,
    "name" TEXT,
    "url" TEXT,
    "enterprise_slug" TEXT,
    "settings" JSONB NOT NULL DEFAULT '{}',
    "deleted_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "organization_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "team" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "organization_id" UUID NOT NULL,
    "source" "source" NOT NULL,
    "source_id" TEXT NOT NULL,
    "slug" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "description" TEXT,
    "parent_team_id" UUID,
    "deleted_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "team_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "team_repository" (
    "team_id" UUID NOT NULL,
    "repository_id" UUID NOT NULL,
    "permission" TEXT NOT NULL,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "team_repository_pkey" PRIMARY KEY ("team_id","repository_id")
);

-- CreateTable
CREATE TABLE "team_member" (
    "team_id" UUID NOT NULL,
    "login" TEXT NOT NULL,
    "role" TEXT NOT NULL DEFAULT 'member',
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "team_member_pkey" PRIMARY KEY ("team_id","login")
);

-- CreateTable
CREATE TABLE "repository" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "organization_id" UUID NOT NULL,
    "source" "source" NOT NULL,
    "source_id" TEXT NOT NULL,
    "node_id" TEXT,
    "name" TEXT NOT NULL,
    "full_name" TEXT NOT NULL,
    "project_name" TEXT,
    "url" TEXT,
    "default_branch" TEXT,
    "visibility" TEXT,
    "archived" BOOLEAN NOT NULL DEFAULT false,
    "is_fork" BOOLEAN NOT NULL DEFAULT false,
    "primary_language" TEXT,
    "settings" JSONB NOT NULL DEFAULT '{}',
    "pushed_at" TIMESTAMPTZ(3),
    "source_updated_at" TIMESTAMPTZ(3),
    "deleted_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "repository_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "repository_collaborator" (
    "repository_id" UUID NOT NULL,
    "login" TEXT NOT NULL,
    "permission" TEXT NOT NULL,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "repository_collaborator_pkey" PRIMARY KEY ("repository_id","login")
);

-- CreateTable
CREATE TABLE "cloud_resource" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "connection_id" UUID,
    "resource_id" TEXT NOT NULL,
    "subscription_id" TEXT NOT NULL,
    "resource_group" TEXT,
    "type" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "location" TEXT,
    "tags" JSONB NOT NULL DEFAULT '{}',
    "repository_id" UUID,
    "deleted_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "cloud_resource_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "secure_score_snapshot" (
    "id" BIGSERIAL NOT NULL,
    "subscription_id" TEXT NOT NULL,
    "score_name" TEXT NOT NULL,
    "current" DOUBLE PRECISION NOT NULL,
    "max" DOUBLE PRECISION NOT NULL,
    "percentage" DOUBLE PRECISION NOT NULL,
    "weight" INTEGER,
    "captured_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "secure_score_snapshot_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "user" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "tenant_id" TEXT NOT NULL,
    "object_id" TEXT NOT NULL,
    "upn" TEXT,
    "display_name" TEXT,
    "email" TEXT,
    "last_seen_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "user_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "identity_link" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "tenant_id" TEXT NOT NULL,
    "entra_object_id" TEXT,
    "entra_upn" TEXT,
    "organization_id" UUID NOT NULL,
    "provider" "source" NOT NULL,
    "login" TEXT NOT NULL,
    "origin" "link_origin" NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "identity_link_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "group_team_link" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "tenant_id" TEXT NOT NULL,
    "entra_group_id" TEXT NOT NULL,
    "team_id" UUID NOT NULL,
    "origin" "link_origin" NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "group_team_link_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "session" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "token_hash" TEXT NOT NULL,
    "user_id" UUID NOT NULL,
    "roles" TEXT[],
    "groups" TEXT[],
    "csrf_token" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "last_seen_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "idle_expires_at" TIMESTAMPTZ(3) NOT NULL,
    "absolute_expires_at" TIMESTAMPTZ(3) NOT NULL,
    "revoked_at" TIMESTAMPTZ(3),
    "ip_address" TEXT,
    "user_agent" TEXT,

    CONSTRAINT "session_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "login_state" (
    "state" TEXT NOT NULL,
    "code_verifier" TEXT NOT NULL,
    "nonce" TEXT NOT NULL,
    "return_to" TEXT NOT NULL,
    "expires_at" TIMESTAMPTZ(3) NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "login_state_pkey" PRIMARY KEY ("state")
);

-- CreateTable
CREATE TABLE "finding" (
    "id" BIGSERIAL NOT NULL,
    "source" "source" NOT NULL,
    "source_id" TEXT NOT NULL,
    "kind" "finding_kind" NOT NULL,
    "connection_id" UUID,
    "organization_id" UUID,
    "repository_id" UUID,
    "cloud_resource_id" UUID,
    "rule_id" TEXT NOT NULL,
    "rule_name" TEXT,
    "title" TEXT NOT NULL,
    "severity" "severity" NOT NULL,
    "source_severity" TEXT,
    "state" "finding_state" NOT NULL,
    "stage" "stage" NOT NULL,
    "fingerprint" CHAR(64) NOT NULL,
    "location_path" TEXT,
    "location_line" INTEGER,
    "details" JSONB NOT NULL DEFAULT '{}',
    "url" TEXT,
    "cve_id" TEXT,
    "cvss_score" DOUBLE PRECISION,
    "first_seen_at" TIMESTAMPTZ(3) NOT NULL,
    "last_seen_at" TIMESTAMPTZ(3) NOT NULL,
    "source_created_at" TIMESTAMPTZ(3),
    "source_updated_at" TIMESTAMPTZ(3),
    "fixed_at" TIMESTAMPTZ(3),
    "dismissed_at" TIMESTAMPTZ(3),
    "dismissed_reason" TEXT,
    "dismissed_by" TEXT,
    "resolved_at" TIMESTAMPTZ(3),
    "assignee" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "finding_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "finding_event" (
    "id" BIGSERIAL NOT NULL,
    "finding_id" BIGINT NOT NULL,
    "type" "finding_event_type" NOT NULL,
    "from_state" "finding_state",
    "to_state" "finding_state" NOT NULL,
    "from_severity" "severity",
    "to_severity" "severity" NOT NULL,
    "occurred_at" TIMESTAMPTZ(3) NOT NULL,
    "actor" TEXT,
    "reason" TEXT,
    "sync_run_id" UUID,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "finding_event_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "control_result" (
    "id" BIGSERIAL NOT NULL,
    "control_id" TEXT NOT NULL,
    "catalog_version" TEXT NOT NULL,
    "stage" "stage" NOT NULL,
    "repository_id" UUID,
    "cloud_resource_id" UUID,
    "status" "control_status" NOT NULL,
    "score" DOUBLE PRECISION,
    "evidence" JSONB NOT NULL DEFAULT '{}',
    "evaluated_at" TIMESTAMPTZ(3) NOT NULL,
    "last_evaluated_at" TIMESTAMPTZ(3) NOT NULL,
    "superseded_at" TIMESTAMPTZ(3),

    CONSTRAINT "control_result_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "risk_acceptance" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "scope" "risk_acceptance_scope" NOT NULL,
    "finding_id" BIGINT,
    "repository_id" UUID,
    "rule_id" TEXT,
    "control_id" TEXT,
    "reason" TEXT NOT NULL,
    "status" "risk_acceptance_status" NOT NULL DEFAULT 'pending',
    "requested_by" TEXT NOT NULL,
    "approved_by" TEXT,
    "approved_at" TIMESTAMPTZ(3),
    "expires_at" TIMESTAMPTZ(3) NOT NULL,
    "revoked_by" TEXT,
    "revoked_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "risk_acceptance_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "audit_event" (
    "id" BIGSERIAL NOT NULL,
    "connection_id" UUID,
    "organization_id" UUID NOT NULL,
    "source_id" TEXT NOT NULL,
    "correlation_id" TEXT,
    "activity_id" TEXT,
    "action_id" TEXT NOT NULL,
    "area" TEXT NOT NULL,
    "category" TEXT NOT NULL,
    "category_name" TEXT,
    "scope_type" TEXT,
    "scope_display_name" TEXT,
    "project_id" TEXT,
    "project_name" TEXT,
    "actor_user_id" TEXT,
    "actor_upn" TEXT,
    "actor_display_name" TEXT,
    "ip_address" TEXT,
    "user_agent" TEXT,
    "details" TEXT,
    "data" JSONB NOT NULL DEFAULT '{}',
    "occurred_at" TIMESTAMPTZ(3) NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "audit_event_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "app_audit_event" (
    "id" BIGSERIAL NOT NULL,
    "actor_object_id" TEXT,
    "actor_upn" TEXT,
    "action" TEXT NOT NULL,
    "target_type" TEXT,
    "target_id" TEXT,
    "details" JSONB NOT NULL DEFAULT '{}',
    "ip_address" TEXT,
    "user_agent" TEXT,
    "occurred_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "app_audit_event_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "sync_run" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "connection_id" UUID NOT NULL,
    "source" "source" NOT NULL,
    "stream" TEXT NOT NULL,
    "scope_key" TEXT NOT NULL,
    "mode" "sync_mode" NOT NULL,
    "status" "sync_status" NOT NULL DEFAULT 'queued',
    "cursor" JSONB,
    "items_seen" INTEGER NOT NULL DEFAULT 0,
    "items_created" INTEGER NOT NULL DEFAULT 0,
    "items_updated" INTEGER NOT NULL DEFAULT 0,
    "items_closed" INTEGER NOT NULL DEFAULT 0,
    "requests_spent" INTEGER NOT NULL DEFAULT 0,
    "rate_limit_remaining" INTEGER,
    "attempt" INTEGER NOT NULL DEFAULT 1,
    "worker_id" TEXT,
    "error_code" TEXT,
    "error" TEXT,
    "queued_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "started_at" TIMESTAMPTZ(3),
    "heartbeat_at" TIMESTAMPTZ(3),
    "finished_at" TIMESTAMPTZ(3),

    CONSTRAINT "sync_run_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "sync_checkpoint" (
    "connection_id" UUID NOT NULL,
    "stream" TEXT NOT NULL,
    "scope_key" TEXT NOT NULL,
    "position" JSONB NOT NULL,
    "last_full_sync_at" TIMESTAMPTZ(3),
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "sync_checkpoint_pkey" PRIMARY KEY ("connection_id","stream","scope_key")
);

-- CreateTable
CREATE TABLE "webhook_delivery" (
    "delivery_id" TEXT NOT NULL,
    "source" "source" NOT NULL,
    "event" TEXT NOT NULL,
    "action" TEXT,
    "status" TEXT NOT NULL,
    "error" TEXT,
    "received_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "processed_at" TIMESTAMPTZ(3),

    CONSTRAINT "webhook_delivery_pkey" PRIMARY KEY ("delivery_id")
);

-- CreateTable
CREATE TABLE "posture_rollup" (
    "id" BIGSERIAL NOT NULL,
    "scope" "rollup_scope" NOT NULL,
    "scope_id" TEXT NOT NULL,
    "day" DATE NOT NULL,
    "stage" "rollup_stage" NOT NULL,
    "score" DOUBLE PRECISION,
    "controls_passed" INTEGER NOT NULL DEFAULT 0,
    "controls_failed" INTEGER NOT NULL DEFAULT 0,
    "controls_partial" INTEGER NOT NULL DEFAULT 0,
    "controls_unknown" INTEGER NOT NULL DEFAULT 0,
    "open_critical" INTEGER NOT NULL DEFAULT 0,
    "open_high" INTEGER NOT NULL DEFAULT 0,
    "open_medium" INTEGER NOT NULL DEFAULT 0,
    "open_low" INTEGER NOT NULL DEFAULT 0,
    "open_info" INTEGER NOT NULL DEFAULT 0,
    "opened_count" INTEGER NOT NULL DEFAULT 0,
    "fixed_count" INTEGER NOT NULL DEFAULT 0,
    "dismissed_count" INTEGER NOT NULL DEFAULT 0,
    "sla_breached" INTEGER NOT NULL DEFAULT 0,
    "mttr_hours_critical" DOUBLE PRECISION,
    "mttr_hours_high" DOUBLE PRECISION,
    "mttr_hours_medium" DOUBLE PRECISION,
    "mttr_hours_low" DOUBLE PRECISION,
    "computed_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "posture_rollup_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "setting" (
    "key" TEXT NOT NULL,
    "value" JSONB NOT NULL,
    "updated_by" TEXT,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "setting_pkey" PRIMARY KEY ("key")
);

-- CreateTable
CREATE TABLE "notification_rule" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "name" TEXT NOT NULL,
    "trigger" TEXT NOT NULL,
    "conditions" JSONB NOT NULL DEFAULT '{}',
    "channel" "notification_channel" NOT NULL,
    "target" TEXT NOT NULL,
    "secret_ciphertext" BYTEA,
    "digest" BOOLEAN NOT NULL DEFAULT false,
    "quiet_hours" JSONB,
    "enabled" BOOLEAN NOT NULL DEFAULT true,
    "created_by" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "notification_rule_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "notification_delivery" (
    "id" BIGSERIAL NOT NULL,
    "rule_id" UUID NOT NULL,
    "dedup_key" TEXT NOT NULL,
    "payload" JSONB NOT NULL,
    "status" "delivery_status" NOT NULL DEFAULT 'pending',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "last_error" TEXT,
    "response_code" INTEGER,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "sent_at" TIMESTAMPTZ(3),

    CONSTRAINT "notification_delivery_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "work_item_link" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "finding_id" BIGINT,
    "control_id" TEXT,
    "repository_id" UUID,
    "system" TEXT NOT NULL,
    "external_id" TEXT NOT NULL,
    "url" TEXT NOT NULL,
    "state" TEXT NOT NULL,
    "created_by" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "work_item_link_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "connection_kind_idx" ON "connection"("kind");

-- CreateIndex
CREATE INDEX "organization_source_login_idx" ON "organization"("source", "login");

-- CreateIndex
CREATE INDEX "organization_connection_id_idx" ON "organization"("connection_id");

-- CreateIndex
CREATE UNIQUE INDEX "organization_source_source_id_key" ON "organization"("source", "source_id");

-- CreateIndex
CREATE INDEX "team_parent_team_id_idx" ON "team"("parent_team_id");

-- CreateIndex
CREATE UNIQUE INDEX "team_source_source_id_key" ON "team"("source", "source_id");

-- CreateIndex
CREATE UNIQUE INDEX "team_organization_id_slug_key" ON "team"("organization_id", "slug");

-- CreateIndex
CREATE INDEX "team_repository_repository_id_idx" ON "team_repository"("repository_id");

-- CreateIndex
CREATE INDEX "team_member_login_idx" ON "team_member"("login");

-- CreateIndex
CREATE INDEX "repository_organization_id_name_idx" ON "repository"("organization_id", "name");

-- CreateIndex
CREATE INDEX "repository_node_id_idx" ON "repository"("node_id");

-- CreateIndex
CREATE UNIQUE INDEX "repository_source_source_id_key" ON "repository"("source", "source_id");

-- CreateIndex
CREATE INDEX "repository_collaborator_login_idx" ON "repository_collaborator"("login");

-- CreateIndex
CREATE UNIQUE INDEX "cloud_resource_resource_id_key" ON "cloud_resource"("resource_id");

-- CreateIndex
CREATE INDEX "cloud_resource_subscription_id_type_idx" ON "cloud_resource"("subscription_id", "type");

-- CreateIndex
CREATE INDEX "cloud_resource_repository_id_idx" ON "cloud_resource"("repository_id");

-- CreateIndex
CREATE INDEX "secure_score_snapshot_captured_at_idx" ON "secure_score_snapshot"("captured_at");

-- CreateIndex
CREATE UNIQUE INDEX "secure_score_snapshot_subscription_id_score_name_captured_a_key" ON "secure_score_snapshot"("subscription_id", "score_name", "captured_at");

-- CreateIndex
CREATE INDEX "user_upn_idx" ON "user"("upn");

-- CreateIndex
CREATE UNIQUE INDEX "user_tenant_id_object_id_key" ON "user"("tenant_id", "object_id");

-- CreateIndex
CREATE INDEX "identity_link_tenant_id_entra_object_id_idx" ON "identity_link"("tenant_id", "entra_object_id");

-- CreateIndex
CREATE INDEX "identity_link_entra_upn_idx" ON "identity_link"("entra_upn");

-- CreateIndex
CREATE UNIQUE INDEX "identity_link_organization_id_login_origin_key" ON "identity_link"("organization_id", "login", "origin");

-- CreateIndex
CREATE INDEX "group_team_link_team_id_idx" ON "group_team_link"("team_id");

-- CreateIndex
CREATE UNIQUE INDEX "group_team_link_entra_group_id_team_id_key" ON "group_team_link"("entra_group_id", "team_id");

-- CreateIndex
CREATE UNIQUE INDEX "session_token_hash_key" ON "session"("token_hash");

-- CreateIndex
CREATE INDEX "session_user_id_idx" ON "session"("user_id");

-- CreateIndex
CREATE INDEX "session_absolute_expires_at_idx" ON "session"("absolute_expires_at");

-- CreateIndex
CREATE INDEX "login_state_expires_at_idx" ON "login_state"("expires_at");

-- CreateIndex
CREATE INDEX "finding_repository_id_state_severity_id_idx" ON "finding"("repository_id", "state", "severity", "id");

-- CreateIndex
CREATE INDEX "finding_organization_id_state_severity_idx" ON "finding"("organization_id", "state", "severity");

-- CreateIndex
CREATE INDEX "finding_state_severity_id_idx" ON "finding"("state", "severity", "id");

-- CreateIndex
CREATE INDEX "finding_stage_state_idx" ON "finding"("stage", "state");

-- CreateIndex
CREATE INDEX "finding_cloud_resource_id_state_idx" ON "finding"("cloud_resource_id", "state");

-- CreateIndex
CREATE INDEX "finding_fingerprint_idx" ON "finding"("fingerprint");

-- CreateIndex
CREATE INDEX "finding_updated_at_idx" ON "finding"("updated_at");

-- CreateIndex
CREATE UNIQUE INDEX "finding_source_source_id_key" ON "finding"("source", "source_id");

-- CreateIndex
CREATE INDEX "finding_event_finding_id_occurred_at_idx" ON "finding_event"("finding_id", "occurred_at");

-- CreateIndex
CREATE INDEX "finding_event_occurred_at_idx" ON "finding_event"("occurred_at");

-- CreateIndex
CREATE INDEX "control_result_repository_id_control_id_evaluated_at_idx" ON "control_result"("repository_id", "control_id", "evaluated_at");

-- CreateIndex
CREATE INDEX "control_result_cloud_resource_id_control_id_evaluated_at_idx" ON "control_result"("cloud_resource_id", "control_id", "evaluated_at");

-- CreateIndex
CREATE INDEX "control_result_control_id_status_superseded_at_idx" ON "control_result"("control_id", "status", "superseded_at");

-- CreateIndex
CREATE INDEX "risk_acceptance_finding_id_idx" ON "risk_acceptance"("finding_id");

-- CreateIndex
CREATE INDEX "risk_acceptance_repository_id_rule_id_idx" ON "risk_acceptance"("repository_id", "rule_id");

-- CreateIndex
CREATE INDEX "risk_acceptance_status_expires_at_idx" ON "risk_acceptance"("status", "expires_at");

-- CreateIndex
CREATE INDEX "audit_event_organization_id_occurred_at_idx" ON "audit_event"("organization_id", "occurred_at");

-- CreateIndex
CREATE INDEX "audit_event_action_id_occurred_at_idx" ON "audit_event"("action_id", "occurred_at");

-- CreateIndex
CREATE INDEX "audit_event_project_id_occurred_at_idx" ON "audit_event"("project_id", "occurred_at");

-- CreateIndex
CREATE UNIQUE INDEX "audit_event_organization_id_source_id_key" ON "audit_event"("organization_id", "source_id");

-- CreateIndex
CREATE INDEX "app_audit_event_occurred_at_idx" ON "app_audit_event"("occurred_at");

-- CreateIndex
CREATE INDEX "app_audit_event_actor_object_id_occurred_at_idx" ON "app_audit_event"("actor_object_id", "occurred_at");

-- CreateIndex
CREATE INDEX "app_audit_event_action_occurred_at_idx" ON "app_audit_event"("action", "occurred_at");

-- CreateIndex
CREATE INDEX "sync_run_connection_id_stream_scope_key_queued_at_idx" ON "sync_run"("connection_id", "stream", "scope_key", "queued_at");

-- CreateIndex
CREATE INDEX "sync_run_status_heartbeat_at_idx" ON "sync_run"("status", "heartbeat_at");

-- CreateIndex
CREATE INDEX "webhook_delivery_received_at_idx" ON "webhook_delivery"("received_at");

-- CreateIndex
CREATE INDEX "posture_rollup_scope_day_stage_idx" ON "posture_rollup"("scope", "day", "stage");

-- CreateIndex
CREATE UNIQUE INDEX "posture_rollup_scope_scope_id_day_stage_key" ON "posture_rollup"("scope", "scope_id", "day", "stage");

-- CreateIndex
CREATE INDEX "notification_delivery_status_created_at_idx" ON "notification_delivery"("status", "created_at");

-- CreateIndex
CREATE UNIQUE INDEX "notification_delivery_rule_id_dedup_key_key" ON "notification_delivery"("rule_id", "dedup_key");

-- CreateIndex
CREATE INDEX "work_item_link_finding_id_idx" ON "work_item_link"("finding_id");

-- CreateIndex
CREATE UNIQUE INDEX "work_item_link_system_external_id_key" ON "work_item_link"("system", "external_id");

-- AddForeignKey
ALTER TABLE "organization" ADD CONSTRAINT "organization_connection_id_fkey" FOREIGN KEY ("connection_id") REFERENCES "connection"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "team" ADD CONSTRAINT "team_organization_id_fkey" FOREIGN KEY ("organization_id") REFERENCES "organization"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "team" ADD CONSTRAINT "team_parent_team_id_fkey" FOREIGN KEY ("parent_team_id") REFERENCES "team"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "team_repository" ADD CONSTRAINT "team_repository_team_id_fkey" FOREIGN KEY ("team_id") REFERENCES "team"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "team_repository" ADD CONSTRAINT "team_repository_repository_id_fkey" FOREIGN KEY ("repository_id") REFERENCES "repository"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "team_member" ADD CONSTRAINT "team_member_team_id_fkey" FOREIGN KEY ("team_id") REFERENCES "team"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "repository" ADD CONSTRAINT "repository_organization_id_fkey" FOREIGN KEY ("organization_id") REFERENCES "organization"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "repository_collaborator" ADD CONSTRAINT "repository_collaborator_repository_id_fkey" FOREIGN KEY ("repository_id") REFERENCES "repository"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "cloud_resource" ADD CONSTRAINT "cloud_resource_connection_id_fkey" FOREIGN KEY ("connection_id") REFERENCES "connection"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "cloud_resource" ADD CONSTRAINT "cloud_resource_repository_id_fkey" FOREIGN KEY ("repository_id") REFERENCES "repository"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "identity_link" ADD CONSTRAINT "identity_link_organization_id_fkey" FOREIGN KEY ("organization_id") REFERENCES "organization"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "group_team_link" ADD CONSTRAINT "group_team_link_team_id_fkey" FOREIGN KEY ("team_id") REFERENCES "team"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "session" ADD CONSTRAINT "session_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "user"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "finding" ADD CONSTRAINT "finding_connection_id_fkey" FOREIGN KEY ("connection_id") REFERENCES "connection"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "finding" ADD CONSTRAINT "finding_organization_id_fkey" FOREIGN KEY ("organization_id") REFERENCES "organization"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "finding" ADD CONSTRAINT "finding_repository_id_fkey" FOREIGN KEY ("repository_id") REFERENCES "repository"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "finding" ADD CONSTRAINT "finding_cloud_resource_id_fkey" FOREIGN KEY ("cloud_resource_id") REFERENCES "cloud_resource"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "finding_event" ADD CONSTRAINT "finding_event_finding_id_fkey" FOREIGN KEY ("finding_id") REFERENCES "finding"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "finding_event" ADD CONSTRAINT "finding_event_sync_run_id_fkey" FOREIGN KEY ("sync_run_id") REFERENCES "sync_run"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "control_result" ADD CONSTRAINT "control_result_repository_id_fkey" FOREIGN KEY ("repository_id") REFERENCES "repository"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "control_result" ADD CONSTRAINT "control_result_cloud_resource_id_fkey" FOREIGN KEY ("cloud_resource_id") REFERENCES "cloud_resource"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "risk_acceptance" ADD CONSTRAINT "risk_acceptance_finding_id_fkey" FOREIGN KEY ("finding_id") REFERENCES "finding"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "risk_acceptance" ADD CONSTRAINT "risk_acceptance_repository_id_fkey" FOREIGN KEY ("repository_id") REFERENCES "repository"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "audit_event" ADD CONSTRAINT "audit_event_connection_id_fkey" FOREIGN KEY ("connection_id") REFERENCES "connection"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "audit_event" ADD CONSTRAINT "audit_event_organization_id_fkey" FOREIGN KEY ("organization_id") REFERENCES "organization"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "sync_run" ADD CONSTRAINT "sync_run_connection_id_fkey" FOREIGN KEY ("connection_id") REFERENCES "connection"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "sync_checkpoint" ADD CONSTRAINT "sync_checkpoint_connection_id_fkey" FOREIGN KEY ("connection_id") REFERENCES "connection"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "notification_delivery" ADD CONSTRAINT "notification_delivery_rule_id_fkey" FOREIGN KEY ("rule_id") REFERENCES "notification_rule"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "work_item_link" ADD CONSTRAINT "work_item_link_finding_id_fkey" FOREIGN KEY ("finding_id") REFERENCES "finding"("id") ON DELETE SET NULL ON UPDATE CASCADE;
