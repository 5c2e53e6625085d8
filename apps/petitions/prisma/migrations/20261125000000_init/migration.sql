-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "public";

-- CreateEnum
CREATE TYPE "PetitionChannel" AS ENUM ('LETTER', 'VISIT', 'HOTLINE_12309', 'ONLINE_12309', 'GRID_REFERRAL');

-- CreateEnum
CREATE TYPE "PetitionCategory" AS ENUM ('CRIMINAL_APPEAL', 'STATE_COMPENSATION', 'CASE_FILING_SUPERVISION', 'CIVIL_SUPERVISION', 'ADMINISTRATIVE_SUPERVISION', 'COMPLAINT', 'SUGGESTION');

-- CreateEnum
CREATE TYPE "PetitionStatus" AS ENUM ('RECEIVED', 'ACKNOWLEDGED', 'IN_PROGRESS', 'CONCLUDED', 'CLOSED', 'REFERRED');

-- CreateTable
CREATE TABLE "outbox_event" (
    "seq" BIGSERIAL NOT NULL,
    "id" UUID NOT NULL,
    "topic" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    "envelope" JSONB NOT NULL,
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "published_at" TIMESTAMPTZ(6),

    CONSTRAINT "outbox_event_pkey" PRIMARY KEY ("seq")
);

-- CreateTable
CREATE TABLE "processed_event" (
    "consumer" TEXT NOT NULL,
    "event_id" UUID NOT NULL,
    "processed_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "processed_event_pkey" PRIMARY KEY ("consumer","event_id")
);

-- CreateTable
CREATE TABLE "petition" (
    "id" UUID NOT NULL,
    "channel" "PetitionChannel" NOT NULL,
    "category" "PetitionCategory" NOT NULL,
    "status" "PetitionStatus" NOT NULL DEFAULT 'RECEIVED',
    "district_code" CHAR(6) NOT NULL,
    "first_time" BOOLEAN NOT NULL,
    "content" TEXT NOT NULL,
    "petitioner_name" TEXT NOT NULL,
    "petitioner_id_number" VARCHAR(18),
    "petitioner_phone" TEXT,
    "received_at" TIMESTAMPTZ(3) NOT NULL,
    "procedural_reply_due_at" TIMESTAMPTZ(3) NOT NULL,
    "result_reply_due_at" TIMESTAMPTZ(3) NOT NULL,
    "received_by" TEXT NOT NULL,

    CONSTRAINT "petition_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "audit_log" (
    "id" BIGSERIAL NOT NULL,
    "actor" TEXT NOT NULL,
    "actor_roles" TEXT[],
    "record_type" TEXT NOT NULL,
    "record_id" TEXT NOT NULL,
    "field" TEXT NOT NULL,
    "request_id" TEXT NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "audit_log_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "outbox_event_id_key" ON "outbox_event"("id");

-- CreateIndex
CREATE INDEX "outbox_event_unpublished_idx" ON "outbox_event"("seq") WHERE (published_at IS NULL);

-- CreateIndex
CREATE INDEX "petition_district_code_received_at_id_idx" ON "petition"("district_code", "received_at" DESC, "id");

-- CreateIndex
CREATE INDEX "petition_district_code_status_idx" ON "petition"("district_code", "status");

-- CreateIndex
CREATE INDEX "petition_procedural_reply_due_at_idx" ON "petition"("procedural_reply_due_at");

-- CreateIndex
CREATE INDEX "audit_log_record_type_record_id_idx" ON "audit_log"("record_type", "record_id");

-- CreateIndex
CREATE INDEX "audit_log_actor_at_idx" ON "audit_log"("actor", "at");

