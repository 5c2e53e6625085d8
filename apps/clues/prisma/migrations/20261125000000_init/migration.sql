-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "public";

-- CreateEnum
CREATE TYPE "ClueSource" AS ENUM ('GRID_REPORT', 'HOTLINE_12309', 'GRID_CENTRE_REFERRAL', 'COMMUNITY_CORRECTIONS', 'INTERNAL_TRANSFER', 'PETITION');

-- CreateEnum
CREATE TYPE "ClueCategory" AS ENUM ('PUBLIC_INTEREST_ECOLOGY', 'PUBLIC_INTEREST_FOOD_DRUG', 'PUBLIC_INTEREST_STATE_ASSETS', 'PUBLIC_INTEREST_LAND', 'PUBLIC_INTEREST_WORK_SAFETY', 'PUBLIC_INTEREST_HERITAGE', 'PUBLIC_INTEREST_MINORS', 'CRIMINAL', 'CIVIL', 'ADMINISTRATIVE', 'COMMUNITY_CORRECTIONS');

-- CreateEnum
CREATE TYPE "ClueStatus" AS ENUM ('SUBMITTED', 'ACCEPTED', 'REJECTED', 'ASSIGNED', 'TRANSFERRED', 'CASE_OPENED', 'CLOSED_NO_ACTION');

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
CREATE TABLE "clue" (
    "id" UUID NOT NULL,
    "number" TEXT NOT NULL,
    "district_code" CHAR(6) NOT NULL,
    "year" INTEGER NOT NULL,
    "seq" INTEGER NOT NULL,
    "title" TEXT NOT NULL,
    "description" TEXT NOT NULL,
    "source" "ClueSource" NOT NULL,
    "category" "ClueCategory" NOT NULL,
    "status" "ClueStatus" NOT NULL DEFAULT 'SUBMITTED',
    "grid_code" TEXT,
    "location" TEXT,
    "reporter_member_id" UUID,
    "submitted_by" TEXT NOT NULL,
    "submitted_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "clue_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "clue_number_counter" (
    "district_code" CHAR(6) NOT NULL,
    "year" INTEGER NOT NULL,
    "last" INTEGER NOT NULL,

    CONSTRAINT "clue_number_counter_pkey" PRIMARY KEY ("district_code","year")
);

-- CreateTable
CREATE TABLE "clue_transition" (
    "id" BIGSERIAL NOT NULL,
    "clue_id" UUID NOT NULL,
    "from" "ClueStatus",
    "to" "ClueStatus" NOT NULL,
    "by" TEXT NOT NULL,
    "reason" TEXT,
    "at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "clue_transition_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "outbox_event_id_key" ON "outbox_event"("id");

-- CreateIndex
CREATE INDEX "outbox_event_unpublished_idx" ON "outbox_event"("seq") WHERE (published_at IS NULL);

-- CreateIndex
CREATE UNIQUE INDEX "clue_number_key" ON "clue"("number");

-- CreateIndex
CREATE INDEX "clue_district_code_submitted_at_id_idx" ON "clue"("district_code", "submitted_at" DESC, "id");

-- CreateIndex
CREATE INDEX "clue_district_code_status_idx" ON "clue"("district_code", "status");

-- CreateIndex
CREATE INDEX "clue_submitted_by_submitted_at_idx" ON "clue"("submitted_by", "submitted_at" DESC);

-- CreateIndex
CREATE INDEX "clue_grid_code_category_submitted_at_idx" ON "clue"("grid_code", "category", "submitted_at");

-- CreateIndex
CREATE UNIQUE INDEX "clue_district_code_year_seq_key" ON "clue"("district_code", "year", "seq");

-- CreateIndex
CREATE INDEX "clue_transition_clue_id_at_idx" ON "clue_transition"("clue_id", "at");

-- AddForeignKey
ALTER TABLE "clue_transition" ADD CONSTRAINT "clue_transition_clue_id_fkey" FOREIGN KEY ("clue_id") REFERENCES "clue"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

